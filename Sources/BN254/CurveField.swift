/// The field operations elliptic-curve arithmetic needs, shared by ``Fq`` (G1 coordinates) and
/// ``Fq2`` (G2 coordinates) so that point formulas, scalar multiplication and MSM are written once.
///
/// Every requirement is satisfied by `@inlinable` members of the conforming types, and the generic
/// code that uses them is `@inlinable` too, so callers get specialised, fully inlined arithmetic.
public protocol CurveField: Hashable, Sendable {
    /// The additive identity.
    static var zero: Self { get }
    /// The multiplicative identity.
    static var one: Self { get }
    /// Whether the element is zero.
    var isZero: Bool { get }
    /// Sum.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Difference.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Product.
    static func * (lhs: Self, rhs: Self) -> Self
    /// Additive inverse.
    static prefix func - (value: Self) -> Self
    /// The square.
    func squared() -> Self
    /// Twice the element.
    func doubled() -> Self
    /// The multiplicative inverse, or nil for zero.
    func inverse() -> Self?

    /// The field in which batched inversions run: the field itself for a prime field, Fq for ``Fq2``.
    associatedtype NormField: CurveField
    /// An element of ``NormField`` that is zero exactly when `self` is, and whose inverse gives the
    /// inverse of `self` through ``inverse(normInverse:)``: the element itself for a prime field,
    /// the norm c0² + c1² for ``Fq2``.
    var inversionNorm: NormField { get }
    /// The inverse of `self` given the inverse of its ``inversionNorm`` (for a non-zero element).
    func inverse(normInverse: NormField) -> Self
}

extension PrimeField: CurveField {
    /// The element itself.
    @inlinable @inline(__always)
    public var inversionNorm: Self { self }

    /// `normInverse`, which is already the inverse.
    @inlinable @inline(__always)
    public func inverse(normInverse: Self) -> Self { normInverse }
}

extension Fq2: CurveField {
    /// The norm c0² + c1² (zero only for zero, since −1 is not a square in Fq), with one Montgomery
    /// reduction of the summed squares (below 2p² < p·2^256).
    @inlinable @inline(__always)
    public var inversionNorm: Fq {
        typealias Arithmetic = MontgomeryArithmetic<FqParameters>
        let sum = Arithmetic.wideSquare(c0.montgomery).adding(Arithmetic.wideSquare(c1.montgomery))
        return Fq(montgomery: Arithmetic.reduce(sum))
    }

    /// (c0 − c1·u)·normInverse.
    @inlinable @inline(__always)
    public func inverse(normInverse: Fq) -> Fq2 { Fq2(c0 * normInverse, -(c1 * normInverse)) }
}

extension CurveField {
    /// Inverts every non-zero element of `values` in place with one field inversion (Montgomery's
    /// trick); zeros stay zero.
    @inlinable
    public static func batchInvertInPlace(_ values: inout [Self]) {
        var prefix = [Self](repeating: .one, count: values.count)
        var accumulator = Self.one
        for index in values.indices where !values[index].isZero {
            prefix[index] = accumulator
            accumulator = accumulator * values[index]
        }
        guard var inverse = accumulator.inverse() else { return }
        for index in values.indices.reversed() where !values[index].isZero {
            let original = values[index]
            values[index] = inverse * prefix[index]
            inverse = inverse * original
        }
    }
}
