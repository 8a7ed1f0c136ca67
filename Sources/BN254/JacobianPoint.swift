/// A point of G1 or G2 in Jacobian coordinates (X, Y, Z) standing for the affine point
/// (X/Z², Y/Z³); Z = 0 is the point at infinity.
///
/// One generic implementation serves both groups (``G1Projective`` and ``G2Projective``); every
/// member is `@inlinable`, so uses are specialised to ``Fq`` or ``Fq2`` arithmetic. Equality is
/// equality of the points, not of the representations. Arithmetic branches on whether inputs are
/// infinity or equal, so its timing reveals those facts (and scalar multiplication reveals the
/// scalar's length and zero windows): use it for public data or accept that leak.
@frozen
public struct JacobianPoint<Affine: AffineCurvePoint>: Sendable {
    /// The coordinate field.
    public typealias Field = Affine.Field

    /// X.
    public var x: Field
    /// Y.
    public var y: Field
    /// Z (zero for the point at infinity).
    public var z: Field

    /// The point with the given Jacobian coordinates (not checked).
    @inlinable @inline(__always)
    public init(x: Field, y: Field, z: Field) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The affine point in Jacobian form (Z = 1, or the point at infinity).
    @inlinable
    public init(_ affine: Affine) {
        if affine.isInfinity {
            self = .infinity
        } else {
            self.init(x: affine.x, y: affine.y, z: .one)
        }
    }

    /// The point at infinity (1, 1, 0).
    @inlinable
    public static var infinity: Self { Self(x: .one, y: .one, z: .zero) }

    /// The group's generator.
    @inlinable
    public static var generator: Self { Self(Affine.generator) }

    /// Whether this is the point at infinity.
    @inlinable
    public var isInfinity: Bool { z.isZero }

    /// Whether (X, Y, Z) satisfies Y² = X³ + b·Z⁶ (the point at infinity does).
    @inlinable
    public var isOnCurve: Bool {
        if isInfinity { return true }
        let z2 = z.squared()
        let z6 = z2.squared() * z2
        return y.squared() == x.squared() * x + Affine.curveConstant * z6
    }

    /// The affine form (one field inversion).
    @inlinable
    public var affine: Affine {
        guard let zInverse = z.inverse() else { return .infinity }
        let zInverse2 = zInverse.squared()
        return Affine(x: x * zInverse2, y: y * zInverse2 * zInverse)
    }

    /// The negation (X, −Y, Z).
    @inlinable @inline(__always)
    public static prefix func - (point: Self) -> Self {
        Self(x: point.x, y: -point.y, z: point.z)
    }
}

extension JacobianPoint: Equatable {
    /// Whether both represent the same point: X₁Z₂² = X₂Z₁² and Y₁Z₂³ = Y₂Z₁³.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        if lhs.isInfinity || rhs.isInfinity { return lhs.isInfinity && rhs.isInfinity }
        let lz2 = lhs.z.squared()
        let rz2 = rhs.z.squared()
        guard lhs.x * rz2 == rhs.x * lz2 else { return false }
        return lhs.y * rz2 * rhs.z == rhs.y * lz2 * lhs.z
    }
}

extension JacobianPoint: CustomStringConvertible {
    /// The affine coordinates, or "infinity".
    public var description: String {
        let point = affine
        return point.isInfinity ? "infinity" : "(\(point.x), \(point.y))"
    }
}

/// A G1 point in Jacobian coordinates.
public typealias G1Projective = JacobianPoint<G1Affine>
/// A G2 point in Jacobian coordinates.
public typealias G2Projective = JacobianPoint<G2Affine>
