/// Membership of G2 points in the order-r subgroup.
///
/// The twist E'(Fq2) has order r·c with a cofactor c ≈ 2^254, so a point on the twist need not be
/// in G2. The check used here is the definition itself: r·P = O, computed with a 254-bit scalar
/// multiplication (about 0.3 ms). It is slower than the ψ-endomorphism test but needs no
/// further constants, so its correctness rests only on the group law.
extension G2Affine {
    /// Whether r·P is the point at infinity (true for the point at infinity). Assumes the point is on
    /// the twist; check ``isOnCurve`` first.
    public var isInSubgroup: Bool {
        G2Projective(self).isInSubgroup
    }
}

extension JacobianPoint where Affine == G2Affine {
    /// Whether r·P is the point at infinity (see ``G2Affine/isInSubgroup``).
    public var isInSubgroup: Bool {
        multiplied(by: Fr.modulus).isInfinity
    }
}
