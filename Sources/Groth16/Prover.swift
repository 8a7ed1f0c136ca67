import BN254

/// Makes Groth16 proofs with a proving key.
///
/// Each proof draws fresh blinding scalars r and s from the operating system's CSPRNG, so two proofs
/// of the same statement differ and reveal nothing about the witness. The prover checks the witness
/// first and refuses an unsatisfied one: it never returns a proof for a false statement.
///
/// Timing: the multi-scalar multiplications skip zero scalars and treat one specially, so the time of
/// a proof reveals roughly how many witness values are 0 or 1 (for the checkpoint circuit, the bit
/// decompositions of the hashed limbs); it does not reveal which.
public struct Prover: Sendable {
    /// The proving key.
    public let key: ProvingKey
    /// The circuit the key was made for.
    public let qap: QuadraticArithmeticProgram
    /// The quotient's transform tables for the QAP's domain.
    let quotient: QuotientEvaluator
    /// The A query followed by α and δ (in G1): with the scalars z, 1 and r one MSM gives the proof's A.
    let aBases: [G1Affine]
    /// The B query in G1 followed by β: with the scalars z and 1 one MSM gives B₁ − s·δ, all that C needs.
    let b1Bases: [G1Affine]
    /// The B query in G2 followed by β and δ: with the scalars z, 1 and s one MSM gives the proof's B.
    let b2Bases: [G2Affine]
    /// The L query indexed by column (the point at infinity for the input columns, which the MSM
    /// skips) followed by the H query, so that Σ z_private·Lᵢ + Σ hᵢ·Hᵢ is one MSM over the full
    /// assignment followed by H's coefficients.
    let lhBases: [G1Affine]
    /// The MSM tables of the four queries, built on the first proof (shared by copies of the prover).
    let tables: ProverTables

    /// A prover for `system` with `key`.
    /// - Throws: ``Groth16Error`` `.malformedKey` when the key was made for another circuit.
    public init(key: ProvingKey, system: R1CS) throws(Groth16Error) {
        guard key.verifyingKey.circuitDigest == system.circuitDigest else {
            throw Groth16Error(
                .malformedKey,
                "the proving key was made for another circuit (digest differs); regenerate keys with `proofnode setup`")
        }
        guard key.variableCount == system.variableCount, key.lQuery.count == system.privateVariableCount,
            key.verifyingKey.inputCommitments.count == 1 + system.publicInputCount
        else {
            throw Groth16Error(.malformedKey, "the proving key's sizes do not match the circuit")
        }
        self.key = key
        self.qap = try QuadraticArithmeticProgram(system)
        guard key.hQuery.count == qap.domain.size - 1 else {
            throw Groth16Error(.malformedKey, "the proving key's H query does not match the circuit's domain")
        }
        self.quotient = try QuotientEvaluator(domain: qap.domain)
        self.aBases = key.aQuery + [key.verifyingKey.alpha, key.deltaG1]
        self.b1Bases = key.bG1Query + [key.betaG1]
        self.b2Bases = key.bG2Query + [key.verifyingKey.beta, key.verifyingKey.delta]
        self.lhBases = [G1Affine](repeating: .infinity, count: qap.inputCount) + key.lQuery + key.hQuery
        self.tables = ProverTables()
    }

    /// Proves that `assignment` satisfies the circuit, with fresh randomness.
    /// - Throws: ``Groth16Error`` `.unsatisfiedWitness` (naming the first failing constraint) or `.sizeMismatch`.
    public func prove(_ assignment: Assignment) throws(Groth16Error) -> Proof {
        var generator = SecureRandom()
        return try prove(assignment, using: &generator)
    }

    /// Proves with blinding scalars from `generator` (tests pass a seeded one for reproducibility;
    /// production code uses ``prove(_:)``).
    public func prove<G: RandomNumberGenerator>(
        _ assignment: Assignment, using generator: inout G
    )
        throws(Groth16Error) -> Proof
    {
        let system = qap.system
        guard assignment.values.count == system.variableCount else {
            throw Groth16Error(
                .sizeMismatch,
                "the assignment has \(assignment.values.count) values; the circuit has \(system.variableCount)")
        }
        let r = Fr.random(using: &generator)
        let s = Fr.random(using: &generator)
        let prepared = try prepare(assignment, r: r, s: s)
        do {
            let sums = try multiScalarSums(prepared)
            // A = α + Σ zᵢ·Aᵢ + r·δ and B = β + Σ zᵢ·Bᵢ + s·δ come whole out of their MSMs; with
            // B₁' = β + Σ zᵢ·B₁ᵢ (B₁ without s·δ), C = Σ z·L + Σ h·H + s·A + r·B₁ − rs·δ = LH + s·A + r·B₁'.
            let blinded = (JobResult<G1Projective>(), JobResult<G1Projective>())
            ConcurrentJobs.run([
                { blinded.0.capture { sums.a.multiplied(by: s) } },
                { blinded.1.capture { sums.b1.multiplied(by: r) } },
            ])
            let c = sums.lh + (try blinded.0.value()) + (try blinded.1.value())
            let affineG1 = G1Projective.batchNormalise([sums.a, c])
            return Proof(a: affineG1[0], b: sums.b2.affine, c: affineG1[1])
        } catch {
            throw Groth16Error(.sizeMismatch, "internal size mismatch while proving: \(error.message)")
        }
    }
}
