import Foundation

/// A stored inference result: the hashes a checkpoint commits to, and the text under retention.
public struct InferenceResultRecord: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// SHA-256 of the prompt.
    public var promptHash: Data
    /// SHA-256 of the response so far.
    public var responseHash: Data
    /// Token positions covered.
    public var tokenRange: TokenRange
    /// The prompt text, nil once purged (or never kept).
    public var promptText: String?
    /// The response text, nil once purged (or never kept).
    public var responseText: String?
    /// When the text was purged by the retention policy.
    public var textPurgedAt: Date?
    /// When it was stored.
    public var createdAt: Date

    static let columns =
        "job_id, checkpoint_index, prompt_hash, response_hash, token_start, token_end, prompt_text, "
        + "response_text, text_purged_at_ms, created_at_ms"

    init(row: SQLiteRow) throws {
        jobID = try row.string(0)
        checkpointIndex = try row.int64(1)
        promptHash = Data(try row.bytes(2))
        responseHash = Data(try row.bytes(3))
        tokenRange = TokenRange(start: try row.int64(4), end: try row.int64(5))
        promptText = try row.optionalString(6)
        responseText = try row.optionalString(7)
        textPurgedAt = try row.optionalDate(8)
        createdAt = try row.date(9)
    }
}

/// A checkpoint's claim and where it is on its way on-chain.
public struct CheckpointRecord: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// Tokens claimed on-chain.
    public var tokensClaimed: Int64
    /// Token positions covered.
    public var tokenRange: TokenRange
    /// The status.
    public var status: CheckpointStatus
    /// The revert reason when the submission failed.
    public var revertReason: String?
    /// When it was stored.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    static let columns =
        "job_id, checkpoint_index, tokens_claimed, token_start, token_end, status, revert_reason, created_at_ms, "
        + "updated_at_ms"

    init(row: SQLiteRow) throws {
        jobID = try row.string(0)
        checkpointIndex = try row.int64(1)
        tokensClaimed = try row.int64(2)
        tokenRange = TokenRange(start: try row.int64(3), end: try row.int64(4))
        status = CheckpointStatus(try row.string(5))
        revertReason = try row.optionalString(6)
        createdAt = try row.date(7)
        updatedAt = try row.date(8)
    }
}

/// A stored proof. ``salt`` is nil unless the read explicitly asked for secrets.
public struct ProofRecord: Sendable, Equatable, Codable {
    /// The store's row id.
    public var id: Int64
    /// The job.
    public var jobID: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// The envelope JSON, as handed in.
    public var envelopeJSON: String
    /// The proof bytes.
    public var proofBytes: Data
    /// SHA-256 of the proof bytes (the on-chain `proofHash`).
    public var proofHash: Data
    /// The proof's content address (`bafkrei…`), same digest as ``proofHash``.
    public var proofCID: String
    /// The verifying key's fingerprint.
    public var keyFingerprint: String
    /// The proving backend.
    public var backend: String
    /// The public inputs JSON.
    public var publicInputsJSON: String
    /// The secret salt: only present when secrets were requested.
    public var salt: Data?
    /// When it was stored.
    public var createdAt: Date

    /// The columns without the salt; the salt is appended only on request.
    static let publicColumns =
        "id, job_id, checkpoint_index, envelope_json, proof_bytes, proof_hash, proof_cid, key_fingerprint, backend, "
        + "public_inputs_json, created_at_ms"

    init(row: SQLiteRow, includesSalt: Bool) throws {
        id = try row.int64(0)
        jobID = try row.string(1)
        checkpointIndex = try row.int64(2)
        envelopeJSON = try row.string(3)
        proofBytes = Data(try row.bytes(4))
        proofHash = Data(try row.bytes(5))
        proofCID = try row.string(6)
        keyFingerprint = try row.string(7)
        backend = try row.string(8)
        publicInputsJSON = try row.string(9)
        createdAt = try row.date(10)
        salt = includesSalt ? try row.optionalBytes(11).map { Data($0) } : nil
    }
}
