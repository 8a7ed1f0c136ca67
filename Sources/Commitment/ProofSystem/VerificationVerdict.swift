/// Why a checkpoint proof envelope was rejected. A verdict lists every reason that applies.
public enum RejectionReason: Hashable, Sendable, CustomStringConvertible {
    /// A public input is outside its range (`jobId`, `checkpointIndex`, `tokensClaimed` < 2⁶⁴,
    /// `host` < 2¹⁶⁰); the associated value names it.
    case publicInputOutOfRange(String)
    /// `public_inputs[i]` differs from the envelope's named field; the associated value names it.
    case publicInputMismatch(String)
    /// SHA-256 of the stored prompt differs from `input_hash`.
    case inputHashMismatch
    /// SHA-256 of the stored response differs from `output_hash`.
    case outputHashMismatch
    /// The stored model hash differs from `model_hash`.
    case modelHashMismatch
    /// A hash in the opening differs from the envelope's; the associated value names it.
    case openingHashMismatch(String)
    /// Poseidon of the public values and the opening is not the envelope's commitment.
    case commitmentMismatch
    /// No known verifying key has the envelope's fingerprint; the associated value is the fingerprint.
    case unknownKey(String)
    /// The proof bytes do not decode to valid curve points.
    case malformedProof(String)
    /// The pairing check failed: the proof is not valid for these public inputs under the named key.
    case invalidProof
    /// A mock proof, and this verifier is not in dev mode.
    case mockProofInProduction
    /// A mock proof whose bytes do not match its public inputs (dev mode).
    case invalidMockProof
    /// `proof_data` is larger than the configured maximum.
    case proofTooLarge(Int)

    /// A stable machine-readable name (also the `result` dimension of rejection metrics).
    public var code: String {
        switch self {
        case .publicInputOutOfRange: "publicInputOutOfRange"
        case .publicInputMismatch: "publicInputMismatch"
        case .inputHashMismatch: "inputHashMismatch"
        case .outputHashMismatch: "outputHashMismatch"
        case .modelHashMismatch: "modelHashMismatch"
        case .openingHashMismatch: "openingHashMismatch"
        case .commitmentMismatch: "commitmentMismatch"
        case .unknownKey: "unknownKey"
        case .malformedProof: "malformedProof"
        case .invalidProof: "invalidProof"
        case .mockProofInProduction: "mockProofInProduction"
        case .invalidMockProof: "invalidMockProof"
        case .proofTooLarge: "proofTooLarge"
        }
    }

    /// A sentence for people.
    public var description: String {
        switch self {
        case .publicInputOutOfRange(let name): "public input \(name) is out of range"
        case .publicInputMismatch(let name): "public_inputs does not match the envelope's \(name)"
        case .inputHashMismatch: "SHA-256 of the stored prompt differs from input_hash"
        case .outputHashMismatch: "SHA-256 of the stored response differs from output_hash"
        case .modelHashMismatch: "the stored model hash differs from model_hash"
        case .openingHashMismatch(let name): "the opening's \(name) differs from the envelope's"
        case .commitmentMismatch: "the commitment is not Poseidon of the public values and the opening"
        case .unknownKey(let fingerprint): "no known verifying key has fingerprint \(fingerprint)"
        case .malformedProof(let detail): "the proof bytes are malformed: \(detail)"
        case .invalidProof: "the Groth16 proof does not verify for these public inputs"
        case .mockProofInProduction: "mock proofs are accepted only in dev mode (PROOFNODE_DEV_MODE=1)"
        case .invalidMockProof: "the mock proof does not match its public inputs"
        case .proofTooLarge(let size): "proof_data is \(size) bytes, above the configured maximum"
        }
    }
}

/// The outcome of checking a proof envelope: accepted, or rejected with every reason.
public struct VerificationVerdict: Sendable, Hashable, CustomStringConvertible {
    /// Every reason for rejection (empty when accepted).
    public let reasons: [RejectionReason]
    /// Whether the hashes were recomputed from a stored result.
    public let checkedResult: Bool
    /// Whether the commitment was recomputed from an opening.
    public let checkedOpening: Bool

    /// Creates a verdict.
    public init(reasons: [RejectionReason], checkedResult: Bool, checkedOpening: Bool) {
        self.reasons = reasons
        self.checkedResult = checkedResult
        self.checkedOpening = checkedOpening
    }

    /// True when nothing was wrong.
    public var isAccepted: Bool { reasons.isEmpty }

    /// `accepted (…)` or `rejected: reason; reason`.
    public var description: String {
        let scope = "proof\(checkedResult ? ", hashes" : "")\(checkedOpening ? ", commitment opening" : "") checked"
        return isAccepted ? "accepted (\(scope))" : "rejected: " + reasons.map(\.description).joined(separator: "; ")
    }
}
