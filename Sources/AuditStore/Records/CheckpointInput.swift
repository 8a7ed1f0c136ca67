import Foundation

/// Everything a proven checkpoint stores, handed to ``AuditStore/recordCheckpoint(_:)``: the inference
/// result, the checkpoint's claim and the proof. They are stored in one transaction with their audit
/// entries, so a crash leaves either all of them or none.
public struct CheckpointInput: Sendable, Equatable {
    /// The job.
    public var jobID: String
    /// The checkpoint index (0, 1, 2 … within the job).
    public var checkpointIndex: Int64
    /// Tokens claimed on-chain for this checkpoint.
    public var tokensClaimed: Int64
    /// The token positions the checkpoint covers.
    public var tokenRange: TokenRange
    /// SHA-256 of the prompt (32 bytes).
    public var promptHash: Data
    /// SHA-256 of the response so far (32 bytes).
    public var responseHash: Data
    /// The prompt text, kept until the retention period ends (nil to not keep it).
    public var promptText: String?
    /// The response text, kept until the retention period ends (nil to not keep it).
    public var responseText: String?
    /// The proof.
    public var proof: ProofInput
    /// The checkpoint's signed conversation delta, stored in the same transaction (nil for none).
    public var delta: DeltaInput?

    /// Creates a checkpoint input.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The index.
    ///   - tokensClaimed: Tokens claimed.
    ///   - tokenRange: Token positions covered.
    ///   - promptHash: SHA-256 of the prompt.
    ///   - responseHash: SHA-256 of the response.
    ///   - promptText: Prompt text (retained for a while) or nil.
    ///   - responseText: Response text (retained for a while) or nil.
    ///   - proof: The proof.
    ///   - delta: The signed conversation delta, or nil.
    public init(
        jobID: String, checkpointIndex: Int64, tokensClaimed: Int64, tokenRange: TokenRange, promptHash: Data,
        responseHash: Data, promptText: String?, responseText: String?, proof: ProofInput, delta: DeltaInput? = nil
    ) {
        self.delta = delta
        self.jobID = jobID
        self.checkpointIndex = checkpointIndex
        self.tokensClaimed = tokensClaimed
        self.tokenRange = tokenRange
        self.promptHash = promptHash
        self.responseHash = responseHash
        self.promptText = promptText
        self.responseText = responseText
        self.proof = proof
    }
}

/// A checkpoint's signed conversation delta document as the submitter hands it over; the store computes
/// its CID (the on-chain `deltaCID`) from the bytes.
public struct DeltaInput: Sendable, Equatable {
    /// The signed delta document (the exact bytes the CID names).
    public var document: Data
    /// The address that signed it.
    public var signer: String

    /// Creates a delta input.
    public init(document: Data, signer: String) {
        self.document = document
        self.signer = signer
    }
}

/// A proof as the prover hands it over. The store computes `proofHash` and `proofCID` itself.
public struct ProofInput: Sendable, Equatable {
    /// The proof envelope (JSON text, stored as given).
    public var envelopeJSON: String
    /// The proof bytes.
    public var proofBytes: Data
    /// The proof hash the caller computed, checked against SHA-256 of ``proofBytes`` (nil to skip).
    public var expectedProofHash: Data?
    /// The fingerprint of the verifying key.
    public var keyFingerprint: String
    /// The proving backend (e.g. `groth16-bn254`, `mock`).
    public var backend: String
    /// The public inputs (JSON text).
    public var publicInputsJSON: String
    /// The commitment salt — secret: kept in its own column, never exported unless asked for.
    public var salt: Data?

    /// Creates a proof input.
    /// - Parameters:
    ///   - envelopeJSON: The envelope JSON.
    ///   - proofBytes: The proof bytes.
    ///   - expectedProofHash: The caller's SHA-256 of the bytes, checked by the store (optional).
    ///   - keyFingerprint: The verifying key's fingerprint.
    ///   - backend: The backend name.
    ///   - publicInputsJSON: The public inputs as JSON.
    ///   - salt: The secret salt, if any.
    public init(
        envelopeJSON: String, proofBytes: Data, expectedProofHash: Data? = nil, keyFingerprint: String,
        backend: String, publicInputsJSON: String, salt: Data?
    ) {
        self.envelopeJSON = envelopeJSON
        self.proofBytes = proofBytes
        self.expectedProofHash = expectedProofHash
        self.keyFingerprint = keyFingerprint
        self.backend = backend
        self.publicInputsJSON = publicInputsJSON
        self.salt = salt
    }
}
