import AuditStore
import Commitment
import Foundation
import Logging
import Settlement

/// The ``SessionIngest`` behind `proofnode serve`: the Settlement module's checkpoint submitter and
/// auto-settler, fed by the host endpoints.
///
/// - ``register(_:)`` reads the session from the chain and records it (``SessionRunner/register(jobID:)``):
///   a session of another host or one that is not active is `.rejected` (HTTP 422).
/// - ``append(_:)`` stores the segment in the audit store's `token_segments` table (group-committed with
///   other sessions' segments, durable before the call returns), feeds the session's ``CheckpointTracker``
///   and queues every checkpoint that became due on the session's own background chain: checkpoints of one
///   session are proven and submitted in order, sessions run concurrently, and no request waits for a
///   proof. The receipt counts checkpoints due (proved or queued). When more than `maxPendingCheckpoints`
///   are queued, segments are refused with `.overloaded` (HTTP 503 with `Retry-After`) instead of
///   queueing without bound.
/// - ``complete(_:)`` marks the session `completing` in the store, queues the final checkpoint, then hands
///   the session to the ``AutoSettler`` (which waits the dispute window in chain time and settles).
/// - On ``start()`` stored submissions are recovered and every session with stored segments is rebuilt by
///   replaying them: checkpoints not yet confirmed are submitted again (a stored one is driven on, never
///   proven twice), completing sessions are settled.
/// - ``shutdown()`` refuses new work, waits (bounded) for queued submissions, and abandons settlement waits
///   (their state is durable; the next start resumes them).
public actor PipelineSessionIngest: SessionIngest {
    /// The audit store.
    public nonisolated let store: AuditStore
    /// Proves, stores and submits checkpoints.
    public nonisolated let submitter: CheckpointSubmitter
    /// Settles completed sessions.
    public nonisolated let settler: AutoSettler
    /// The chain every registration must name.
    public nonisolated let chainID: UInt64
    let modelHash: Digest256?
    let shutdownGrace: Duration
    let logger: Logger
    var sessions: [String: IngestSession] = [:]
    var settlements: [String: Task<Void, Never>] = [:]
    var accepting = true
    /// Checkpoints queued or running (proving, storing, submitting), across sessions.
    var pendingCheckpoints = 0
    /// Above this many pending checkpoints, segments are refused with `.overloaded` (HTTP 503).
    let maxPendingCheckpoints: Int
    let segmentWriter: SegmentWriter

    /// Creates the ingest (call ``start()`` before serving).
    /// - Parameters:
    ///   - store: The audit store (the submitter's and settler's).
    ///   - submitter: The checkpoint submitter.
    ///   - settler: The auto-settler.
    ///   - chainID: The configured chain.
    ///   - modelHash: The served model file's hash (nil: the SHA-256 of the session's on-chain model id).
    ///   - shutdownGrace: How long ``shutdown()`` waits for queued submissions.
    ///   - maxPendingCheckpoints: The backlog of checkpoints (queued or running) above which segments are
    ///     refused with `.overloaded` until the prover catches up (default 256).
    ///   - logger: Where progress and failures are logged.
    public init(
        store: AuditStore, submitter: CheckpointSubmitter, settler: AutoSettler, chainID: UInt64,
        modelHash: Digest256?, shutdownGrace: Duration = .seconds(30), maxPendingCheckpoints: Int = 256,
        logger: Logger = Logger(label: "proofnode.ingest")
    ) {
        self.maxPendingCheckpoints = max(1, maxPendingCheckpoints)
        self.segmentWriter = SegmentWriter(store: store)
        self.store = store
        self.submitter = submitter
        self.settler = settler
        self.chainID = chainID
        self.modelHash = modelHash
        self.shutdownGrace = shutdownGrace
        self.logger = logger
    }

    /// Registers a session the host serves (reads it from the chain; idempotent).
    /// - Throws: `.rejected` for another chain or a session this host cannot serve, `.sessionConflict` for
    ///   a proof interval that differs from the chain's, `.unavailable` when the chain or store fails.
    public func register(_ registration: SessionRegistration) async throws(SessionIngestError) -> SessionIngestState {
        try checkAccepting()
        guard registration.chainID == chainID else {
            throw SessionIngestError(
                .rejected, "this node serves chain \(chainID), not chain \(registration.chainID)")
        }
        let jobID = String(registration.jobID)
        let session = try await loaded(jobID, registering: true)
        if let interval = registration.proofInterval, interval != UInt64(clamping: session.tracker.rules.proofInterval)
        {
            throw SessionIngestError(
                .sessionConflict,
                "session \(jobID) has proof interval \(session.tracker.rules.proofInterval) on chain, not \(interval)")
        }
        return session.state(jobID: registration.jobID)
    }

    /// Stores a segment durably, then queues the checkpoints it makes due.
    ///
    /// Durable, then acknowledged: the segment is group-committed with those of other sessions
    /// (``SegmentWriter``) and the call returns once it is on disk; proving and submitting happen in the
    /// background. A session's segments are made durable one at a time, in sequence order.
    /// - Throws: `.unknownSession`, `.sequenceConflict` (gap or changed repeat), `.sessionClosed`, `.rejected`,
    ///   `.overloaded` (too many checkpoints queued: retry later), `.unavailable`.
    public func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt {
        try checkAccepting()
        let jobID = String(segment.jobID)
        _ = try await loaded(jobID, registering: false)
        while sessions[jobID]?.writing == true { await waitForWrite(jobID) }
        guard let session = sessions[jobID] else {
            throw SessionIngestError(.unavailable, "session \(jobID) is not loaded; retry")
        }
        let hash = Self.contentHash(segment)
        guard segment.sequence <= session.nextSequence else {
            throw SessionIngestError(
                .sequenceConflict,
                "session \(jobID) expects segment \(session.nextSequence) next, not \(segment.sequence): resend the missing ones"
            )
        }
        if segment.sequence < session.nextSequence {
            let index = Int(segment.sequence)
            guard session.contentHashes.indices.contains(index), session.contentHashes[index] == hash,
                var duplicate = session.receipts.get(index)
            else {
                throw SessionIngestError(
                    .sequenceConflict,
                    "segment \(segment.sequence) of session \(jobID) was accepted with other content; use sequence \(session.nextSequence)"
                )
            }
            duplicate.duplicate = true
            return duplicate
        }
        guard session.phase == "open" else {
            throw SessionIngestError(
                .sessionClosed, "session \(jobID) is \(session.phase) and accepts no more segments")
        }
        guard pendingCheckpoints < maxPendingCheckpoints else {
            throw SessionIngestError(
                .overloaded,
                "\(pendingCheckpoints) checkpoints are waiting to be proven and submitted; retry this segment shortly")
        }
        guard let tokens = Int64(exactly: segment.tokens) else {
            throw SessionIngestError(.rejected, "a segment of \(segment.tokens) tokens is too large")
        }
        var candidate = session
        let works: [CheckpointWork]
        do {
            works = try candidate.add(prompt: segment.prompt, response: segment.response, tokens: tokens)
        } catch {
            throw SessionIngestError(.rejected, error.message)
        }
        let writer = segmentWriter
        let record = TokenSegmentRecord(
            jobID: jobID, sequence: Int64(clamping: segment.sequence), contentHash: hash, promptText: segment.prompt,
            responseText: segment.response, tokens: tokens)
        sessions[jobID]?.writing = true
        let outcome = await writer.write(record)
        finishWrite(jobID)
        switch outcome {
        case .failure(let error):
            throw SessionIngestError(.unavailable, "the audit store could not store the segment: \(error)")
        case .success(let stored) where !stored.inserted && stored.record.contentHash != hash:
            throw SessionIngestError(
                .sequenceConflict, "segment \(segment.sequence) of session \(jobID) was stored with other content")
        case .success:
            break
        }
        let receipt = SegmentReceipt(
            jobID: segment.jobID, sequence: segment.sequence,
            totalTokens: UInt64(clamping: candidate.tracker.generatedTokens),
            checkpointsDue: UInt64(clamping: candidate.tracker.nextIndex), duplicate: false)
        // Only the fields `add` changed: phase, failure and tail may have moved while the write ran.
        sessions[jobID]?.tracker = candidate.tracker
        sessions[jobID]?.spans = candidate.spans
        sessions[jobID]?.receipts.append(receipt)
        sessions[jobID]?.contentHashes.append(hash)
        for work in works { schedule(work, jobID: jobID) }
        return receipt
    }

    /// Closes the session: marks it `completing`, queues the final checkpoint, then settlement.
    /// - Throws: `.unknownSession`, `.sequenceConflict` (a total that differs), `.unavailable`.
    public func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState {
        try checkAccepting()
        let jobID = String(completion.jobID)
        _ = try await loaded(jobID, registering: false)
        while sessions[jobID]?.writing == true { await waitForWrite(jobID) }
        guard var session = sessions[jobID] else {
            throw SessionIngestError(.unavailable, "session \(jobID) is not loaded; retry")
        }
        guard session.phase == "open" else { return session.state(jobID: completion.jobID) }
        let total = UInt64(clamping: session.tracker.generatedTokens)
        if let expected = completion.expectedTotalTokens, expected != total {
            throw SessionIngestError(
                .sequenceConflict,
                "session \(jobID) has \(total) tokens accepted, not \(expected): resend the missing segments first")
        }
        do {
            try store.updateSessionStatus(jobID: jobID, to: .completing)
        } catch {
            throw SessionIngestError(
                .unavailable, "the audit store could not mark session \(jobID) completing: \(error)")
        }
        let final = session.finish()
        session.phase = "completing"
        sessions[jobID] = session
        if let final { schedule(final, jobID: jobID) }
        startSettlement(jobID: jobID)
        return session.state(jobID: completion.jobID)
    }

    /// The session's state: in memory when the ingest holds it, else from the audit store.
    /// - Throws: `.unavailable` when the store cannot be read.
    public func state(jobID: UInt64) async throws(SessionIngestError) -> SessionIngestState? {
        let job = String(jobID)
        if let session = sessions[job] { return session.state(jobID: jobID) }
        do {
            guard let record = try store.session(jobID: job) else { return nil }
            let segments = try store.tokenSegments(jobID: job)
            return SessionIngestState(
                jobID: jobID, phase: Self.phase(of: record.status), nextSequence: UInt64(segments.count),
                totalTokens: UInt64(clamping: segments.reduce(0) { $0 + $1.tokens }),
                checkpointsDue: UInt64(try store.checkpoints(jobID: job).count),
                proofInterval: UInt64(clamping: record.proofInterval))
        } catch {
            throw SessionIngestError(.unavailable, "the audit store could not be read: \(error)")
        }
    }

    /// Refuses new work, waits up to the grace period for queued submissions, and abandons settlement
    /// waits (resumed on the next start).
    public func shutdown() async {
        accepting = false
        let tails = sessions.values.compactMap(\.tail)
        let grace = shutdownGrace
        // A race whose loser is left running: the tails cannot be cancelled (a checkpoint is finished or
        // persisted, never cut), so waiting for them must not hold the shutdown past the grace period.
        let race = ShutdownRace()
        let finished = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                race.arm(continuation)
                Task {
                    for tail in tails { await tail.value }
                    race.finish(true)
                }
                race.timer = Task {
                    do {
                        try await Task.sleep(for: grace)
                    } catch {
                        // Cancelled: the race was decided; finishing again is a no-op.
                    }
                    race.finish(false)
                }
            }
        } onCancel: {
            race.finish(false)
        }
        race.timer?.cancel()
        if !finished {
            logger.warning(
                "shutdown: queued checkpoint submissions still running after the grace period; the next start resumes them"
            )
        }
        for task in settlements.values { task.cancel() }
    }

    /// Suspends until the session's segment in flight is durable (the next one is checked against it).
    private func waitForWrite(_ jobID: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if sessions[jobID]?.writing == true {
                sessions[jobID]?.writeWaiters.append(continuation)
            } else {
                continuation.resume()
            }
        }
    }

    /// Ends the session's write in flight and wakes what waited for it.
    private func finishWrite(_ jobID: String) {
        sessions[jobID]?.writing = false
        let waiters = sessions[jobID]?.writeWaiters ?? []
        sessions[jobID]?.writeWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    func checkAccepting() throws(SessionIngestError) {
        guard accepting else {
            throw SessionIngestError(.unavailable, "proofnode is shutting down; retry on the next start")
        }
    }

    /// SHA-256 over the token count, the prompt's length, the prompt and the response.
    static func contentHash(_ segment: TokenSegment) -> Data {
        let header = Array("\(segment.tokens):\(segment.prompt.utf8.count):".utf8)
        return Data(Digest256.sha256(of: header + Array(segment.prompt.utf8) + Array(segment.response.utf8)).bytes)
    }

    /// The phase word for a stored session status.
    static func phase(of status: SessionStatus) -> String {
        status == .active ? "open" : status.name
    }
}

/// The first of "queued work done" and "grace period over" resumes ``PipelineSessionIngest/shutdown()``.
private final class ShutdownRace: @unchecked Sendable {
    // @unchecked: every field is guarded by `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Bool, Never>?
    private var result: Bool?
    private var timerTask: Task<Void, Never>?

    /// The grace timer (cancelled once the race is decided).
    var timer: Task<Void, Never>? {
        get { lock.withLock { timerTask } }
        set { lock.withLock { timerTask = newValue } }
    }

    /// Installs the continuation (resumed at once when the race was decided before).
    func arm(_ continuation: CheckedContinuation<Bool, Never>) {
        let decided: Bool? = lock.withLock {
            if let result { return result }
            self.continuation = continuation
            return nil
        }
        if let decided { continuation.resume(returning: decided) }
    }

    /// Decides the race (only the first call counts).
    func finish(_ value: Bool) {
        let waiting: CheckedContinuation<Bool, Never>? = lock.withLock {
            guard result == nil else { return nil }
            result = value
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: value)
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    fileprivate func get(_ index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
