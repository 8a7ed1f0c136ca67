/// An element c0 + c1·v + c2·v² of Fq6 = Fq2[v]/(v³ − ξ), ξ = 9 + u: the middle level of the
/// pairing's tower.
@frozen
public struct Fq6: Hashable, Sendable {
    /// The constant coefficient.
    public var c0: Fq2
    /// The coefficient of v.
    public var c1: Fq2
    /// The coefficient of v².
    public var c2: Fq2

    /// Creates c0 + c1·v + c2·v².
    @inlinable @inline(__always)
    public init(_ c0: Fq2, _ c1: Fq2, _ c2: Fq2) {
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
    }

    /// Zero.
    @inlinable public static var zero: Fq6 { Fq6(.zero, .zero, .zero) }
    /// One.
    @inlinable public static var one: Fq6 { Fq6(.one, .zero, .zero) }

    /// Whether every coefficient is zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    /// Sum.
    @inlinable @inline(__always)
    public static func + (lhs: Fq6, rhs: Fq6) -> Fq6 { Fq6(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1, lhs.c2 + rhs.c2) }

    /// Difference.
    @inlinable @inline(__always)
    public static func - (lhs: Fq6, rhs: Fq6) -> Fq6 { Fq6(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1, lhs.c2 - rhs.c2) }

    /// Additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (value: Fq6) -> Fq6 { Fq6(-value.c0, -value.c1, -value.c2) }

    /// In-place sum.
    @inlinable @inline(__always)
    public static func += (lhs: inout Fq6, rhs: Fq6) { lhs = lhs + rhs }

    /// In-place difference.
    @inlinable @inline(__always)
    public static func -= (lhs: inout Fq6, rhs: Fq6) { lhs = lhs - rhs }

    /// In-place product.
    @inlinable @inline(__always)
    public static func *= (lhs: inout Fq6, rhs: Fq6) { lhs = lhs * rhs }

    /// Twice the element.
    @inlinable @inline(__always)
    public func doubled() -> Fq6 { Fq6(c0.doubled(), c1.doubled(), c2.doubled()) }

    /// Product (Karatsuba over three coefficients: six Fq2 multiplications).
    @inlinable @inline(__always)
    public static func * (lhs: Fq6, rhs: Fq6) -> Fq6 {
        let t0 = lhs.c0 * rhs.c0
        let t1 = lhs.c1 * rhs.c1
        let t2 = lhs.c2 * rhs.c2
        // c0 = t0 + ξ·((a1 + a2)(b1 + b2) − t1 − t2)
        let r0 = ((lhs.c1 + lhs.c2) * (rhs.c1 + rhs.c2) - t1 - t2).multipliedByNonResidue() + t0
        // c1 = (a0 + a1)(b0 + b1) − t0 − t1 + ξ·t2
        let r1 = (lhs.c0 + lhs.c1) * (rhs.c0 + rhs.c1) - t0 - t1 + t2.multipliedByNonResidue()
        // c2 = (a0 + a2)(b0 + b2) − t0 − t2 + t1
        let r2 = (lhs.c0 + lhs.c2) * (rhs.c0 + rhs.c2) - t0 - t2 + t1
        return Fq6(r0, r1, r2)
    }

    /// Product with an Fq2 scalar.
    @inlinable @inline(__always)
    public static func * (lhs: Fq6, rhs: Fq2) -> Fq6 { Fq6(lhs.c0 * rhs, lhs.c1 * rhs, lhs.c2 * rhs) }

    /// The square (Chung–Hasan SQ2: two multiplications and three squarings in Fq2).
    @inlinable @inline(__always)
    public func squared() -> Fq6 {
        let s0 = c0.squared()
        let ab = c0 * c1
        let s1 = ab.doubled()
        let s2 = (c0 - c1 + c2).squared()
        let bc = c1 * c2
        let s3 = bc.doubled()
        let s4 = c2.squared()
        return Fq6(s3.multipliedByNonResidue() + s0, s4.multipliedByNonResidue() + s1, s1 + s2 + s3 - s0 - s4)
    }

    /// The product with v: (c0 + c1·v + c2·v²)·v = ξ·c2 + c0·v + c1·v².
    @inlinable @inline(__always)
    public func multipliedByV() -> Fq6 { Fq6(c2.multipliedByNonResidue(), c0, c1) }

    /// The product with b0 + b1·v (a sparse element: five Fq2 multiplications).
    @inlinable @inline(__always)
    public func multiplied(by b0: Fq2, _ b1: Fq2) -> Fq6 {
        let t0 = c0 * b0
        let t1 = c1 * b1
        let r0 = ((c1 + c2) * b1 - t1).multipliedByNonResidue() + t0
        let r1 = (c0 + c1) * (b0 + b1) - t0 - t1
        let r2 = c2 * b0 + t1
        return Fq6(r0, r1, r2)
    }

    /// The product with b1·v (a sparse element: three Fq2 multiplications).
    @inlinable @inline(__always)
    public func multiplied(byV b1: Fq2) -> Fq6 {
        Fq6((c2 * b1).multipliedByNonResidue(), c0 * b1, c1 * b1)
    }

    /// The multiplicative inverse, or nil for zero.
    @inlinable
    public func inverse() -> Fq6? {
        // With A = c0² − ξc1c2, B = ξc2² − c0c1, C = c1² − c0c2 the inverse is (A + Bv + Cv²)/N,
        // N = c0·A + ξ(c2·B + c1·C) ∈ Fq2.
        let a = c0.squared() - (c1 * c2).multipliedByNonResidue()
        let b = c2.squared().multipliedByNonResidue() - c0 * c1
        let c = c1.squared() - c0 * c2
        let norm = c0 * a + (c2 * b + c1 * c).multipliedByNonResidue()
        guard let normInverse = norm.inverse() else { return nil }
        return Fq6(a * normInverse, b * normInverse, c * normInverse)
    }

    /// The Frobenius map x ↦ x^(q^power) for any power (reduced mod 6).
    @inlinable
    public func frobenius(_ power: Int) -> Fq6 {
        let k = ((power % 6) + 6) % 6
        if k == 0 { return self }
        let table = FrobeniusCoefficients.table
        return Fq6(
            c0.frobenius(k),
            c1.frobenius(k) * table.gamma[k][2],
            c2.frobenius(k) * table.gamma[k][4])
    }
}
