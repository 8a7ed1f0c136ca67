import Foundation

extension AuditStore {
    /// Stores a signed `completeSessionJob` transaction before broadcast.
    ///
    /// A session has one settlement row, ever. A first attempt inserts it; a retry is allowed only after
    /// the previous attempt failed (e.g. "Dispute wait") and overwrites the transaction fields, counting
    /// attempts. A confirmed or timed-out settlement never changes again (a database trigger enforces it).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - conversationCID: The conversation record's CID.
    ///   - nonce: The sender nonce.
    ///   - rawTransaction: The signed transaction.
    ///   - txHash: Its hash.
    /// - Throws: `alreadySettled` when the session is settled or a settlement transaction is still pending;
    ///   `notFound` when the session is unknown.
    public func recordSettlementAttempt(
        jobID: String, conversationCID: String, nonce: Int64, rawTransaction: Data, txHash: Data
    ) throws {
        let time = now
        do {
            try database.write { db in
                guard try db.queryFirst("SELECT 1 FROM sessions WHERE job_id = ?", [jobID]) != nil else {
                    throw AuditStoreError(.notFound, "no session \(jobID) in the store; record the session first")
                }
                if let existing = try db.queryFirst("SELECT status FROM settlements WHERE job_id = ?", [jobID]) {
                    let status = try existing.string(0)
                    guard status == "failed" else {
                        throw AuditStoreError(
                            .alreadySettled,
                            "session \(jobID) already has a \(status) settlement; a session is never settled twice "
                                + "(confirm a pending one by its hash instead of signing again)")
                    }
                    try db.run(
                        "UPDATE settlements SET conversation_cid = ?, nonce = ?, raw_transaction = ?, tx_hash = ?, "
                            + "status = 'signed', error = NULL, block_number = NULL, gas_used = NULL, "
                            + "attempts = attempts + 1, updated_at_ms = ? WHERE job_id = ?",
                        [conversationCID, nonce, rawTransaction, txHash, time, jobID])
                } else {
                    try db.run(
                        "INSERT INTO settlements (job_id, conversation_cid, nonce, raw_transaction, tx_hash, status, "
                            + "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'signed', ?, ?)",
                        [jobID, conversationCID, nonce, rawTransaction, txHash, time, time])
                }
                try AuditLog.append(
                    db, kind: .settlementSigned, subject: Self.jobSubject(jobID),
                    payload: [
                        "conversationCID": conversationCID, "nonce": String(nonce), "txHash": Hex.encode(txHash),
                    ], time: time)
            }
        } catch {
            throw Self.classify(error, duplicate: "transaction \(Hex.encode(txHash)) is already stored")
        }
    }

    /// Marks the settlement transaction as sent.
    /// - Parameter jobID: The job.
    /// - Throws: `notFound`, `invalidTransition`.
    public func markSettlementBroadcast(jobID: String) throws {
        try settlementTransition(jobID: jobID, from: ["signed", "broadcast"], kind: .settlementBroadcast) { db, time in
            try db.run(
                "UPDATE settlements SET status = 'broadcast', updated_at_ms = ? WHERE job_id = ?", [time, jobID])
            return [:]
        }
    }

    /// The payment a confirmed settlement produced (from the `SessionCompleted` event and the receipt).
    public struct SettlementPayment: Sendable, Equatable {
        /// The block it was mined in.
        public var blockNumber: Int64
        /// Gas used.
        public var gasUsed: Int64
        /// The host's net earnings (decimal wei).
        public var hostEarnings: String
        /// The depositor's refund (decimal wei).
        public var userRefund: String
        /// Tokens the contract counted.
        public var tokensUsed: Int64

        /// Creates a payment record.
        /// - Parameters:
        ///   - blockNumber: Block.
        ///   - gasUsed: Gas.
        ///   - hostEarnings: Host net earnings (decimal wei).
        ///   - userRefund: Refund (decimal wei).
        ///   - tokensUsed: Tokens used.
        public init(blockNumber: Int64, gasUsed: Int64, hostEarnings: String, userRefund: String, tokensUsed: Int64) {
            self.blockNumber = blockNumber
            self.gasUsed = gasUsed
            self.hostEarnings = hostEarnings
            self.userRefund = userRefund
            self.tokensUsed = tokensUsed
        }
    }

    /// Records the confirmed settlement and its payment; the session becomes `settled`. Final.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - payment: What was paid.
    /// - Throws: `notFound`, `invalidTransition`, `alreadySettled`.
    public func markSettlementConfirmed(jobID: String, payment: SettlementPayment) throws {
        try settlementTransition(jobID: jobID, from: ["signed", "broadcast"], kind: .settlementConfirmed) { db, time in
            try db.run(
                "UPDATE settlements SET status = 'confirmed', block_number = ?, gas_used = ?, host_earnings = ?, "
                    + "user_refund = ?, tokens_used = ?, settled_at_ms = ?, updated_at_ms = ? WHERE job_id = ?",
                [
                    payment.blockNumber, payment.gasUsed, payment.hostEarnings, payment.userRefund, payment.tokensUsed,
                    time, time, jobID,
                ])
            try db.run("UPDATE sessions SET status = 'settled', updated_at_ms = ? WHERE job_id = ?", [time, jobID])
            return [
                "blockNumber": String(payment.blockNumber), "gasUsed": String(payment.gasUsed),
                "hostEarnings": payment.hostEarnings, "userRefund": payment.userRefund,
                "tokensUsed": String(payment.tokensUsed),
            ]
        }
    }

    /// Records a failed settlement attempt (a retry may follow with a new transaction).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - error: The revert reason or node error.
    /// - Throws: `notFound`, `invalidTransition`.
    public func markSettlementFailed(jobID: String, error: String) throws {
        try settlementTransition(jobID: jobID, from: ["signed", "broadcast"], kind: .settlementFailed) { db, time in
            try db.run(
                "UPDATE settlements SET status = 'failed', error = ?, updated_at_ms = ? WHERE job_id = ?",
                [error, time, jobID])
            return ["error": error]
        }
    }

    /// Records that the session timed out on-chain (`SessionTimedOut`): final, like a settlement.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - hostEarnings: The host's earnings from the event (decimal wei).
    ///   - userRefund: The refund (decimal wei).
    /// - Throws: `alreadySettled` when the session already has a confirmed settlement.
    public func recordSessionTimedOut(jobID: String, hostEarnings: String, userRefund: String) throws {
        let time = now
        do {
            try database.write { db in
                try db.run(
                    "INSERT INTO settlements (job_id, conversation_cid, status, host_earnings, user_refund, "
                        + "created_at_ms, updated_at_ms, settled_at_ms) VALUES (?, '', 'timedOut', ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (job_id) DO UPDATE SET status = 'timedOut', host_earnings = excluded.host_earnings, "
                        + "user_refund = excluded.user_refund, updated_at_ms = excluded.updated_at_ms, "
                        + "settled_at_ms = excluded.settled_at_ms",
                    [jobID, hostEarnings, userRefund, time, time, time])
                try db.run(
                    "UPDATE sessions SET status = 'timedOut', updated_at_ms = ? WHERE job_id = ?", [time, jobID])
                try AuditLog.append(
                    db, kind: .settlementTimedOut, subject: Self.jobSubject(jobID),
                    payload: ["hostEarnings": hostEarnings, "userRefund": userRefund], time: time)
            }
        } catch {
            throw Self.classify(error, duplicate: "session \(jobID) is already settled")
        }
    }

    /// Reads a session's settlement.
    /// - Parameter jobID: The job.
    /// - Returns: The settlement or nil.
    public func settlement(jobID: String) throws -> SettlementRecord? {
        try database.read { db in
            try db.queryFirst("SELECT \(SettlementRecord.columns) FROM settlements WHERE job_id = ?", [jobID])
                .map(SettlementRecord.init(row:))
        }
    }

    private func settlementTransition(
        jobID: String, from allowed: Set<String>, kind: AuditEventKind,
        _ change: (SQLiteConnection, Int64) throws -> [String: String]
    ) throws {
        let time = now
        do {
            try database.write { db in
                guard let row = try db.queryFirst("SELECT status, tx_hash FROM settlements WHERE job_id = ?", [jobID])
                else {
                    throw AuditStoreError(.notFound, "session \(jobID) has no settlement transaction stored")
                }
                let status = try row.string(0)
                guard allowed.contains(status) else {
                    throw AuditStoreError(
                        .invalidTransition, "the settlement of session \(jobID) is \(status); it cannot become \(kind)")
                }
                var payload = try change(db, time)
                if let hash = try row.optionalBytes(1) { payload["txHash"] = Hex.encode(hash) }
                try AuditLog.append(db, kind: kind, subject: Self.jobSubject(jobID), payload: payload, time: time)
            }
        } catch {
            throw Self.classify(error, duplicate: "session \(jobID) is already settled")
        }
    }
}
