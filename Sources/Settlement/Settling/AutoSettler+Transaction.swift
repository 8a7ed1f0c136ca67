import AuditStore
import Ethereum
import Foundation

extension AutoSettler {
    /// Sends `completeSessionJob`, retrying with backoff while the contract says "Dispute wait".
    func complete(jobID: String, jobId: U256, conversationCID: String) async throws(SettlerError) -> SettlementOutcome {
        let intent: TransactionIntent
        do {
            intent = try chain.marketplace.completeSessionJob(jobId: jobId, conversationCID: conversationCID)
        } catch {
            throw SettlerError(.invalidStoredData, "completeSessionJob cannot be encoded: \(error.message)")
        }
        var backoff = max(1, configuration.initialBackoff)
        var attempt = 0
        while true {
            do {
                return try await sendOnce(intent, jobID: jobID, conversationCID: conversationCID)
            } catch let error where error.revertReason == "Dispute wait" && attempt < configuration.disputeWaitRetries {
                attempt += 1
                telemetry.logger.info(
                    "completeSessionJob: Dispute wait; retrying",
                    metadata: ["job": "\(jobID)", "attempt": "\(attempt)", "backoffSeconds": "\(backoff)"])
                try await timed { try await timer.wait(seconds: backoff) }
                backoff = min(configuration.maximumBackoff, backoff * 2)
            } catch let error where error.revertReason == "Dispute wait" {
                throw SettlerError(
                    .disputeWaitExhausted,
                    "completeSessionJob kept reverting with \"Dispute wait\" after \(attempt) retries; run settle later",
                    revertReason: error.revertReason)
            }
        }
    }

    /// Signs, stores (before broadcast), broadcasts and confirms one settlement transaction.
    private func sendOnce(
        _ intent: TransactionIntent, jobID: String, conversationCID: String
    ) async throws(SettlerError) -> SettlementOutcome {
        let prepared: PreparedTransaction
        do {
            prepared = try await manager.prepare(intent, signer: signer)
        } catch {
            throw Self.failure(error, doing: "preparing completeSessionJob for \(jobID)")
        }
        let store = self.store
        let pausePoint = configuration.pausePoint
        let sent: PreparedTransaction
        do {
            sent = try await manager.persistAndBroadcast(prepared, signer: signer) { version in
                try Self.persist(version, jobID: jobID, conversationCID: conversationCID, store: store)
                SettlementPausePoint.afterPersist.pause(ifConfigured: pausePoint)
            }
        } catch {
            // Not marked failed: the stored transaction may have reached the node; the next run resumes it
            // (confirms or rebroadcasts) instead of signing another.
            throw Self.failure(error, doing: "broadcasting completeSessionJob for \(jobID)")
        }
        _ = try read { try store.markSettlementBroadcast(jobID: jobID) }
        SettlementPausePoint.afterBroadcast.pause(ifConfigured: pausePoint)
        return try await follow(jobID: jobID, conversationCID: conversationCID) { hook async throws(TransactionError) in
            try await manager.confirm([sent], signer: signer, persist: hook)
        }
    }

    /// Resumes a settlement whose transaction was stored (and maybe broadcast) before a crash: confirms it
    /// by hash or rebroadcasts it. Returns nil when it reverted with "Dispute wait" (a new attempt may follow).
    func resume(jobID: String, _ existing: SettlementRecord) async throws(SettlerError) -> SettlementOutcome? {
        guard let raw = existing.rawTransaction else {
            throw SettlerError(
                .invalidStoredData, "the \(existing.status) settlement of \(jobID) has no stored transaction")
        }
        telemetry.logger.notice(
            "resuming a stored settlement transaction",
            metadata: [
                "job": "\(jobID)", "status": "\(existing.status)",
                "txHash": "\(HexText.encode(existing.txHash ?? Data()))",
            ])
        do {
            return try await follow(jobID: jobID, conversationCID: existing.conversationCID) {
                hook async throws(TransactionError) in
                try await manager.resume(persisted: [[UInt8](raw)], signer: signer, persist: hook)
            }
        } catch let error where error.revertReason == "Dispute wait" {
            return nil
        }
    }

    /// Follows a sent transaction to its receipt (with fee-bump replacements persisted first), then
    /// records the payment; a revert is recorded as a failed attempt.
    private func follow(
        jobID: String, conversationCID: String,
        _ body: (@escaping TransactionPersistHook) async throws(TransactionError) -> TransactionOutcome
    ) async throws(SettlerError) -> SettlementOutcome {
        let store = self.store
        let replacement: TransactionPersistHook = { version in
            // The store keeps one transaction per settlement: a replacement (same nonce, higher fee, or a
            // re-signed successor) supersedes the stored one before it is broadcast.
            try store.markSettlementFailed(jobID: jobID, error: "superseded by \(HexText.encode(version.hash.bytes))")
            try Self.persist(version, jobID: jobID, conversationCID: conversationCID, store: store)
        }
        let outcome: TransactionOutcome
        do {
            outcome = try await body(replacement)
        } catch {
            if error.code == .reverted || error.code == .nonceConsumed {
                markFailed(jobID: jobID, error.revertReason ?? error.message)
            }
            throw Self.failure(error, doing: "completeSessionJob for \(jobID)")
        }
        // The node may have mined an older fee-bump version: the stored row must name the mined one.
        let minedHash = Data(outcome.transaction.hash.bytes)
        if let stored = try read({ try store.settlement(jobID: jobID) }), stored.txHash != minedHash {
            do {
                try await replacement(outcome.transaction)
            } catch {
                throw SettlerError(.store, "the mined settlement version could not be recorded: \(error)")
            }
        }
        return try finish(jobID: jobID, outcome)
    }

    /// Records the confirmed settlement with the `SessionCompleted` amounts.
    private func finish(jobID: String, _ outcome: TransactionOutcome) throws(SettlerError) -> SettlementOutcome {
        let events: [JobMarketplaceEvent]
        do {
            events = try chain.marketplace.events(in: outcome.receipt)
        } catch {
            throw SettlerError(.chain, "the settlement receipt's logs do not decode: \(error.message)")
        }
        guard
            let completed = events.lazy.compactMap({ event -> (U256, U256, U256)? in
                guard case .sessionCompleted(_, let tokens, let earnings, let refund) = event else { return nil }
                return (tokens, earnings, refund)
            }).first
        else {
            throw SettlerError(.chain, "the settlement of \(jobID) was mined without a SessionCompleted event")
        }
        let payment = AuditStore.SettlementPayment(
            blockNumber: Int64(clamping: outcome.receipt.blockNumber),
            gasUsed: Int64(clamping: outcome.receipt.gasUsed),
            hostEarnings: completed.1.description, userRefund: completed.2.description,
            tokensUsed: Int64(clamping: completed.0.uint64 ?? UInt64(Int64.max)))
        let record = try read {
            try store.markSettlementConfirmed(jobID: jobID, payment: payment)
            return try store.settlement(jobID: jobID)
        }
        guard let record else { throw SettlerError(.store, "the confirmed settlement of \(jobID) is not readable") }
        telemetry.logger.info(
            "session settled",
            metadata: [
                "job": "\(jobID)", "hostEarnings": "\(payment.hostEarnings)", "userRefund": "\(payment.userRefund)",
                "tokensUsed": "\(payment.tokensUsed)",
            ])
        return .settled(record)
    }

    /// Records an on-chain timeout with the `SessionTimedOut` amounts.
    func recordTimeout(jobID: String, jobId: U256) async throws(SettlerError) -> SettlementOutcome {
        let amounts = try await eventAmounts(jobId: jobId, name: "SessionTimedOut") { event in
            guard case .sessionTimedOut(_, let earnings, let refund) = event else { return nil }
            return (earnings, refund)
        }
        let record = try read {
            try store.recordSessionTimedOut(
                jobID: jobID, hostEarnings: amounts.0.description, userRefund: amounts.1.description)
            return try store.settlement(jobID: jobID)
        }
        guard let record else { throw SettlerError(.store, "the timeout of \(jobID) is not readable") }
        telemetry.logger.notice("session timed out on chain", metadata: ["job": "\(jobID)"])
        return .timedOut(record)
    }

    /// A session completed on chain by someone else (the depositor): reported, nothing sent.
    func completedElsewhere(jobID: String, jobId: U256) async throws(SettlerError) -> SettlementOutcome {
        let amounts = try await eventAmounts(jobId: jobId, name: "SessionCompleted") { event in
            guard case .sessionCompleted(_, _, let earnings, let refund) = event else { return nil }
            return (earnings, refund)
        }
        telemetry.logger.notice("session was completed on chain by someone else", metadata: ["job": "\(jobID)"])
        return .completedElsewhere(hostEarnings: amounts.0.description, userRefund: amounts.1.description)
    }

    private func eventAmounts(
        jobId: U256, name: String, _ pick: (JobMarketplaceEvent) -> (U256, U256)?
    ) async throws(SettlerError) -> (U256, U256) {
        let found: [(event: JobMarketplaceEvent, log: EthereumLog)]
        do {
            found = try await chain.marketplace.events(on: chain.client, from: .earliest, names: [name], jobId: jobId)
        } catch {
            throw SettlerError(.chain, "reading the \(name) log of job \(jobId) failed: \(error.message)")
        }
        guard let amounts = found.compactMap({ pick($0.event) }).first else {
            throw SettlerError(.chain, "job \(jobId) has no \(name) log although its status says so")
        }
        return amounts
    }

    /// Records a failed attempt when a transaction is stored; a store failure here is logged (the
    /// caller is already reporting the attempt's own failure, and a restart resumes from the stored row).
    private func markFailed(jobID: String, _ reason: String) {
        do {
            if let current = try store.settlement(jobID: jobID),
                current.status == .signed || current.status == .broadcast
            {
                try store.markSettlementFailed(jobID: jobID, error: reason)
            }
        } catch {
            telemetry.logger.error(
                "recording a failed settlement attempt failed", metadata: ["job": "\(jobID)", "error": "\(error)"])
        }
    }

    /// Stores a signed version before broadcast.
    static func persist(
        _ version: PreparedTransaction, jobID: String, conversationCID: String, store: AuditStore
    ) throws {
        try store.recordSettlementAttempt(
            jobID: jobID, conversationCID: conversationCID, nonce: Int64(clamping: version.nonce),
            rawTransaction: Data(version.raw), txHash: Data(version.hash.bytes))
    }

    /// A transaction failure as a settler error, keeping the revert reason.
    static func failure(_ error: TransactionError, doing what: String) -> SettlerError {
        if error.code == .reverted {
            return SettlerError(
                .reverted, "\(what) reverted: \(error.revertReason ?? "no reason")", revertReason: error.revertReason)
        }
        return SettlerError(.chain, "\(what) failed: \(error.message)")
    }
}
