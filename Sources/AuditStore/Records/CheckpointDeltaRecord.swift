import Foundation

/// A checkpoint's signed conversation delta as stored: the document bytes `deltaCID` names.
public struct CheckpointDeltaRecord: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: String
    /// The checkpoint.
    public var checkpointIndex: Int64
    /// The signed delta document (the exact bytes the CID is computed over).
    public var document: Data
    /// The document's CID (CIDv1, raw, sha2-256, base32 `b…`).
    public var deltaCID: String
    /// The address that signed the delta (EIP-191).
    public var signer: String
    /// When it was stored.
    public var createdAt: Date

    static let columns = "job_id, checkpoint_index, document, delta_cid, signer, created_at_ms"

    init(row: SQLiteRow) throws {
        jobID = try row.string(0)
        checkpointIndex = try row.int64(1)
        document = Data(try row.bytes(2))
        deltaCID = try row.string(3)
        signer = try row.string(4)
        createdAt = try row.date(5)
    }
}
