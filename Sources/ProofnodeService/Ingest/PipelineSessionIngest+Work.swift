import AuditStore
import Commitment
import Foundation
import Settlement

extension PipelineSessionIngest {
    /// Recovers stored submissions (``CheckpointSubmitter/recover()``), then rebuilds every active or
    /// completing session that has stored segments, queueing what it still owes: checkpoints not yet
    /// confirmed and, for completing sessions, settlement.
    /// - Returns: What recovery finished and what failed (also logged).
    @discardableResult
    public func start() async -> RecoveryReport {
        let report = await submitter.recover()
        for checkpoint in report.confirmed {
            logger.info("recovered checkpoint \(checkpoint.checkpointIndex) of job \(checkpoint.jobID)")
        }
        for failure in report.failed { logger.error("recovery failed: \(failure)") }
        do {
            let candidates = try store.sessions(status: .active) + store.sessions(status: .completing)
            for record in candidates {
                guard try !store.tokenSegments(jobID: record.jobID).isEmpty else { continue }
                do {
                    _ = try await loaded(record.jobID, registering: false)
                } catch {
                    logger.error("session \(record.jobID) could not be resumed: \(error)")
                }
            }
        } catch {
            logger.error("stored sessions could not be listed for resumption: \(error)")
        }
        return report
    }

    /// The session in memory, rebuilt from the store (and the chain, for its rules) when needed.
    /// - Parameter registering: Record the session from the chain when the store does not have it
    ///   (otherwise an unknown session is `.unknownSession`).
    func loaded(_ jobID: String, registering: Bool) async throws(SessionIngestError) -> IngestSession {
        if let session = sessions[jobID] { return session }
        if !registering {
            let record: SessionRecord?
            do {
                record = try store.session(jobID: jobID)
            } catch {
                throw SessionIngestError(.unavailable, "the audit store could not be read: \(error)")
            }
            guard record != nil else {
                throw SessionIngestError(.unknownSession, "session \(jobID) is not registered: POST /v1/sessions first")
            }
        }
        let runner = SessionRunner(submitter: submitter, modelHash: modelHash ?? .sha256(utf8: jobID))
        let registered: (SessionRecord, CheckpointRules)
        do {
            registered = try await runner.register(jobID: jobID)
        } catch {
            let code: SessionIngestError.Code = error.code == .sessionUnusable ? .rejected : .unavailable
            throw SessionIngestError(code, error.message)
        }
        // Another call may have loaded it while this one read the chain.
        if let session = sessions[jobID] { return session }
        return try rebuild(registered.0, rules: registered.1)
    }

    /// Replays the stored segments of `record` into a new in-memory session and queues what is owed.
    private func rebuild(_ record: SessionRecord, rules: CheckpointRules) throws(SessionIngestError) -> IngestSession {
        let jobID = record.jobID
        var session = IngestSession(
            jobID: jobID, modelHash: modelHash ?? .sha256(utf8: record.modelID),
            tracker: CheckpointTracker(rules: rules))
        var owed: [CheckpointWork] = []
        var hashes: [Data] = []
        let confirmed: Set<Int64>
        do {
            confirmed = Set(
                try store.checkpoints(jobID: jobID).filter { $0.status == .confirmed }.map(\.checkpointIndex))
            for segment in try store.tokenSegments(jobID: jobID) {
                guard segment.sequence == Int64(session.receipts.count) else {
                    throw SessionIngestError(
                        .unavailable, "the stored segments of session \(jobID) have a gap at \(session.receipts.count)")
                }
                owed += try session.add(
                    prompt: segment.promptText, response: segment.responseText, tokens: segment.tokens)
                session.receipts.append(
                    SegmentReceipt(
                        jobID: UInt64(jobID) ?? 0, sequence: UInt64(segment.sequence),
                        totalTokens: UInt64(clamping: session.tracker.generatedTokens),
                        checkpointsDue: UInt64(clamping: session.tracker.nextIndex), duplicate: false))
                hashes.append(segment.contentHash)
            }
        } catch let error as SessionIngestError {
            throw error
        } catch {
            throw SessionIngestError(.unavailable, "session \(jobID) could not be rebuilt from the store: \(error)")
        }
        session.contentHashes = hashes
        session.phase = Self.phase(of: record.status)
        if record.status != .active {
            if let final = session.finish() { owed.append(final) }
        }
        sessions[jobID] = session
        if record.status == .active || record.status == .completing {
            for work in owed where !confirmed.contains(work.plan.index) { schedule(work, jobID: jobID) }
        }
        if record.status == .completing { startSettlement(jobID: jobID) }
        return session
    }

    /// Queues `work` after the session's previous work.
    func schedule(_ work: CheckpointWork, jobID: String) {
        guard var session = sessions[jobID] else { return }
        let previous = session.tail
        pendingCheckpoints += 1
        session.tail = Task {
            await previous?.value
            await self.submit(work, jobID: jobID)
        }
        sessions[jobID] = session
    }

    /// Submits one checkpoint unless an earlier one of the session failed.
    private func submit(_ work: CheckpointWork, jobID: String) async {
        defer { pendingCheckpoints -= 1 }
        guard sessions[jobID]?.failure == nil else { return }
        do {
            let done = try await submitter.submit(work, jobID: jobID)
            logger.info(
                "checkpoint \(done.checkpointIndex) of job \(jobID) confirmed: \(done.tokensClaimed) tokens, tx \(done.transactionHash)"
            )
        } catch {
            logger.error("checkpoint \(work.plan.index) of job \(jobID) failed: \(error)")
            sessions[jobID]?.failure = error.description
        }
    }

    /// Starts settling once the session's queued checkpoints are done.
    func startSettlement(jobID: String) {
        guard settlements[jobID] == nil else { return }
        let tail = sessions[jobID]?.tail
        settlements[jobID] = Task {
            await tail?.value
            await self.settle(jobID: jobID)
        }
    }

    /// Runs the settler and records the outcome as the session's phase.
    private func settle(jobID: String) async {
        guard sessions[jobID]?.failure == nil, !Task.isCancelled else { return }
        sessions[jobID]?.phase = "settling"
        do {
            let outcome = try await settler.settle(jobID: jobID)
            logger.info("session \(jobID) settlement: \(outcome.name)")
            sessions[jobID]?.phase = outcome.name == "alreadySettled" ? "settled" : outcome.name
        } catch {
            logger.error("session \(jobID) could not be settled: \(error)")
            sessions[jobID]?.phase = "settlementFailed"
        }
    }
}
