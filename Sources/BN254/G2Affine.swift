/// A point of G2 on the sextic twist y² = x³ + 3/(9+u) over Fq2 in affine coordinates, or the point
/// at infinity.
///
/// The twist has a large cofactor: being on the curve does not imply being in the order-r subgroup;
/// decoders check both. Values built with ``init(x:y:)`` are not checked.
@frozen
public struct G2Affine: Hashable, Sendable {
    /// The x-coordinate (zero for the point at infinity).
    public var x: Fq2
    /// The y-coordinate (zero for the point at infinity).
    public var y: Fq2
    /// Whether this is the point at infinity (the group identity).
    public var isInfinity: Bool

    /// A finite point with the given coordinates (not checked).
    @inlinable
    public init(x: Fq2, y: Fq2) {
        self.x = x
        self.y = y
        self.isInfinity = false
    }

    /// The point at infinity; it encodes as all-zero bytes (EIP-197).
    @inlinable
    public static var infinity: G2Affine {
        var point = G2Affine(x: .zero, y: .zero)
        point.isInfinity = true
        return point
    }

    /// The twist's constant b' = 3/(9+u).
    public static let twistB: Fq2 = {
        guard let inverse = Fq2.nonResidue.inverse() else { fatalError("9+u is invertible") }
        return inverse * Fq(3)
    }()

    /// The generator of G2 used by Ethereum (EIP-197) and every BN254 library.
    public static let generator: G2Affine = {
        func element(_ text: String) -> Fq {
            do { return try Fq(decimal: text) } catch { fatalError("generator constant is canonical") }
        }
        return G2Affine(
            x: Fq2(
                element("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
                element("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
            y: Fq2(
                element("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
                element("4082367875863433681332203403145435568316851327593401208105741076214120093531")))
    }()

    /// Whether the point satisfies the twist equation (the point at infinity does). This does not
    /// check subgroup membership.
    public var isOnCurve: Bool {
        isInfinity || y.squared() == x.squared() * x + G2Affine.twistB
    }

    /// The negation (x, −y).
    @inlinable
    public static prefix func - (point: G2Affine) -> G2Affine {
        point.isInfinity ? point : G2Affine(x: point.x, y: -point.y)
    }
}
