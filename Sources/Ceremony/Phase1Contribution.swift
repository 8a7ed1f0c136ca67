import BN254

/// One contribution record of a phase-1 transcript (a `.ptau` section-7 entry): the first elements of
/// the state it produced, its public key, the hashes that chain it to its neighbours, and for a beacon
/// the public values its secrets are derived from.
public struct Phase1Contribution: Sendable, Equatable {
    /// [τ]₁ after the contribution.
    public var tauG1: G1Affine
    /// [τ]₂ after the contribution.
    public var tauG2: G2Affine
    /// [α]₁ after the contribution.
    public var alphaG1: G1Affine
    /// [β]₁ after the contribution.
    public var betaG1: G1Affine
    /// [β]₂ after the contribution.
    public var betaG2: G2Affine
    /// The proofs of knowledge.
    public var key: Phase1PublicKey
    /// The BLAKE2b state after hashing the challenge hash and the compressed new state (216 bytes).
    public var partialHash: [UInt8]
    /// BLAKE2b(response hash ‖ uncompressed new state): the challenge for the next contribution.
    public var nextChallenge: [UInt8]
    /// The contributor's chosen name (at most 64 bytes), if any.
    public var name: String?
    /// For a beacon: the public beacon value and the iteration exponent; nil for a secret contribution.
    public var beacon: Beacon?

    /// The public values a beacon contribution's secrets are derived from.
    public struct Beacon: Sendable, Equatable {
        /// The beacon value (e.g. a future block hash), as bytes.
        public var hash: [UInt8]
        /// SHA-256 is iterated 2^exponent times over ``hash``.
        public var iterationsExponent: Int

        /// Creates a beacon description.
        public init(hash: [UInt8], iterationsExponent: Int) {
            self.hash = hash
            self.iterationsExponent = iterationsExponent
        }
    }

    /// Creates a record.
    public init(
        tauG1: G1Affine, tauG2: G2Affine, alphaG1: G1Affine, betaG1: G1Affine, betaG2: G2Affine,
        key: Phase1PublicKey, partialHash: [UInt8], nextChallenge: [UInt8], name: String?, beacon: Beacon?
    ) {
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaG1 = alphaG1
        self.betaG1 = betaG1
        self.betaG2 = betaG2
        self.key = key
        self.partialHash = partialHash
        self.nextChallenge = nextChallenge
        self.name = name
        self.beacon = beacon
    }

    /// The response hash: the partial hash finished with the uncompressed public key.
    /// - Throws: ``CeremonyError`` `.malformedFile` when the partial hash is not a valid state.
    public func responseHash(contribution index: Int) throws(CeremonyError) -> [UInt8] {
        guard var hasher = BLAKE2b(partialState: partialHash) else {
            throw CeremonyError(.malformedFile, "contribution \(index): the partial hash is not a BLAKE2b state")
        }
        hasher.update(key.uncompressed)
        return hasher.finalize()
    }
}
