import Foundation

/// A signed `submitProofOfWork` transaction for one checkpoint, stored before it is broadcast.
public struct SubmissionRecord: Sendable, Equatable, Codable {
    /// The store's row id.
    public var id: Int64
    /// The job.
    public var jobID: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// The sender's nonce.
    public var nonce: Int64
    /// The raw signed transaction, ready to rebroadcast.
    public var rawTransaction: Data
    /// The transaction hash (32 bytes).
    public var txHash: Data
    /// The state.
    public var status: TransactionStatus
    /// The block it was mined in.
    public var blockNumber: Int64?
    /// Gas used by the receipt.
    public var gasUsed: Int64?
    /// The error or revert reason.
    public var error: String?
    /// The row this one replaced (a fee bump with the same nonce).
    public var replacesID: Int64?
    /// When it was stored.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    static let columns =
        "id, job_id, checkpoint_index, nonce, raw_transaction, tx_hash, status, block_number, gas_used, error, "
        + "replaces_id, created_at_ms, updated_at_ms"

    init(row: SQLiteRow) throws {
        id = try row.int64(0)
        jobID = try row.string(1)
        checkpointIndex = try row.int64(2)
        nonce = try row.int64(3)
        rawTransaction = Data(try row.bytes(4))
        txHash = Data(try row.bytes(5))
        status = TransactionStatus(try row.string(6))
        blockNumber = try row.optionalInt64(7)
        gasUsed = try row.optionalInt64(8)
        error = try row.optionalString(9)
        replacesID = try row.optionalInt64(10)
        createdAt = try row.date(11)
        updatedAt = try row.date(12)
    }
}

/// A session's settlement (`completeSessionJob`), or its on-chain timeout. One per session, ever.
public struct SettlementRecord: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: String
    /// The conversation record's CID passed to `completeSessionJob`.
    public var conversationCID: String
    /// The sender's nonce (nil for a timeout observed, not sent).
    public var nonce: Int64?
    /// The raw signed transaction, stored before broadcast.
    public var rawTransaction: Data?
    /// The transaction hash.
    public var txHash: Data?
    /// The state.
    public var status: TransactionStatus
    /// The block it was mined in.
    public var blockNumber: Int64?
    /// Gas used.
    public var gasUsed: Int64?
    /// The host's net earnings from `SessionCompleted` (decimal wei).
    public var hostEarnings: String?
    /// The depositor's refund (decimal wei).
    public var userRefund: String?
    /// Tokens used, as the contract counted them.
    public var tokensUsed: Int64?
    /// The error of the last failed attempt.
    public var error: String?
    /// How many transactions were attempted (a failed attempt may be retried).
    public var attempts: Int64
    /// When it was first recorded.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it was confirmed (the start of the text-retention period).
    public var settledAt: Date?

    static let columns =
        "job_id, conversation_cid, nonce, raw_transaction, tx_hash, status, block_number, gas_used, host_earnings, "
        + "user_refund, tokens_used, error, attempts, created_at_ms, updated_at_ms, settled_at_ms"

    init(row: SQLiteRow) throws {
        jobID = try row.string(0)
        conversationCID = try row.string(1)
        nonce = try row.optionalInt64(2)
        rawTransaction = try row.optionalBytes(3).map { Data($0) }
        txHash = try row.optionalBytes(4).map { Data($0) }
        status = TransactionStatus(try row.string(5))
        blockNumber = try row.optionalInt64(6)
        gasUsed = try row.optionalInt64(7)
        hostEarnings = try row.optionalString(8)
        userRefund = try row.optionalString(9)
        tokensUsed = try row.optionalInt64(10)
        error = try row.optionalString(11)
        attempts = try row.int64(12)
        createdAt = try row.date(13)
        updatedAt = try row.date(14)
        settledAt = try row.optionalDate(15)
    }
}

/// A dispute: validation refused the session's settlement, with every reason.
public struct DisputeRecord: Sendable, Equatable, Codable {
    /// The store's row id.
    public var id: Int64
    /// The job.
    public var jobID: String
    /// Every reason validation failed.
    public var reasons: [String]
    /// When it was recorded.
    public var createdAt: Date
    /// When it was resolved.
    public var resolvedAt: Date?
    /// How it was resolved.
    public var resolution: String?

    static let columns = "id, job_id, reasons_json, created_at_ms, resolved_at_ms, resolution"

    init(row: SQLiteRow) throws {
        id = try row.int64(0)
        jobID = try row.string(1)
        let json = try row.string(2)
        do {
            reasons = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        } catch {
            throw AuditStoreError(.corruptRow, "dispute \(id) has reasons that are not a JSON array of strings")
        }
        createdAt = try row.date(3)
        resolvedAt = try row.optionalDate(4)
        resolution = try row.optionalString(5)
    }
}
