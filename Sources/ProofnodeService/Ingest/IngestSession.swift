import AuditStore
import Commitment
import Foundation
import Settlement

/// One session as ``PipelineSessionIngest`` holds it in memory: rebuilt from the audit store (its
/// recorded session and stored token segments) whenever the ingest starts or first meets the job.
struct IngestSession: Sendable {
    /// A stored segment's token range and text.
    struct Span: Sendable {
        var start: Int64
        var end: Int64
        var message: CheckpointDelta.DeltaMessage
    }

    /// The job (decimal).
    let jobID: String
    /// The statement's model hash for this session.
    let modelHash: Digest256
    /// The Fabstir rules, tracking tokens into checkpoint plans.
    var tracker: CheckpointTracker
    /// The receipt of every accepted segment, by sequence number (retries return these).
    var receipts: [SegmentReceipt] = []
    /// The content hash of every accepted segment, by sequence number (a retry must repeat it).
    var contentHashes: [Data] = []
    /// Whether a segment of the session is being made durable: the next one waits for it (one at a time).
    var writing = false
    /// Calls waiting for the segment in flight to be durable.
    var writeWaiters: [CheckedContinuation<Void, Never>] = []
    /// Segments not yet wholly inside a planned checkpoint.
    var spans: [Span] = []
    /// The words ``SessionIngestState/phase`` reports.
    var phase: String = "open"
    /// The first submission failure (later checkpoints are not attempted: the chain needs them in order).
    var failure: String?
    /// The last scheduled piece of work; the next is chained after it (per-session order).
    var tail: Task<Void, Never>?

    /// The next expected sequence number.
    var nextSequence: UInt64 { UInt64(receipts.count) }

    /// Adds a segment's tokens and text.
    /// - Returns: The checkpoints that became due, as work ready to submit.
    mutating func add(prompt: String, response: String, tokens: Int64) throws(SubmissionError) -> [CheckpointWork] {
        let start = tracker.generatedTokens
        spans.append(Span(start: start, end: start + tokens, message: .init(prompt: prompt, response: response)))
        var works: [CheckpointWork] = []
        for plan in try tracker.record(tokens: tokens) { works.append(work(for: plan)) }
        return works
    }

    /// Ends the session: the final checkpoint as work, or nil when nothing billable remains.
    mutating func finish() -> CheckpointWork? {
        guard let plan = tracker.finish() else { return nil }
        return work(for: plan)
    }

    /// The work for `plan`: the segments overlapping its token range (their text goes into the delta;
    /// the last one's prompt and response are the statement's inference result).
    private mutating func work(for plan: CheckpointPlan) -> CheckpointWork {
        let covered = spans.filter { $0.end > plan.tokenStart && $0.start < plan.tokenEnd }.map(\.message)
        let last = covered.last ?? spans.last?.message ?? .init(prompt: "", response: "")
        spans.removeAll { $0.end <= plan.tokenEnd }
        return CheckpointWork(
            plan: plan, result: InferenceResult(prompt: last.prompt, response: last.response, modelHash: modelHash),
            messages: covered)
    }

    /// The state the API reports.
    func state(jobID: UInt64) -> SessionIngestState {
        SessionIngestState(
            jobID: jobID, phase: failure == nil ? phase : "submissionFailed", nextSequence: nextSequence,
            totalTokens: UInt64(clamping: tracker.generatedTokens), checkpointsDue: UInt64(clamping: tracker.nextIndex),
            proofInterval: UInt64(clamping: tracker.rules.proofInterval))
    }
}
