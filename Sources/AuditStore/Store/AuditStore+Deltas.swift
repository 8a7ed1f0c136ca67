import Foundation

extension AuditStore {
    /// The stored delta of a checkpoint, if any.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    /// - Returns: The delta or nil.
    public func checkpointDelta(jobID: String, checkpointIndex: Int64) throws -> CheckpointDeltaRecord? {
        try database.read { db in
            try db.queryFirst(
                "SELECT \(CheckpointDeltaRecord.columns) FROM checkpoint_deltas WHERE job_id = ? "
                    + "AND checkpoint_index = ?", [jobID, checkpointIndex]
            ).map(CheckpointDeltaRecord.init(row:))
        }
    }

    /// Every submission of a checkpoint, the replaced ones included, oldest first (the versions a
    /// restarted node hands to the transaction manager to confirm or rebroadcast).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    /// - Returns: The submissions.
    public func submissions(jobID: String, checkpointIndex: Int64) throws -> [SubmissionRecord] {
        try database.read { db in
            try db.query(
                "SELECT \(SubmissionRecord.columns) FROM submissions WHERE job_id = ? AND checkpoint_index = ? "
                    + "ORDER BY id", [jobID, checkpointIndex]
            ).map(SubmissionRecord.init(row:))
        }
    }

    /// The checkpoints of a job, in index order.
    /// - Parameter jobID: The job.
    /// - Returns: The checkpoints.
    public func checkpoints(jobID: String) throws -> [CheckpointRecord] {
        try database.read { db in
            try db.query(
                "SELECT \(CheckpointRecord.columns) FROM checkpoints WHERE job_id = ? ORDER BY checkpoint_index",
                [jobID]
            ).map(CheckpointRecord.init(row:))
        }
    }

    /// The proof of a checkpoint (without its salt), if stored.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    /// - Returns: The proof or nil.
    public func proof(jobID: String, checkpointIndex: Int64) throws -> ProofRecord? {
        try database.read { db in
            try db.queryFirst(
                "SELECT \(ProofRecord.publicColumns) FROM proofs WHERE job_id = ? AND checkpoint_index = ?",
                [jobID, checkpointIndex]
            ).map { try ProofRecord(row: $0, includesSalt: false) }
        }
    }
}
