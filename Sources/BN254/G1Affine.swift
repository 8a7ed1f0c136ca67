/// A point of G1 on y² = x³ + 3 over Fq in affine coordinates, or the point at infinity.
///
/// Values built with ``init(x:y:)`` are not checked; decoders validate (see the curve's decoding API).
@frozen
public struct G1Affine: Hashable, Sendable {
    /// The x-coordinate (zero for the point at infinity).
    public var x: Fq
    /// The y-coordinate (zero for the point at infinity).
    public var y: Fq
    /// Whether this is the point at infinity (the group identity).
    public var isInfinity: Bool

    /// A finite point with the given coordinates (not checked against the curve).
    @inlinable
    public init(x: Fq, y: Fq) {
        self.x = x
        self.y = y
        self.isInfinity = false
    }

    /// The point at infinity; it encodes as all-zero bytes (EIP-196).
    @inlinable
    public static var infinity: G1Affine {
        var point = G1Affine(x: .zero, y: .zero)
        point.isInfinity = true
        return point
    }

    /// The generator (1, 2).
    @inlinable
    public static var generator: G1Affine { G1Affine(x: Fq(1), y: Fq(2)) }

    /// The curve constant b = 3.
    @inlinable
    public static var curveB: Fq { Fq(3) }

    /// Whether the point satisfies y² = x³ + 3 (the point at infinity does). G1 has cofactor 1, so
    /// every point on the curve is in the order-r group.
    @inlinable
    public var isOnCurve: Bool {
        isInfinity || y.squared() == x.squared() * x + G1Affine.curveB
    }

    /// The negation (x, −y).
    @inlinable
    public static prefix func - (point: G1Affine) -> G1Affine {
        point.isInfinity ? point : G1Affine(x: point.x, y: -point.y)
    }
}
