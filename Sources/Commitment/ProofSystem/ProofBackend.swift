import Crypto

/// How checkpoint proofs are made.
public enum ProofBackend: String, Sendable, Hashable, Codable, CaseIterable {
    /// Groth16 over BN254 with the checkpoint circuit (the default and the only production backend).
    case groth16
    /// Development only: a recognisable, worthless stand-in (see ``MockProof``). Enabled only when the
    /// configuration asks for it and dev mode is on; verifiers reject it unless they are in dev mode.
    case mock
}

/// The mock backend's "proof": the magic `PNMOCKv1` followed by SHA-256 of the public inputs (each as
/// a 32-byte big-endian word). It proves nothing; it exists so that development setups without keys
/// can exercise the rest of the pipeline, and it is recognisable by its magic and its `proof_type`.
public enum MockProof {
    /// The 8-byte prefix of every mock proof.
    public static let magic: [UInt8] = Array("PNMOCKv1".utf8)
    /// The key fingerprint mock envelopes carry.
    public static let keyFingerprint = "mock"
    /// The length of a mock proof.
    public static let size = 40

    /// The mock proof bytes for `publicInputs`.
    public static func bytes(for publicInputs: CheckpointPublicInputs) -> [UInt8] {
        var hasher = SHA256()
        for element in publicInputs.fieldElements { hasher.update(data: element.canonical.bigEndianBytes) }
        return magic + Array(hasher.finalize())
    }

    /// Whether `bytes` start with the mock magic.
    public static func isMock(_ bytes: [UInt8]) -> Bool {
        bytes.count >= magic.count && Array(bytes.prefix(8)) == magic
    }
}
