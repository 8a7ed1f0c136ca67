import AuditStore
import Ethereum
import Foundation
import Logging

/// Settles sessions only when every proof holds: waits `disputeWindow + margin` after the last proof
/// (chain time), validates with the ``SessionValidator``, then sends `completeSessionJob(jobId,
/// conversationCID)` and records the payment from the `SessionCompleted` event.
///
/// Durable state machine (the audit store's `settlements` row; see docs/SETTLEMENT.md):
/// `none → signed (raw tx stored before broadcast) → broadcast → confirmed`, with `failed` (a revert;
/// a retry signs a new transaction) and `timedOut` (the session timed out on-chain). A confirmed or
/// timed-out session is never settled again (the store's trigger enforces it); a `signed` or `broadcast`
/// row found at start is resumed by confirming or rebroadcasting the stored transaction, never by
/// signing a second one while the first can still be mined.
public actor AutoSettler {
    /// The audit store.
    public let store: AuditStore
    /// The validator run before every settlement.
    public let validator: SessionValidator
    /// The chain.
    public let chain: SettlementChain
    /// Signs, persists, broadcasts and confirms.
    public let manager: TransactionManager
    /// The host's key.
    public let signer: EthereumSigner
    /// Chain time and waiting.
    public let timer: any SettlementTimer
    /// Waiting and retry policy.
    public let configuration: AutoSettlerConfiguration
    let telemetry: SettlementTelemetry
    private var inFlight: [String: Task<SettlementOutcome, any Error>] = [:]

    /// Creates a settler.
    /// - Parameters:
    ///   - store: The audit store.
    ///   - validator: The validator (with the same store and a chain).
    ///   - chain: Node and contract.
    ///   - manager: The transaction manager (shared with other senders of the same key).
    ///   - signer: The host's key.
    ///   - timer: Chain time (default: the latest block, real sleeping).
    ///   - configuration: Waiting and retries.
    ///   - telemetry: Metrics and logger.
    public init(
        store: AuditStore, validator: SessionValidator, chain: SettlementChain, manager: TransactionManager,
        signer: EthereumSigner, timer: (any SettlementTimer)? = nil,
        configuration: AutoSettlerConfiguration = AutoSettlerConfiguration(),
        telemetry: SettlementTelemetry = SettlementTelemetry()
    ) {
        self.store = store
        self.validator = validator
        self.chain = chain
        self.manager = manager
        self.signer = signer
        self.timer = timer ?? ChainTimer(client: chain.client)
        self.configuration = configuration
        self.telemetry = telemetry
    }

    /// Settles `jobID` (or reports that it is settled, timed out or refused). Concurrent calls for the
    /// same job share one run.
    /// - Parameter jobID: The job.
    /// - Returns: How it ended.
    /// - Throws: ``SettlerError`` when the store or chain fails, a revert other than "Dispute wait"
    ///   occurs, or "Dispute wait" outlasts every retry. The stored state allows a later call to resume.
    public func settle(jobID: String) async throws(SettlerError) -> SettlementOutcome {
        let task: Task<SettlementOutcome, any Error>
        if let running = inFlight[jobID] {
            task = running
        } else {
            task = Task { try await self.run(jobID: jobID) }
            inFlight[jobID] = task
        }
        let result = await task.result
        inFlight[jobID] = nil
        switch result {
        case .success(let outcome):
            telemetry.recordSettlement(outcome.name)
            return outcome
        case .failure(let error as SettlerError):
            telemetry.recordSettlement("failed")
            telemetry.logger.error(
                "settlement failed",
                metadata: ["job": "\(jobID)", "code": "\(error.code)", "error": "\(error.message)"])
            throw error
        case .failure(let error):
            telemetry.recordSettlement("failed")
            throw SettlerError(.chain, "settling \(jobID) failed: \(error)")
        }
    }

    /// The jobs that may need settling: sessions `active` or `completing` in the store.
    /// - Returns: Their ids.
    /// - Throws: ``SettlerError/Code/store``.
    public func unsettledJobs() throws(SettlerError) -> [String] {
        do {
            return try
                (store.sessions(status: .active, limit: 100_000)
                + store.sessions(status: .completing, limit: 100_000)).map(\.jobID).sorted()
        } catch {
            throw SettlerError(.store, "listing sessions failed: \(error)")
        }
    }

    /// Settles every unsettled job concurrently.
    /// - Returns: Per job, its outcome or error.
    /// - Throws: ``SettlerError/Code/store`` when the jobs cannot be listed.
    public func settleAll() async throws(SettlerError) -> [String: Result<SettlementOutcome, SettlerError>] {
        let jobs = try unsettledJobs()
        return await withTaskGroup(of: (String, Result<SettlementOutcome, SettlerError>).self) { group in
            for job in jobs {
                group.addTask {
                    do {
                        return (job, .success(try await self.settle(jobID: job)))
                    } catch let error as SettlerError {
                        return (job, .failure(error))
                    } catch {
                        return (job, .failure(SettlerError(.chain, "settling \(job) failed: \(error)")))
                    }
                }
            }
            var results: [String: Result<SettlementOutcome, SettlerError>] = [:]
            for await (job, result) in group { results[job] = result }
            return results
        }
    }

    /// One settlement run.
    private func run(jobID: String) async throws(SettlerError) -> SettlementOutcome {
        let existing = try read { try store.settlement(jobID: jobID) }
        if let existing {
            switch existing.status {
            case .confirmed: return .alreadySettled(existing)
            case .timedOut: return .timedOut(existing)
            case .signed, .broadcast:
                if let outcome = try await resume(jobID: jobID, existing) { return outcome }
            default: break
            }
        }
        guard try read({ try store.session(jobID: jobID) }) != nil else {
            throw SettlerError(.unknownSession, "no session \(jobID) in the audit store")
        }
        let jobId = try Self.jobId(jobID)
        let onChain = try await sessionJob(jobId)
        switch onChain.status {
        case .timedOut: return try await recordTimeout(jobID: jobID, jobId: jobId)
        case .completed: return try await completedElsewhere(jobID: jobID, jobId: jobId)
        case .active: break
        case .other(let value):
            throw SettlerError(
                .chain, "session \(jobID) has status \(value) on chain, which this settler does not know")
        }
        try await waitForDisputeWindow(after: onChain.lastProofTime)
        let report = try await validator.validateForSettlement(jobID: jobID)
        guard report.passed else { return .refused(report) }
        let conversation = try ConversationRecord.stored(jobID: jobID, in: store)
        return try await complete(jobID: jobID, jobId: jobId, conversationCID: conversation.cid)
    }

    /// Waits until chain time reaches `lastProofTime + disputeWindow + margin`.
    private func waitForDisputeWindow(after lastProofTime: U256) async throws(SettlerError) {
        let window: UInt64
        if let override = configuration.disputeWindowOverride {
            window = override
        } else {
            do {
                window = try await chain.marketplace.disputeWindow(on: chain.client).uint64 ?? UInt64.max / 4
            } catch {
                throw SettlerError(.chain, "reading disputeWindow() failed: \(error.message)")
            }
        }
        guard let last = lastProofTime.uint64 else {
            throw SettlerError(.chain, "lastProofTime \(lastProofTime) is not a 64-bit time")
        }
        let deadline = last &+ window &+ configuration.margin
        while true {
            let now = try await timed { try await timer.chainTime() }
            if now >= deadline { return }
            try await timed { try await timer.wait(seconds: deadline - now) }
        }
    }

    // MARK: Helpers

    func read<T>(_ body: () throws -> T) throws(SettlerError) -> T {
        do {
            return try body()
        } catch {
            throw SettlerError(.store, "the audit store failed: \(error)")
        }
    }

    func timed<T>(_ body: () async throws -> T) async throws(SettlerError) -> T {
        do {
            return try await body()
        } catch let error as SettlerError {
            throw error
        } catch {
            throw SettlerError(.chain, "reading or moving chain time failed: \(error)")
        }
    }

    static func jobId(_ jobID: String) throws(SettlerError) -> U256 {
        do {
            return try U256(parsing: jobID)
        } catch {
            throw SettlerError(.invalidStoredData, "job id \(jobID) is not a uint256")
        }
    }

    func sessionJob(_ jobId: U256) async throws(SettlerError) -> SessionJob {
        do {
            return try await chain.marketplace.sessionJob(jobId, on: chain.client)
        } catch {
            throw SettlerError(.chain, "reading sessionJobs(\(jobId)) failed: \(error.message)")
        }
    }
}
