import Foundation

/// Filters for ``AuditStore/listProofs(_:)``. Every filter is optional; results are newest first.
public struct ProofQuery: Sendable, Equatable {
    /// Only this job.
    public var jobID: String?
    /// Only sessions of this host (compared case-insensitively).
    public var hostAddress: String?
    /// Only checkpoints in this status.
    public var status: CheckpointStatus?
    /// Only proofs stored at or after this time.
    public var from: Date?
    /// Only proofs stored before this time.
    public var to: Date?
    /// Page size (at most 10,000).
    public var limit: Int
    /// Rows to skip (for paging).
    public var offset: Int

    /// Creates a query.
    /// - Parameters:
    ///   - jobID: Job filter.
    ///   - hostAddress: Host filter.
    ///   - status: Checkpoint status filter.
    ///   - from: Earliest time (inclusive).
    ///   - to: Latest time (exclusive).
    ///   - limit: Page size.
    ///   - offset: Rows to skip.
    public init(
        jobID: String? = nil, hostAddress: String? = nil, status: CheckpointStatus? = nil, from: Date? = nil,
        to: Date? = nil, limit: Int = 100, offset: Int = 0
    ) {
        self.jobID = jobID
        self.hostAddress = hostAddress
        self.status = status
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }
}

/// One line of a proof listing: the proof, its checkpoint and its live transaction.
public struct ProofSummary: Sendable, Equatable, Codable {
    /// The proof's CID (its public id).
    public var proofCID: String
    /// The job.
    public var jobID: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// The session's host.
    public var hostAddress: String
    /// The checkpoint's status.
    public var status: CheckpointStatus
    /// Tokens claimed.
    public var tokensClaimed: Int64
    /// SHA-256 of the proof bytes.
    public var proofHash: Data
    /// The proof size in bytes.
    public var proofSize: Int64
    /// The verifying key's fingerprint.
    public var keyFingerprint: String
    /// The backend.
    public var backend: String
    /// When it was stored.
    public var createdAt: Date
    /// The live submission's transaction hash, if signed.
    public var txHash: Data?

    static let select = """
        SELECT p.proof_cid, p.job_id, p.checkpoint_index, s.host_address, c.status, c.tokens_claimed, p.proof_hash,
            length(p.proof_bytes), p.key_fingerprint, p.backend, p.created_at_ms,
            (SELECT tx_hash FROM submissions x WHERE x.job_id = p.job_id AND x.checkpoint_index = p.checkpoint_index
                AND x.status <> 'replaced')
        FROM proofs p
        JOIN checkpoints c ON c.job_id = p.job_id AND c.checkpoint_index = p.checkpoint_index
        JOIN sessions s ON s.job_id = p.job_id
        """

    init(row: SQLiteRow) throws {
        proofCID = try row.string(0)
        jobID = try row.string(1)
        checkpointIndex = try row.int64(2)
        hostAddress = try row.string(3)
        status = CheckpointStatus(try row.string(4))
        tokensClaimed = try row.int64(5)
        proofHash = Data(try row.bytes(6))
        proofSize = try row.int64(7)
        keyFingerprint = try row.string(8)
        backend = try row.string(9)
        createdAt = try row.date(10)
        txHash = try row.optionalBytes(11).map { Data($0) }
    }
}

/// Everything the store holds about one job, read in one snapshot.
public struct JobReport: Sendable, Equatable, Codable {
    /// The session.
    public var session: SessionRecord
    /// The inference results, by checkpoint.
    public var results: [InferenceResultRecord]
    /// The checkpoints, by index.
    public var checkpoints: [CheckpointRecord]
    /// The proofs, by checkpoint (salts only if requested).
    public var proofs: [ProofRecord]
    /// Every submission including replaced ones, oldest first.
    public var submissions: [SubmissionRecord]
    /// The settlement, if any.
    public var settlement: SettlementRecord?
    /// The disputes, oldest first.
    public var disputes: [DisputeRecord]
}
