import BN254

/// A Groth16 verifying key: [α]₁, [β]₂, [γ]₂, [δ]₂ and one "IC" point per input column
/// (the constant one first, then each public input).
public struct VerifyingKey: Sendable, Equatable {
    /// [α]₁.
    public var alpha: G1Affine
    /// [β]₂.
    public var beta: G2Affine
    /// [γ]₂.
    public var gamma: G2Affine
    /// [δ]₂.
    public var delta: G2Affine
    /// [(β·u_i(τ) + α·v_i(τ) + w_i(τ))/γ]₁ for the constant one and every public input.
    public var inputCommitments: [G1Affine]
    /// SHA-256 of the circuit's canonical R1CS serialisation (``R1CS/circuitDigest``).
    public var circuitDigest: [UInt8]

    /// Creates a key from its parts.
    public init(
        alpha: G1Affine, beta: G2Affine, gamma: G2Affine, delta: G2Affine, inputCommitments: [G1Affine],
        circuitDigest: [UInt8]
    ) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.delta = delta
        self.inputCommitments = inputCommitments
        self.circuitDigest = circuitDigest
    }

    /// The number of public inputs the key verifies (not counting the constant one).
    public var publicInputCount: Int { inputCommitments.count - 1 }
}

/// A Groth16 proving key: the verifying key's points plus the query vectors the prover combines.
public struct ProvingKey: Sendable, Equatable {
    /// The matching verifying key.
    public var verifyingKey: VerifyingKey
    /// [β]₁.
    public var betaG1: G1Affine
    /// [δ]₁.
    public var deltaG1: G1Affine
    /// [u_i(τ)]₁ for every variable.
    public var aQuery: [G1Affine]
    /// [v_i(τ)]₁ for every variable.
    public var bG1Query: [G1Affine]
    /// [v_i(τ)]₂ for every variable.
    public var bG2Query: [G2Affine]
    /// [τ^i·(τⁿ − 1)/δ]₁ for i in 0..<n−1.
    public var hQuery: [G1Affine]
    /// [(β·u_i(τ) + α·v_i(τ) + w_i(τ))/δ]₁ for every private variable.
    public var lQuery: [G1Affine]

    /// Creates a key from its parts.
    public init(
        verifyingKey: VerifyingKey, betaG1: G1Affine, deltaG1: G1Affine, aQuery: [G1Affine], bG1Query: [G1Affine],
        bG2Query: [G2Affine], hQuery: [G1Affine], lQuery: [G1Affine]
    ) {
        self.verifyingKey = verifyingKey
        self.betaG1 = betaG1
        self.deltaG1 = deltaG1
        self.aQuery = aQuery
        self.bG1Query = bG1Query
        self.bG2Query = bG2Query
        self.hQuery = hQuery
        self.lQuery = lQuery
    }

    /// The number of variables (columns) of the circuit, including the constant one.
    public var variableCount: Int { aQuery.count }
}
