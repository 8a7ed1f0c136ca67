import BN254

/// A verifying key prepared for fast verification: e(α, β) precomputed, γ and δ with their Miller-loop
/// lines precomputed, so each proof costs one three-pair Miller loop and one final exponentiation.
public struct Verifier: Sendable {
    /// The verifying key.
    public let key: VerifyingKey
    /// e(α, β).
    let alphaBeta: Fq12
    let preparedGamma: PreparedG2
    let preparedDelta: PreparedG2
    /// Window tables for IC₁…ICₖ (k ≤ ``fixedBaseInputLimit``), or empty: then an MSM forms the sum.
    let inputTables: [FixedBaseMultiplier<G1Affine>]

    /// Up to this many public inputs, each IC point gets a 4-bit window table (64 × 15 points,
    /// ~60 KB), making each input's term 64 mixed additions instead of ~254 doublings and 64 additions.
    static let fixedBaseInputLimit = 32
    /// 4-bit windows: 64 mixed additions per input at verification (vs 43 with 6 bits, ~10 µs more for
    /// five inputs) for tables built 2.7× faster, which is most of the verifying key's load time.
    static let inputWindowBits = 4

    /// Prepares `key`: e(α, β), the Miller-loop lines of γ and δ, and the IC points' window tables.
    public init(key: VerifyingKey) {
        self.key = key
        alphaBeta = Pairing.pairing(key.alpha, key.beta)
        preparedGamma = PreparedG2(key.gamma)
        preparedDelta = PreparedG2(key.delta)
        inputTables =
            key.publicInputCount <= Self.fixedBaseInputLimit
            ? key.inputCommitments.dropFirst().map { FixedBaseMultiplier(base: $0, windowBits: Self.inputWindowBits) }
            : []
    }

    /// Σ inputs_i · IC_i (with the constant one's IC_0).
    func inputCommitment(_ publicInputs: [Fr]) throws(Groth16Error) -> G1Projective {
        guard publicInputs.count == key.publicInputCount else {
            throw Groth16Error(
                .sizeMismatch, "the key verifies \(key.publicInputCount) public inputs; got \(publicInputs.count)")
        }
        guard inputTables.count == publicInputs.count else {
            do {
                let bases = Array(key.inputCommitments.dropFirst())
                return try G1Projective.multiScalarMultiplication(bases: bases, scalars: publicInputs)
                    .adding(key.inputCommitments[0])
            } catch {
                throw Groth16Error(.sizeMismatch, "internal: \(error.message)")
            }
        }
        var sum = G1Projective(key.inputCommitments[0])
        for (table, input) in zip(inputTables, publicInputs) where !input.isZero {
            sum += table.multiply(input)
        }
        return sum
    }

    /// Whether `proof` is valid for `publicInputs` under the key:
    /// e(A, B) = e(α, β) · e(Σ xᵢ·ICᵢ, γ) · e(C, δ).
    /// - Returns: `false` for a wrong proof (this is not an error).
    /// - Throws: ``Groth16Error`` `.sizeMismatch` when the number of public inputs differs from the key's.
    public func verify(_ proof: Proof, publicInputs: [Fr]) throws(Groth16Error) -> Bool {
        let commitment = try inputCommitment(publicInputs).affine
        let product = Pairing.multiMillerLoop([
            (proof.a, PreparedG2(proof.b)), (-commitment, preparedGamma), (-proof.c, preparedDelta),
        ])
        return Pairing.finalExponentiation(product) == alphaBeta
    }

    /// Verifies many proofs under this key at once with a random linear combination (128-bit
    /// randomisers): true only if (with overwhelming probability) every proof is valid.
    /// Costs one Miller-loop pair per proof plus two, and a single final exponentiation.
    /// - Throws: ``Groth16Error`` `.sizeMismatch` when an input vector has the wrong length.
    public func verifyBatch(_ items: [(proof: Proof, publicInputs: [Fr])]) throws(Groth16Error) -> Bool {
        if items.isEmpty { return true }
        if items.count == 1 { return try verify(items[0].proof, publicInputs: items[0].publicInputs) }
        var generator = SecureRandom()
        var pairs: [(G1Affine, PreparedG2)] = []
        var commitmentSum = G1Projective.infinity
        var cSum = G1Projective.infinity
        var rhoSum = UInt256.zero
        for item in items {
            let rho = UInt256(generator.next(), generator.next() | 1, 0, 0)
            let rhoField = Fr(reducing: rho)
            rhoSum = rhoSum.addingWithCarry(rho).sum
            let scaledA = G1Projective(item.proof.a).multiplied(by: rhoField).affine
            pairs.append((scaledA, PreparedG2(item.proof.b)))
            commitmentSum = commitmentSum + (try inputCommitment(item.publicInputs)).multiplied(by: rhoField)
            cSum = cSum + G1Projective(item.proof.c).multiplied(by: rhoField)
        }
        let sums = G1Projective.batchNormalise([commitmentSum, cSum])
        pairs.append((-sums[0], preparedGamma))
        pairs.append((-sums[1], preparedDelta))
        let product = Pairing.finalExponentiation(Pairing.multiMillerLoop(pairs))
        return product == alphaBeta.pow(words: [rhoSum.w0, rhoSum.w1, rhoSum.w2, rhoSum.w3])
    }
}
