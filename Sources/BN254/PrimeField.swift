/// An element of the prime field defined by `P`, stored in Montgomery form.
///
/// ``Fq`` (the base field of BN254) and ``Fr`` (its scalar field) are the two instances. Addition,
/// subtraction, negation and multiplication are branch-free; ``inverse()``, ``pow(_:)`` and
/// ``squareRoot()`` run in time that depends only on the public exponent, not on the element.
@frozen
public struct PrimeField<P: PrimeFieldParameters>: Hashable, Sendable {
    /// The element's Montgomery representation x·R mod p (always fully reduced).
    public var montgomery: UInt256

    /// Wraps a Montgomery representation that is already reduced below p.
    @inlinable @inline(__always)
    public init(montgomery: UInt256) {
        self.montgomery = montgomery
    }

    /// Zero.
    @inlinable
    public static var zero: Self { Self(montgomery: .zero) }

    /// One.
    @inlinable
    public static var one: Self { Self(montgomery: P.montgomeryOne) }

    /// The field's modulus p.
    @inlinable
    public static var modulus: UInt256 { P.modulus }

    /// The element `value mod p` for a small integer.
    @inlinable
    public init(_ value: UInt64) {
        self.init(montgomery: MontgomeryArithmetic<P>.mul(UInt256(value), P.montgomeryRSquared))
    }

    /// The element with canonical value `value`.
    /// - Throws: ``BN254Error`` `.nonCanonical` when `value ≥ p`.
    @inlinable
    public init(canonical value: UInt256) throws(BN254Error) {
        guard value < P.modulus else {
            throw BN254Error(.nonCanonical, "\(P.fieldName) element \(value) is not below the modulus \(P.modulus)")
        }
        self.init(montgomery: MontgomeryArithmetic<P>.mul(value, P.montgomeryRSquared))
    }

    /// The element `value mod p` for any 256-bit value (used for hashing to the field).
    @inlinable
    public init(reducing value: UInt256) {
        var reduced = value
        while !(reduced < P.modulus) { reduced = reduced.subtractingWithBorrow(P.modulus).difference }
        self.init(montgomery: MontgomeryArithmetic<P>.mul(reduced, P.montgomeryRSquared))
    }

    /// The canonical integer value in [0, p).
    @inlinable
    public var canonical: UInt256 { MontgomeryArithmetic<P>.mul(montgomery, UInt256(1)) }

    /// Whether the element is zero.
    @inlinable
    public var isZero: Bool { montgomery.isZero }

    /// Whether the element is one.
    @inlinable
    public var isOne: Bool { montgomery == P.montgomeryOne }

    /// Sum.
    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(montgomery: MontgomeryArithmetic<P>.add(lhs.montgomery, rhs.montgomery))
    }

    /// Difference.
    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(montgomery: MontgomeryArithmetic<P>.sub(lhs.montgomery, rhs.montgomery))
    }

    /// Product.
    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(montgomery: MontgomeryArithmetic<P>.mul(lhs.montgomery, rhs.montgomery))
    }

    /// Additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (value: Self) -> Self {
        Self(montgomery: MontgomeryArithmetic<P>.sub(.zero, value.montgomery))
    }

    /// In-place sum.
    @inlinable @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    /// In-place difference.
    @inlinable @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }

    /// In-place product.
    @inlinable @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    /// The square of the element (a multiplication: a dedicated squaring with 10 limb products and a
    /// separate reduction measured no faster than the interleaved CIOS product).
    @inlinable @inline(__always)
    public func squared() -> Self { self * self }

    /// Twice the element.
    @inlinable @inline(__always)
    public func doubled() -> Self { self + self }

    /// The element raised to a 256-bit exponent (square-and-multiply; time depends on the exponent only).
    @inlinable
    public func pow(_ exponent: UInt256) -> Self {
        var result = Self.one
        let width = exponent.bitWidth
        var index = width - 1
        while index >= 0 {
            result = result.squared()
            if exponent.bit(index) { result = result * self }
            index -= 1
        }
        return result
    }

    /// The multiplicative inverse by Fermat's little theorem, or nil for zero.
    @inlinable
    public func inverse() -> Self? {
        if isZero { return nil }
        return pow(P.modulus.subtractingWithBorrow(UInt256(2)).difference)
    }

    /// The Legendre symbol: 1 for a non-zero square, −1 for a non-square, 0 for zero.
    @inlinable
    public func legendre() -> Int {
        if isZero { return 0 }
        let exponent = P.modulus.subtractingWithBorrow(UInt256(1)).difference.shiftedRight(by: 1)
        return pow(exponent).isOne ? 1 : -1
    }
}

extension PrimeField: CustomStringConvertible {
    /// The canonical value in decimal.
    public var description: String { canonical.decimalString }
}
