import BN254

/// The envelope's parts as an on-chain verifier takes them (`verifyCheckpoint(bytes proof, uint256[5]
/// input)` of the contract `proofnode export-verifier` writes), for callers that hold an
/// `OnChainProofCheck` or `VerifierContract` (Ethereum module) — this module does not depend on it.
extension ProofEnvelope {
    /// The proof bytes, the public inputs as 32-byte big-endian words, and the key fingerprint.
    public var onChainArguments: (proof: [UInt8], publicInputs: [[UInt8]], keyFingerprint: String) {
        (proofData, publicInputs.map(\.canonical.bigEndianBytes), keyFingerprint)
    }
}
