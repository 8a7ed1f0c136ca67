/// Membership of G2 points in the order-r subgroup, and the ψ endomorphism it uses.
///
/// The twist E'(Fq2) has order r·c with a cofactor c ≈ 2^254, so a point on the twist need not be
/// in G2. ``JacobianPoint/isInSubgroup`` uses the test of El Housni, Guillevic and Piellard
/// ("Co-factor clearing and subgroup membership testing on pairing-friendly curves", 2022, §3 and
/// §5.1) for BN curves with parameter x₀ = 4965661367192848881:
/// P ∈ G2 ⟺ [x₀+1]P + ψ([x₀]P) + ψ²([x₀]P) = ψ³([2x₀]P),
/// which needs a 63-bit scalar multiplication instead of the 254-bit one of the definition r·P = O.
/// ``JacobianPoint/isInSubgroupByOrder`` keeps the definition; the tests check both agree.
extension G2Affine {
    /// Whether the point is in the order-r subgroup (true for the point at infinity). Assumes the
    /// point is on the twist; check ``isOnCurve`` first.
    public var isInSubgroup: Bool {
        G2Projective(self).isInSubgroup
    }
}

/// The constants of ψ = untwist ∘ Frobenius ∘ twist on the D-type sextic twist y² = x³ + 3/ξ.
enum G2Endomorphism {
    /// The BN parameter x₀ with q = 36x₀⁴ + 36x₀³ + 24x₀² + 6x₀ + 1.
    static let bnParameter = UInt256(4_965_661_367_192_848_881)
    /// ξ^((q−1)/3), the factor applied to the conjugated x-coordinate.
    static let gammaX: Fq2 = Fq2.nonResidue.pow(
        FqParameters.modulus.subtractingWithBorrow(UInt256(1)).difference.dividedBySmall(3).quotient)
    /// ξ^((q−1)/2), the factor applied to the conjugated y-coordinate.
    static let gammaY: Fq2 = Fq2.nonResidue.pow(
        FqParameters.modulus.subtractingWithBorrow(UInt256(1)).difference.shiftedRight(by: 1))
}

extension JacobianPoint where Affine == G2Affine {
    /// ψ(P) = (x̄·ξ^((q−1)/3), ȳ·ξ^((q−1)/2)): on G2 it acts as multiplication by q mod r.
    public func endomorphismPsi() -> Self {
        Self(
            x: x.conjugate() * G2Endomorphism.gammaX, y: y.conjugate() * G2Endomorphism.gammaY, z: z.conjugate())
    }

    /// Whether the point is in the order-r subgroup, by the ψ test (see ``G2Affine/isInSubgroup``).
    public var isInSubgroup: Bool {
        if isInfinity { return true }
        let xP = multiplied(by: G2Endomorphism.bnParameter)
        let psiXP = xP.endomorphismPsi()
        let left = xP + self + psiXP + psiXP.endomorphismPsi()
        let right = xP.doubled().endomorphismPsi().endomorphismPsi().endomorphismPsi()
        return left == right
    }

    /// Whether r·P is the point at infinity: the definition of subgroup membership, about four
    /// times slower than ``isInSubgroup``.
    public var isInSubgroupByOrder: Bool {
        multiplied(by: Fr.modulus).isInfinity
    }
}
