/// An element c0 + c1·u of Fq2 = Fq[u]/(u² + 1), the field of G2 coordinates.
@frozen
public struct Fq2: Hashable, Sendable {
    /// The real part.
    public var c0: Fq
    /// The coefficient of u.
    public var c1: Fq

    /// Creates c0 + c1·u.
    @inlinable @inline(__always)
    public init(_ c0: Fq, _ c1: Fq) {
        self.c0 = c0
        self.c1 = c1
    }

    /// Zero.
    @inlinable public static var zero: Fq2 { Fq2(.zero, .zero) }
    /// One.
    @inlinable public static var one: Fq2 { Fq2(.one, .zero) }
    /// ξ = 9 + u, the non-residue that defines Fq6 (v³ = ξ) and the twist.
    @inlinable public static var nonResidue: Fq2 { Fq2(Fq(9), .one) }

    /// Whether both parts are zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    /// Sum.
    @inlinable @inline(__always)
    public static func + (lhs: Fq2, rhs: Fq2) -> Fq2 { Fq2(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1) }

    /// Difference.
    @inlinable @inline(__always)
    public static func - (lhs: Fq2, rhs: Fq2) -> Fq2 { Fq2(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1) }

    /// Additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (value: Fq2) -> Fq2 { Fq2(-value.c0, -value.c1) }

    /// Product (Karatsuba: three Fq multiplications).
    @inlinable @inline(__always)
    public static func * (lhs: Fq2, rhs: Fq2) -> Fq2 {
        let v0 = lhs.c0 * rhs.c0
        let v1 = lhs.c1 * rhs.c1
        let cross = (lhs.c0 + lhs.c1) * (rhs.c0 + rhs.c1)
        return Fq2(v0 - v1, cross - v0 - v1)
    }

    /// Product with an Fq scalar.
    @inlinable @inline(__always)
    public static func * (lhs: Fq2, rhs: Fq) -> Fq2 { Fq2(lhs.c0 * rhs, lhs.c1 * rhs) }

    /// In-place sum.
    @inlinable @inline(__always)
    public static func += (lhs: inout Fq2, rhs: Fq2) { lhs = lhs + rhs }

    /// In-place difference.
    @inlinable @inline(__always)
    public static func -= (lhs: inout Fq2, rhs: Fq2) { lhs = lhs - rhs }

    /// In-place product.
    @inlinable @inline(__always)
    public static func *= (lhs: inout Fq2, rhs: Fq2) { lhs = lhs * rhs }

    /// The square ((a+b)(a−b), 2ab: two Fq multiplications).
    @inlinable @inline(__always)
    public func squared() -> Fq2 {
        let product = c0 * c1
        return Fq2((c0 + c1) * (c0 - c1), product + product)
    }

    /// Twice the element.
    @inlinable @inline(__always)
    public func doubled() -> Fq2 { Fq2(c0.doubled(), c1.doubled()) }

    /// The conjugate c0 − c1·u, which is also the q-power Frobenius map.
    @inlinable @inline(__always)
    public func conjugate() -> Fq2 { Fq2(c0, -c1) }

    /// The product with ξ = 9 + u: (9c0 − c1) + (c0 + 9c1)·u, by additions only.
    @inlinable @inline(__always)
    public func multipliedByNonResidue() -> Fq2 {
        let eight0 = c0.doubled().doubled().doubled()
        let eight1 = c1.doubled().doubled().doubled()
        return Fq2(eight0 + c0 - c1, eight1 + c1 + c0)
    }

    /// The Frobenius map x ↦ x^(q^power): the identity for even powers, conjugation for odd.
    @inlinable
    public func frobenius(_ power: Int) -> Fq2 { power % 2 == 0 ? self : conjugate() }

    /// The multiplicative inverse, or nil for zero: (c0 − c1·u) / (c0² + c1²).
    @inlinable
    public func inverse() -> Fq2? {
        guard let normInverse = (c0.squared() + c1.squared()).inverse() else { return nil }
        return Fq2(c0 * normInverse, -(c1 * normInverse))
    }

    /// The element raised to a 256-bit exponent.
    public func pow(_ exponent: UInt256) -> Fq2 {
        var result = Fq2.one
        var index = exponent.bitWidth - 1
        while index >= 0 {
            result = result.squared()
            if exponent.bit(index) { result *= self }
            index -= 1
        }
        return result
    }
}
