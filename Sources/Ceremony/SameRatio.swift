import BN254

/// SameRatio((a, b), (c, d)): e(a, d) = e(b, c) with none of the four points the identity — true iff
/// b = x·a and d = x·c for one scalar x.
public enum SameRatio {
    /// Checks the ratio with one multi-pairing.
    public static func holds(_ a: G1Affine, _ b: G1Affine, _ c: G2Affine, _ d: G2Affine) -> Bool {
        if a.isInfinity || b.isInfinity || c.isInfinity || d.isInfinity { return false }
        return Pairing.pairingCheck([(a, d), (-b, c)])
    }

    /// Σρᵢvᵢ and Σρᵢvᵢ₊₁ over consecutive elements with the given randomisers (ρ.count = v.count − 1).
    static func consecutive<Point: AffineCurvePoint>(
        _ points: [Point], _ rho: [Fr]
    ) throws(CeremonyError) -> (
        Point, Point
    ) {
        do throws(BN254Error) {
            let first = try JacobianPoint<Point>.multiScalarMultiplication(
                bases: Array(points.dropLast()), scalars: rho)
            let second = try JacobianPoint<Point>.multiScalarMultiplication(
                bases: Array(points.dropFirst()), scalars: rho)
            return (first.affine, second.affine)
        } catch {
            throw CeremonyError(.inconsistentState, "internal: \(error.message)")
        }
    }

    /// `count` random 64-bit randomisers (nonzero), from the system CSPRNG.
    static func randomisers(_ count: Int) -> [Fr] {
        var generator = SecureRandom()
        return (0..<count).map { _ in Fr(generator.next() | 1) }
    }
}
