import AuditStore
import Commitment
import Ethereum
import Foundation

/// What a session run produced.
public struct SessionRunReport: Sendable {
    /// The job.
    public var jobID: String
    /// The confirmed checkpoints, in order.
    public var checkpoints: [SubmittedCheckpoint] = []
    /// Tokens generated.
    public var generatedTokens: Int64 = 0
    /// Tokens claimed on chain in total.
    public var claimedTokens: Int64 = 0
    /// Tokens generated but not billed (a final remainder under the minimum, or past the deposit).
    public var unbilledTokens: Int64 = 0
}

/// Drives one session: registers it in the audit store from the chain, turns its messages into
/// checkpoints with a ``CheckpointTracker`` and submits each through a ``CheckpointSubmitter``.
///
/// Running the same session again (after a crash) is safe: checkpoints already stored are not proven
/// again but driven on from their stored state, so the chain sees each checkpoint once.
public struct SessionRunner: Sendable {
    /// The submitter.
    public let submitter: CheckpointSubmitter
    /// The hash of the model file the host serves (the statement's model hash).
    public let modelHash: Digest256

    /// Creates a runner.
    public init(submitter: CheckpointSubmitter, modelHash: Digest256) {
        self.submitter = submitter
        self.modelHash = modelHash
    }

    /// Reads the session from the chain and records it in the store (once; a recorded session is
    /// checked against the chain).
    /// - Parameter jobID: The job (decimal).
    /// - Returns: The session and the rules that follow from it.
    /// - Throws: ``SubmissionError/Code/sessionUnusable`` when the session is not active or belongs to
    ///   another host; `.nodeUnavailable`/`.transactionFailed` when it cannot be read.
    public func register(jobID: String) async throws(SubmissionError) -> (SessionRecord, CheckpointRules) {
        let store = submitter.store
        let marketplace = submitter.marketplace
        let client = submitter.client
        do {
            let id = try U256(parsing: jobID)
            let job = try await marketplace.sessionJob(id, on: client)
            guard job.id == id else {
                throw SubmissionError(.sessionUnusable, "session \(jobID) does not exist on chain", jobID: jobID)
            }
            guard job.host == submitter.host else {
                throw SubmissionError(
                    .sessionUnusable,
                    "session \(jobID)'s host is \(job.host.checksummed), not this key's \(submitter.host.checksummed)",
                    jobID: jobID)
            }
            let interval = Int64(clamping: job.proofInterval.uint64 ?? UInt64(Int64.max))
            let rules = CheckpointRules(
                proofInterval: interval, billableTokenLimit: Self.budget(deposit: job.deposit, price: job.pricePerToken)
            )
            if let existing = try store.session(jobID: jobID) {
                return (existing, rules)
            }
            guard job.status == .active else {
                throw SubmissionError(.sessionUnusable, "session \(jobID) is not active on chain", jobID: jobID)
            }
            let modelID = try await Self.modelID(of: id, marketplace: marketplace, client: client)
            let record = SessionRecord(
                jobID: jobID, chainID: Int64(clamping: try await client.chainId()),
                contractAddress: marketplace.address.checksummed, hostAddress: submitter.host.checksummed,
                modelID: modelID, proofInterval: interval, pricePerToken: job.pricePerToken.description,
                deposit: job.deposit.description)
            do {
                try store.recordSession(record)
            } catch let error as AuditStoreError where error.code == .duplicateRecord {
                // Recorded concurrently: fine.
            }
            return (record, rules)
        } catch let error as SubmissionError {
            throw error
        } catch {
            let code: SubmissionError.Code =
                SubmissionPipeline.isTransient(error) ? .nodeUnavailable : .transactionFailed
            throw SubmissionError(code, "session \(jobID) could not be read from the chain: \(error)", jobID: jobID)
        }
    }

    /// Registers the session, feeds `messages` through the tracker, submits every checkpoint in order,
    /// and (when `finishing`) bills the final remainder.
    /// - Returns: What was submitted.
    /// - Throws: The first ``SubmissionError`` (later checkpoints are not attempted: the chain needs them
    ///   in order).
    public func run(
        jobID: String, messages: [SessionMessage], finishing: Bool = true
    ) async throws(SubmissionError) -> SessionRunReport {
        let (_, rules) = try await register(jobID: jobID)
        var tracker = CheckpointTracker(rules: rules)
        var report = SessionRunReport(jobID: jobID)
        var spans: [(start: Int64, end: Int64, message: SessionMessage)] = []
        for message in messages {
            let start = tracker.generatedTokens
            spans.append((start, start + message.tokens, message))
            for plan in try tracker.record(tokens: message.tokens) {
                report.checkpoints.append(try await submit(plan, spans: spans, jobID: jobID))
                spans.removeAll { $0.end <= plan.tokenEnd }
            }
        }
        if finishing, let plan = tracker.finish() {
            report.checkpoints.append(try await submit(plan, spans: spans, jobID: jobID))
        }
        report.generatedTokens = tracker.generatedTokens
        report.claimedTokens = tracker.claimedTokens
        report.unbilledTokens = tracker.unbilledTokens
        return report
    }

    /// Submits `plan` with the messages overlapping its token range.
    private func submit(
        _ plan: CheckpointPlan, spans: [(start: Int64, end: Int64, message: SessionMessage)], jobID: String
    ) async throws(SubmissionError) -> SubmittedCheckpoint {
        var covered: [SessionMessage] = []
        for span in spans where span.end > plan.tokenStart && span.start < plan.tokenEnd {
            covered.append(span.message)
        }
        let last = covered.last ?? spans.last?.message ?? SessionMessage(prompt: "", response: "", tokens: 0)
        let work = CheckpointWork(
            plan: plan, result: InferenceResult(prompt: last.prompt, response: last.response, modelHash: modelHash),
            messages: covered.map { CheckpointDelta.DeltaMessage(prompt: $0.prompt, response: $0.response) })
        return try await submitter.submit(work, jobID: jobID)
    }

    /// The tokens a deposit pays for: `deposit * 1000 / pricePerToken` (nil when unbounded or absurd).
    static func budget(deposit: U256, price: U256) -> Int64? {
        guard !price.isZero else { return nil }
        let (product, overflow) = deposit.multipliedReportingOverflow(by: U256(1000))
        guard !overflow else { return nil }
        guard let tokens = (product / price).uint64 else { return nil }
        return Int64(clamping: tokens)
    }

    /// The session's model id from its `SessionJobCreatedForModel` event ("unknown" when not found).
    static func modelID(of jobId: U256, marketplace: JobMarketplace, client: EthereumClient) async throws -> String {
        let events = try await marketplace.events(
            on: client, from: .earliest, names: ["SessionJobCreatedForModel"], jobId: jobId)
        for (event, _) in events {
            if case .sessionJobCreatedForModel(_, _, _, let modelId, _) = event { return Ethereum.Hex.encode(modelId) }
        }
        return "unknown"
    }
}
