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
/// - ``append(_:)`` stores the segment in the audit store's `token_segments` table (committed before the
///   call returns), feeds the session's ``CheckpointTracker`` and queues every checkpoint that became due
///   on the session's own background chain: checkpoints of one session are proven and submitted in order,
///   sessions run concurrently. The receipt counts checkpoints due (proved or queued).
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

    /// Creates the ingest (call ``start()`` before serving).
    /// - Parameters:
    ///   - store: The audit store (the submitter's and settler's).
    ///   - submitter: The checkpoint submitter.
    ///   - settler: The auto-settler.
    ///   - chainID: The configured chain.
    ///   - modelHash: The served model file's hash (nil: the SHA-256 of the session's on-chain model id).
    ///   - shutdownGrace: How long ``shutdown()`` waits for queued submissions.
    ///   - logger: Where progress and failures are logged.
    public init(
        store: AuditStore, submitter: CheckpointSubmitter, settler: AutoSettler, chainID: UInt64,
        modelHash: Digest256?, shutdownGrace: Duration = .seconds(30),
        logger: Logger = Logger(label: "proofnode.ingest")
    ) {
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
    /// - Throws: `.unknownSession`, `.sequenceConflict` (gap or changed repeat), `.sessionClosed`, `.rejected`,
    ///   `.unavailable`.
    public func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt {
        try checkAccepting()
        let jobID = String(segment.jobID)
        var session = try await loaded(jobID, registering: false)
        let hash = Self.contentHash(segment)
        guard segment.sequence <= session.nextSequence else {
            throw SessionIngestError(
                .sequenceConflict,
                "session \(jobID) expects segment \(session.nextSequence) next, not \(segment.sequence): resend the missing ones"
            )
        }
        if segment.sequence < session.nextSequence {
            let stored = try storeSegment(segment, hash: hash)
            guard stored.record.contentHash == hash, let receipt = session.receipts.get(Int(segment.sequence)) else {
                throw SessionIngestError(
                    .sequenceConflict,
                    "segment \(segment.sequence) of session \(jobID) was accepted with other content; use sequence \(session.nextSequence)"
                )
            }
            var duplicate = receipt
            duplicate.duplicate = true
            return duplicate
        }
        guard session.phase == "open" else {
            throw SessionIngestError(
                .sessionClosed, "session \(jobID) is \(session.phase) and accepts no more segments")
        }
        guard let tokens = Int64(exactly: segment.tokens) else {
            throw SessionIngestError(.rejected, "a segment of \(segment.tokens) tokens is too large")
        }
        let works: [CheckpointWork]
        do {
            works = try session.add(prompt: segment.prompt, response: segment.response, tokens: tokens)
        } catch {
            throw SessionIngestError(.rejected, error.message)
        }
        let stored = try storeSegment(segment, hash: hash)
        guard stored.inserted || stored.record.contentHash == hash else {
            throw SessionIngestError(
                .sequenceConflict, "segment \(segment.sequence) of session \(jobID) was stored with other content")
        }
        let receipt = SegmentReceipt(
            jobID: segment.jobID, sequence: segment.sequence,
            totalTokens: UInt64(clamping: session.tracker.generatedTokens),
            checkpointsDue: UInt64(clamping: session.tracker.nextIndex), duplicate: false)
        session.receipts.append(receipt)
        sessions[jobID] = session
        for work in works { schedule(work, jobID: jobID) }
        return receipt
    }

    /// Closes the session: marks it `completing`, queues the final checkpoint, then settlement.
    /// - Throws: `.unknownSession`, `.sequenceConflict` (a total that differs), `.unavailable`.
    public func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState {
        try checkAccepting()
        let jobID = String(completion.jobID)
        var session = try await loaded(jobID, registering: false)
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
        let finished = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                for tail in tails { await tail.value }
                return true
            }
            group.addTask {
                do { try await Task.sleep(for: grace) } catch { return false }
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished {
            logger.warning(
                "shutdown: queued checkpoint submissions still running after the grace period; the next start resumes them"
            )
        }
        for task in settlements.values { task.cancel() }
    }

    func checkAccepting() throws(SessionIngestError) {
        guard accepting else {
            throw SessionIngestError(.unavailable, "proofnode is shutting down; retry on the next start")
        }
    }

    func storeSegment(
        _ segment: TokenSegment, hash: Data
    ) throws(SessionIngestError) -> (
        record: TokenSegmentRecord, inserted: Bool
    ) {
        do {
            return try store.recordTokenSegment(
                TokenSegmentRecord(
                    jobID: String(segment.jobID), sequence: Int64(clamping: segment.sequence), contentHash: hash,
                    promptText: segment.prompt, responseText: segment.response, tokens: Int64(clamping: segment.tokens))
            )
        } catch {
            throw SessionIngestError(.unavailable, "the audit store could not store the segment: \(error)")
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

extension Array {
    /// The element at `index`, or nil when out of range.
    fileprivate func get(_ index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
