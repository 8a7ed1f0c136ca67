/// An affine point of one of BN254's groups (``G1Affine`` or ``G2Affine``): the interface that the
/// generic ``JacobianPoint`` arithmetic, scalar multiplication and MSM are written against.
public protocol AffineCurvePoint: Hashable, Sendable {
    /// The coordinate field (``Fq`` for G1, ``Fq2`` for G2).
    associatedtype Field: CurveField
    /// The x-coordinate (zero for the point at infinity).
    var x: Field { get }
    /// The y-coordinate (zero for the point at infinity).
    var y: Field { get }
    /// Whether this is the point at infinity.
    var isInfinity: Bool { get }
    /// A finite point with the given coordinates (not checked).
    init(x: Field, y: Field)
    /// The point at infinity.
    static var infinity: Self { get }
    /// The group's standard generator.
    static var generator: Self { get }
    /// The constant b of the curve equation y² = x³ + b.
    static var curveConstant: Field { get }
    /// The negation (x, −y).
    static prefix func - (point: Self) -> Self
}

extension G1Affine: AffineCurvePoint {
    /// b = 3.
    @inlinable
    public static var curveConstant: Fq { curveB }
}

extension G2Affine: AffineCurvePoint {
    /// b' = 3/(9+u).
    public static var curveConstant: Fq2 { twistB }
}
