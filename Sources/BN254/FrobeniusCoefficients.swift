/// The constants of the Frobenius maps on Fq6 and Fq12 and on the twist, computed once from ξ = 9 + u.
///
/// With w⁶ = ξ, the map x ↦ x^(q^k) sends w^j to γₖⱼ·w^j where γₖⱼ = ξ^(j·(q^k − 1)/6) ∈ Fq2.
/// They are derived here rather than written as literals: γ₁ⱼ = (ξ^((q − 1)/6))^j, and
/// ξ^((q^k − 1)/6) = ∏_{i<k} (ξ^((q − 1)/6))^(q^i), each factor a conjugate or not.
@usableFromInline
struct FrobeniusCoefficients: Sendable {
    /// gamma[k][j] = ξ^(j·(q^k − 1)/6) for k, j in 0..<6.
    @usableFromInline let gamma: [[Fq2]]

    /// The table, computed at first use.
    @usableFromInline static let table = FrobeniusCoefficients()

    init() {
        let (sixth, remainder) = Fq.modulus.subtractingWithBorrow(UInt256(1)).difference.dividedBySmall(6)
        precondition(remainder == 0, "q ≡ 1 (mod 6) for BN254")
        let base = Fq2.nonResidue.pow(sixth)  // ξ^((q−1)/6)
        // ξ^((q^k − 1)/6) = base · base^q · … · base^(q^(k−1)).
        var perPower: [Fq2] = [.one]
        var accumulated = Fq2.one
        for k in 0..<5 {
            accumulated *= base.frobenius(k)
            perPower.append(accumulated)
        }
        var rows: [[Fq2]] = []
        for k in 0..<6 {
            var row: [Fq2] = [.one]
            for _ in 1..<6 { row.append(row[row.count - 1] * perPower[k]) }
            rows.append(row)
        }
        gamma = rows
    }
}
