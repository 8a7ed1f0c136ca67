import BN254
import Groth16

/// Builds a circuit's initial phase-2 key from the Lagrange form of phase 1, with γ = δ = 1:
/// A, B₁, B₂ are the columns' polynomials in the exponent, IC and L are [β·u_k + α·v_k + w_k]₁
/// (public and private columns), H is [τ^i·Z(τ)]₁ = [τ^(i+n)]₁ − [τ^i]₁ (the layout this repository's
/// prover uses). Deterministic: verifiers rebuild it and compare.
public enum Phase2KeyBuilder {
    /// Σ coefficient·basis[row] over a column's entries (additions for coefficients 1).
    static func combine<Point: AffineCurvePoint>(_ terms: [(Int, Fr)], _ basis: [Point]) -> JacobianPoint<Point> {
        var sum = JacobianPoint<Point>.infinity
        for (row, coefficient) in terms {
            sum = coefficient.isOne ? sum.adding(basis[row]) : sum + JacobianPoint<Point>(basis[row]) * coefficient
        }
        return sum
    }

    /// The initial key for `system`.
    /// - Throws: ``CeremonyError`` `.unsupported` when the prepared phase 1 is for another domain size.
    public static func initialKey(
        for system: R1CS, prepared: PreparedPhase1, progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> ProvingKey {
        let qap: QuadraticArithmeticProgram
        do {
            qap = try QuadraticArithmeticProgram(system)
        } catch {
            throw CeremonyError(.unsupported, "the circuit is too large: \(error.message)")
        }
        guard qap.domain.logSize == prepared.logSize else {
            throw CeremonyError(
                .unsupported,
                "the circuit's domain is 2^\(qap.domain.logSize) but phase 1 was prepared for 2^\(prepared.logSize)")
        }
        let columns = system.variableCount
        let inputCount = qap.inputCount
        // Column-wise lists of (row, coefficient), including the extra input rows x_i · 0 = 0 in A.
        func byColumn(_ matrix: SparseMatrix, extraInputRows: Bool) -> [[(Int, Fr)]] {
            var lists = [[(Int, Fr)]](repeating: [], count: columns)
            for row in 0..<matrix.rowCount {
                for k in matrix.entries(ofRow: row) { lists[Int(matrix.columns[k])].append((row, matrix.values[k])) }
            }
            if extraInputRows {
                for input in 0..<inputCount { lists[input].append((system.constraintCount + input, .one)) }
            }
            return lists
        }
        let a = byColumn(system.a, extraInputRows: true)
        let b = byColumn(system.b, extraInputRows: false)
        let c = byColumn(system.c, extraInputRows: false)
        let lagrange = prepared
        let combine = Self.combine(_:_:) as @Sendable ([(Int, Fr)], [G1Affine]) -> G1Projective
        let combineG2 = Self.combine(_:_:) as @Sendable ([(Int, Fr)], [G2Affine]) -> G2Projective
        progress("A and B queries for \(columns) columns")
        let aQuery = G1Projective.batchNormalise(Parallel.map(columns) { combine(a[$0], lagrange.tauG1) })
        let bG1Query = G1Projective.batchNormalise(Parallel.map(columns) { combine(b[$0], lagrange.tauG1) })
        let bG2Query = G2Projective.batchNormalise(Parallel.map(columns) { combineG2(b[$0], lagrange.tauG2) })
        progress("IC and L queries")
        let combined = G1Projective.batchNormalise(
            Parallel.map(columns) {
                combine(a[$0], lagrange.betaTauG1) + combine(b[$0], lagrange.alphaTauG1)
                    + combine(c[$0], lagrange.tauG1)
            })
        progress("H query")
        let n = qap.domain.size
        let powers = prepared.monomialTauG1
        let hQuery = G1Projective.batchNormalise(
            Parallel.map(n - 1) { G1Projective(powers[$0 + n]) - G1Projective(powers[$0]) })
        let verifyingKey = VerifyingKey(
            alpha: prepared.alphaG1, beta: prepared.betaG2, gamma: .generator, delta: .generator,
            inputCommitments: Array(combined.prefix(inputCount)), circuitDigest: system.circuitDigest)
        return ProvingKey(
            verifyingKey: verifyingKey, betaG1: prepared.betaG1, deltaG1: .generator, aQuery: aQuery,
            bG1Query: bG1Query, bG2Query: bG2Query, hQuery: hQuery, lQuery: Array(combined.dropFirst(inputCount)))
    }
}
