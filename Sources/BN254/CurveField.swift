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
}

extension PrimeField: CurveField {}

extension Fq2: CurveField {}

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
