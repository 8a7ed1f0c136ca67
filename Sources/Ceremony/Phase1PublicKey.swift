import BN254

/// The public key of one phase-1 contribution: for each secret x ∈ {τ, α, β}, a G1 point s, x·s, and
/// x·r where r = HashToG2(BLAKE2b(p ‖ challenge ‖ s ‖ x·s)) is recomputed by verifiers (not stored).
public struct Phase1PublicKey: Sendable, Equatable {
    /// The proof of knowledge of one secret.
    public struct Component: Sendable, Equatable {
        /// s: a random G1 point.
        public var s: G1Affine
        /// x·s.
        public var sx: G1Affine
        /// x·r, r derived from the transcript by HashToG2.
        public var rx: G2Affine

        /// Creates a component.
        public init(s: G1Affine, sx: G1Affine, rx: G2Affine) {
            self.s = s
            self.sx = sx
            self.rx = rx
        }
    }

    /// The key for τ (personalisation 0).
    public var tau: Component
    /// The key for α (personalisation 1).
    public var alpha: Component
    /// The key for β (personalisation 2).
    public var beta: Component

    /// Creates a key.
    public init(tau: Component, alpha: Component, beta: Component) {
        self.tau = tau
        self.alpha = alpha
        self.beta = beta
    }

    /// The size of the key in a `.ptau` contribution record.
    static let encodedSize = 6 * 64 + 3 * 128

    /// snarkjs's uncompressed form hashed into the response: the six G1 points then the three G2 points.
    public var uncompressed: [UInt8] {
        var out = [UInt8]()
        for component in [tau, alpha, beta] {
            out += SnarkjsPointCodec.uncompressed(component.s) + SnarkjsPointCodec.uncompressed(component.sx)
        }
        for component in [tau, alpha, beta] { out += SnarkjsPointCodec.uncompressed(component.rx) }
        return out
    }

    /// r = HashToG2(BLAKE2b-512(personalisation ‖ challenge ‖ U(s) ‖ U(sx))): binds the proof of knowledge
    /// to the state the contribution started from.
    public static func transcriptPoint(
        personalisation: UInt8, challenge: [UInt8], s: G1Affine, sx: G1Affine
    ) -> G2Affine {
        var hasher = BLAKE2b()
        hasher.update([personalisation])
        hasher.update(challenge)
        hasher.update(SnarkjsPointCodec.uncompressed(s))
        hasher.update(SnarkjsPointCodec.uncompressed(sx))
        return SnarkjsDerivation.hashToG2(hasher.finalize())
    }
}
