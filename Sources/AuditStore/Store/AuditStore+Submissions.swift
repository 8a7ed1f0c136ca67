import Foundation

extension AuditStore {
    /// Stores a signed `submitProofOfWork` transaction before it is broadcast, and moves the checkpoint to
    /// `signed`. The checkpoint can have only one such transaction (see ``replaceSubmission(jobID:checkpointIndex:previousTxHash:rawTransaction:txHash:)``
    /// for a fee bump).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    ///   - nonce: The sender nonce the transaction uses.
    ///   - rawTransaction: The signed transaction bytes.
    ///   - txHash: Its hash (32 bytes).
    /// - Returns: The submission's row id.
    /// - Throws: `duplicateSubmission` when the checkpoint already has a transaction; `notFound` when the
    ///   checkpoint is not stored.
    @discardableResult
    public func recordSignedSubmission(
        jobID: String, checkpointIndex: Int64, nonce: Int64, rawTransaction: Data, txHash: Data
    ) throws -> Int64 {
        let time = now
        do {
            return try database.write { db in
                try requireCheckpoint(db, jobID: jobID, checkpointIndex: checkpointIndex)
                try db.run(
                    "INSERT INTO submissions (job_id, checkpoint_index, nonce, raw_transaction, tx_hash, status, "
                        + "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'signed', ?, ?)",
                    [jobID, checkpointIndex, nonce, rawTransaction, txHash, time, time])
                let id = db.lastInsertRowID
                try setCheckpointStatus(db, jobID: jobID, checkpointIndex: checkpointIndex, .signed, time: time)
                try AuditLog.append(
                    db, kind: .submissionSigned, subject: Self.checkpointSubject(job: jobID, index: checkpointIndex),
                    payload: [
                        "nonce": String(nonce), "txHash": Hex.encode(txHash),
                        "rawTransactionLength": String(rawTransaction.count),
                    ], time: time)
                return id
            }
        } catch {
            throw Self.classify(error, duplicate: "transaction \(Hex.encode(txHash)) is already stored")
        }
    }

    /// Replaces a checkpoint's live transaction with a fee-bumped one that reuses its nonce, in one
    /// transaction: the old row becomes `replaced` and the new one links to it.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    ///   - previousTxHash: The transaction being replaced.
    ///   - rawTransaction: The new signed transaction (same nonce).
    ///   - txHash: Its hash.
    /// - Returns: The new submission's row id.
    /// - Throws: `replacementNonceMismatch` if the nonce differs; `notFound` if the previous transaction is
    ///   not this checkpoint's live one; `invalidTransition` if it is already confirmed or failed.
    @discardableResult
    public func replaceSubmission(
        jobID: String, checkpointIndex: Int64, previousTxHash: Data, nonce: Int64, rawTransaction: Data, txHash: Data
    ) throws -> Int64 {
        let time = now
        do {
            return try database.write { db in
                guard
                    let previous = try db.queryFirst(
                        "SELECT id, status, nonce FROM submissions WHERE tx_hash = ? AND job_id = ? "
                            + "AND checkpoint_index = ?", [previousTxHash, jobID, checkpointIndex])
                else {
                    throw AuditStoreError(
                        .notFound,
                        "transaction \(Hex.encode(previousTxHash)) is not a submission of checkpoint "
                            + "\(jobID)/\(checkpointIndex)")
                }
                let previousID = try previous.int64(0)
                let status = try previous.string(1)
                guard status == "signed" || status == "broadcast" else {
                    throw AuditStoreError(
                        .invalidTransition,
                        "transaction \(Hex.encode(previousTxHash)) is \(status); only a signed or "
                            + "broadcast (pending) transaction can be replaced")
                }
                guard try previous.int64(2) == nonce else {
                    throw AuditStoreError(
                        .replacementNonceMismatch,
                        "a fee-bump replacement must reuse nonce \(try previous.int64(2)), not \(nonce)")
                }
                try db.run(
                    "UPDATE submissions SET status = 'replaced', updated_at_ms = ? WHERE id = ?", [time, previousID])
                try db.run(
                    "INSERT INTO submissions (job_id, checkpoint_index, nonce, raw_transaction, tx_hash, status, "
                        + "replaces_id, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'signed', ?, ?, ?)",
                    [jobID, checkpointIndex, nonce, rawTransaction, txHash, previousID, time, time])
                let id = db.lastInsertRowID
                try setCheckpointStatus(db, jobID: jobID, checkpointIndex: checkpointIndex, .signed, time: time)
                try AuditLog.append(
                    db, kind: .submissionReplaced, subject: Self.checkpointSubject(job: jobID, index: checkpointIndex),
                    payload: [
                        "nonce": String(nonce), "previousTxHash": Hex.encode(previousTxHash),
                        "txHash": Hex.encode(txHash),
                    ], time: time)
                return id
            }
        } catch {
            throw Self.classify(error, duplicate: "transaction \(Hex.encode(txHash)) is already stored")
        }
    }

    /// Marks a stored transaction as sent.
    /// - Parameter txHash: The transaction.
    /// - Throws: `notFound`, or `invalidTransition` when it is no longer pending.
    public func markSubmissionBroadcast(txHash: Data) throws {
        try transition(txHash: txHash, from: ["signed", "broadcast"], to: .broadcast, kind: .submissionBroadcast) { _ in
            [:]
        }
    }

    /// Records a successful receipt: the submission and its checkpoint become `confirmed`.
    ///
    /// The mined transaction may be an older version that a fee bump replaced (both share the nonce and
    /// the node mined whichever it saw first): that version becomes the live one again and the pending
    /// replacement becomes `replaced`, so the checkpoint reports the transaction that is really on-chain.
    /// - Parameters:
    ///   - txHash: The transaction.
    ///   - blockNumber: The block it was mined in.
    ///   - gasUsed: Gas used.
    /// - Throws: `notFound`, or `invalidTransition` when it is not pending (or replaced by a pending one).
    public func markSubmissionConfirmed(txHash: Data, blockNumber: Int64, gasUsed: Int64) throws {
        try transition(
            txHash: txHash, from: ["signed", "broadcast"], to: .confirmed, kind: .submissionConfirmed, mined: true
        ) {
            db in
            try db.run(
                "UPDATE submissions SET block_number = ?, gas_used = ? WHERE tx_hash = ?",
                [blockNumber, gasUsed, txHash])
            return ["blockNumber": String(blockNumber), "gasUsed": String(gasUsed)]
        }
    }

    /// Records a revert or rejection: the submission and its checkpoint become `failed`, with the reason on
    /// the checkpoint.
    ///
    /// With a receipt (`blockNumber` given) the transaction was mined, and, as for a confirmation, it may be
    /// an older fee-bump version, which then becomes the live one again.
    /// - Parameters:
    ///   - txHash: The transaction.
    ///   - error: The revert reason or node error (e.g. `Too many`).
    ///   - blockNumber: The block, when a receipt exists.
    ///   - gasUsed: Gas used, when a receipt exists.
    /// - Throws: `notFound`, or `invalidTransition` when it is not pending.
    public func markSubmissionFailed(
        txHash: Data, error: String, blockNumber: Int64? = nil, gasUsed: Int64? = nil
    )
        throws
    {
        try transition(
            txHash: txHash, from: ["signed", "broadcast"], to: .failed, kind: .submissionFailed,
            mined: blockNumber != nil
        ) { db in
            try db.run(
                "UPDATE submissions SET error = ?, block_number = ?, gas_used = ? WHERE tx_hash = ?",
                [error, blockNumber, gasUsed, txHash])
            try db.run(
                "UPDATE checkpoints SET revert_reason = ? WHERE (job_id, checkpoint_index) = "
                    + "(SELECT job_id, checkpoint_index FROM submissions WHERE tx_hash = ?)", [error, txHash])
            var payload = ["error": error]
            if let blockNumber { payload["blockNumber"] = String(blockNumber) }
            return payload
        }
    }

    /// Submissions still pending (signed or broadcast, not replaced): what a restarted node must rebroadcast
    /// or confirm by hash.
    /// - Returns: The pending submissions, oldest first.
    public func pendingSubmissions() throws -> [SubmissionRecord] {
        try database.read { db in
            try db.query(
                "SELECT \(SubmissionRecord.columns) FROM submissions WHERE status IN ('signed', 'broadcast') "
                    + "ORDER BY id"
            ).map(SubmissionRecord.init(row:))
        }
    }

    /// The live (not replaced) submission of a checkpoint, if any.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    /// - Returns: The submission or nil.
    public func submission(jobID: String, checkpointIndex: Int64) throws -> SubmissionRecord? {
        try database.read { db in
            try db.queryFirst(
                "SELECT \(SubmissionRecord.columns) FROM submissions WHERE job_id = ? AND checkpoint_index = ? "
                    + "AND status <> 'replaced'", [jobID, checkpointIndex]
            ).map(SubmissionRecord.init(row:))
        }
    }

    private func transition(
        txHash: Data, from allowed: Set<String>, to status: TransactionStatus, kind: AuditEventKind,
        mined: Bool = false, _ extra: (SQLiteConnection) throws -> [String: String]
    ) throws {
        let time = now
        try database.write { db in
            guard
                let row = try db.queryFirst(
                    "SELECT job_id, checkpoint_index, status, nonce FROM submissions WHERE tx_hash = ?", [txHash])
            else {
                throw AuditStoreError(.notFound, "no stored submission with transaction hash \(Hex.encode(txHash))")
            }
            let jobID = try row.string(0)
            let index = try row.int64(1)
            let current = try row.string(2)
            var superseded: Data?
            if mined, current == "replaced" {
                superseded = try Self.supersedePendingVersion(
                    db, jobID: jobID, index: index, nonce: try row.int64(3), minedTxHash: txHash, time: time)
            } else if !allowed.contains(current) {
                throw AuditStoreError(
                    .invalidTransition,
                    "transaction \(Hex.encode(txHash)) is \(current) and cannot become \(status.name)")
            }
            try db.run(
                "UPDATE submissions SET status = ?, updated_at_ms = ? WHERE tx_hash = ?", [status.name, time, txHash])
            var payload = try extra(db)
            payload["txHash"] = Hex.encode(txHash)
            if let superseded { payload["supersededTxHash"] = Hex.encode(superseded) }
            try setCheckpointStatus(db, jobID: jobID, checkpointIndex: index, CheckpointStatus(status.name), time: time)
            try AuditLog.append(
                db, kind: kind, subject: Self.checkpointSubject(job: jobID, index: index), payload: payload, time: time)
        }
    }

    /// An older version of a checkpoint's transaction was mined: the pending newer version with the same
    /// nonce (which can now never be mined) stops being the live one.
    /// - Returns: The hash of the version that was live until now.
    private static func supersedePendingVersion(
        _ db: SQLiteConnection, jobID: String, index: Int64, nonce: Int64, minedTxHash: Data, time: Int64
    ) throws -> Data {
        guard
            let live = try db.queryFirst(
                "SELECT id, tx_hash FROM submissions WHERE job_id = ? AND checkpoint_index = ? AND nonce = ? "
                    + "AND status IN ('signed', 'broadcast')", [jobID, index, nonce])
        else {
            throw AuditStoreError(
                .invalidTransition,
                "transaction \(Hex.encode(minedTxHash)) was replaced and no pending version of checkpoint "
                    + "\(jobID)/\(index) with nonce \(nonce) remains; the checkpoint's outcome is already recorded")
        }
        let liveHash = Data(try live.bytes(1))
        try db.run(
            "UPDATE submissions SET status = 'replaced', updated_at_ms = ? WHERE id = ?", [time, try live.int64(0)])
        return liveHash
    }

    func requireCheckpoint(_ db: SQLiteConnection, jobID: String, checkpointIndex: Int64) throws {
        guard
            try db.queryFirst(
                "SELECT 1 FROM checkpoints WHERE job_id = ? AND checkpoint_index = ?", [jobID, checkpointIndex]) != nil
        else {
            throw AuditStoreError(
                .notFound,
                "checkpoint \(jobID)/\(checkpointIndex) is not stored; store the proof before signing its transaction")
        }
    }

    func setCheckpointStatus(
        _ db: SQLiteConnection, jobID: String, checkpointIndex: Int64, _ status: CheckpointStatus, time: Int64
    ) throws {
        try db.run(
            "UPDATE checkpoints SET status = ?, updated_at_ms = ? WHERE job_id = ? AND checkpoint_index = ?",
            [status.name, time, jobID, checkpointIndex])
    }
}
