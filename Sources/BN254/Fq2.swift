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

    /// Product (Karatsuba with lazy reduction: three unreduced 512-bit products, two Montgomery
    /// reductions).
    ///
    /// With v0 = a0·b0, v1 = a1·b1 and the cross product (a0 + a1)(b0 + b1) of unreduced sums
    /// (below 2p < 2^255), c1 = cross − v0 − v1 = a0·b1 + a1·b0 < 2p² and c0 = v0 − v1 (plus p·2^256
    /// when negative) both lie in [0, p·2^256), the input range of one Montgomery reduction.
    @inlinable @inline(__always)
    public static func * (lhs: Fq2, rhs: Fq2) -> Fq2 {
        typealias Arithmetic = MontgomeryArithmetic<FqParameters>
        let a0 = lhs.c0.montgomery
        let a1 = lhs.c1.montgomery
        let b0 = rhs.c0.montgomery
        let b1 = rhs.c1.montgomery
        let v0 = Arithmetic.wideMul(a0, b0)
        let v1 = Arithmetic.wideMul(a1, b1)
        let cross = Arithmetic.wideMul(Arithmetic.addUnreduced(a0, a1), Arithmetic.addUnreduced(b0, b1))
        let (real, borrow) = v0.subtractingWithBorrow(v1)
        let mask = 0 &- borrow
        let p = FqParameters.modulus
        let c0 = Arithmetic.reduce(real.addingToHighHalf(UInt256(p.w0 & mask, p.w1 & mask, p.w2 & mask, p.w3 & mask)))
        let c1 = Arithmetic.reduce(cross.subtractingWithBorrow(v0).difference.subtractingWithBorrow(v1).difference)
        return Fq2(Fq(montgomery: c0), Fq(montgomery: c1))
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

    /// The square: (a0 + a1)(a0 − a1) + 2·a0·a1·u, as two unreduced products (each below 2p², the
    /// sums left unreduced) and two Montgomery reductions.
    @inlinable @inline(__always)
    public func squared() -> Fq2 {
        typealias Arithmetic = MontgomeryArithmetic<FqParameters>
        let a0 = c0.montgomery
        let a1 = c1.montgomery
        let real = Arithmetic.wideMul(Arithmetic.addUnreduced(a0, a1), Arithmetic.sub(a0, a1))
        let imaginary = Arithmetic.wideMul(a0, Arithmetic.addUnreduced(a1, a1))
        return Fq2(Fq(montgomery: Arithmetic.reduce(real)), Fq(montgomery: Arithmetic.reduce(imaginary)))
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
