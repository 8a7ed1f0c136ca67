/// An element c0 + c1·w of Fq12 = Fq6[w]/(w² − v): the target field of the pairing.
///
/// With w⁶ = ξ = 9 + u, the six Fq2 coefficients (c0.c0, c0.c1, c0.c2, c1.c0, c1.c1, c1.c2) are
/// those of 1, w², w⁴, w, w³, w⁵. Pairing values lie in the order-r subgroup of the cyclotomic
/// subgroup, where ``conjugate()`` is the inverse.
@frozen
public struct Fq12: Hashable, Sendable {
    /// The coefficient of 1.
    public var c0: Fq6
    /// The coefficient of w.
    public var c1: Fq6

    /// Creates c0 + c1·w.
    @inlinable @inline(__always)
    public init(_ c0: Fq6, _ c1: Fq6) {
        self.c0 = c0
        self.c1 = c1
    }

    /// Zero.
    @inlinable public static var zero: Fq12 { Fq12(.zero, .zero) }
    /// One, the identity of the target group.
    @inlinable public static var one: Fq12 { Fq12(.one, .zero) }

    /// Whether the element is zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    /// Whether the element is one (the outcome a successful pairing check looks for).
    @inlinable public var isOne: Bool { self == .one }

    /// Sum.
    @inlinable @inline(__always)
    public static func + (lhs: Fq12, rhs: Fq12) -> Fq12 { Fq12(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1) }

    /// Difference.
    @inlinable @inline(__always)
    public static func - (lhs: Fq12, rhs: Fq12) -> Fq12 { Fq12(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1) }

    /// Additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (value: Fq12) -> Fq12 { Fq12(-value.c0, -value.c1) }

    /// In-place sum.
    @inlinable @inline(__always)
    public static func += (lhs: inout Fq12, rhs: Fq12) { lhs = lhs + rhs }

    /// In-place difference.
    @inlinable @inline(__always)
    public static func -= (lhs: inout Fq12, rhs: Fq12) { lhs = lhs - rhs }

    /// In-place product.
    @inlinable @inline(__always)
    public static func *= (lhs: inout Fq12, rhs: Fq12) { lhs = lhs * rhs }

    /// Product (Karatsuba: three Fq6 multiplications).
    @inlinable
    public static func * (lhs: Fq12, rhs: Fq12) -> Fq12 {
        let t0 = lhs.c0 * rhs.c0
        let t1 = lhs.c1 * rhs.c1
        let cross = (lhs.c0 + lhs.c1) * (rhs.c0 + rhs.c1)
        return Fq12(t0 + t1.multipliedByV(), cross - t0 - t1)
    }

    /// The square ("complex" squaring: two Fq6 multiplications).
    @inlinable
    public func squared() -> Fq12 {
        let product = c0 * c1
        let mixed = (c0 + c1) * (c0 + c1.multipliedByV())
        return Fq12(mixed - product - product.multipliedByV(), product.doubled())
    }

    /// The conjugate c0 − c1·w, which is x^(q⁶); for elements of the cyclotomic subgroup (every
    /// pairing value) it is also the inverse.
    @inlinable @inline(__always)
    public func conjugate() -> Fq12 { Fq12(c0, -c1) }

    /// The multiplicative inverse, or nil for zero: (c0 − c1·w)/(c0² − v·c1²).
    @inlinable
    public func inverse() -> Fq12? {
        let norm = c0.squared() - c1.squared().multipliedByV()
        guard let normInverse = norm.inverse() else { return nil }
        return Fq12(c0 * normInverse, -(c1 * normInverse))
    }

    /// The product with the sparse element d0 + d3·w + d4·v·w (a Miller-loop line: thirteen Fq2
    /// multiplications instead of eighteen).
    @inlinable @inline(__always)
    public func multiplied(byLine d0: Fq2, _ d3: Fq2, _ d4: Fq2) -> Fq12 {
        let t0 = c0 * d0
        let t1 = c1.multiplied(by: d3, d4)
        let cross = (c0 + c1).multiplied(by: d0 + d3, d4)
        return Fq12(t0 + t1.multipliedByV(), cross - t0 - t1)
    }

    /// The Frobenius map x ↦ x^(q^power) for any power (reduced mod 12).
    @inlinable
    public func frobenius(_ power: Int) -> Fq12 {
        let k = ((power % 12) + 12) % 12
        if k == 0 { return self }
        if k == 6 { return conjugate() }
        let j = k % 6
        let table = FrobeniusCoefficients.table
        let row = table.gamma[j]
        let sign = k >= 6
        // x^(q^k) = (x^(q^6))^(q^(k−6)) when k > 6.
        let source = sign ? conjugate() : self
        return Fq12(
            Fq6(source.c0.c0.frobenius(j), source.c0.c1.frobenius(j) * row[2], source.c0.c2.frobenius(j) * row[4]),
            Fq6(
                source.c1.c0.frobenius(j) * row[1], source.c1.c1.frobenius(j) * row[3],
                source.c1.c2.frobenius(j) * row[5]))
    }

    /// The element raised to an unsigned exponent given as little-endian 64-bit words
    /// (square-and-multiply; works for any element).
    public func pow(words exponent: [UInt64]) -> Fq12 {
        var result = Fq12.one
        for word in exponent.reversed() {
            var bit = 63
            while bit >= 0 {
                result = result.squared()
                if (word >> UInt64(bit)) & 1 == 1 { result *= self }
                bit -= 1
            }
        }
        return result
    }
}
