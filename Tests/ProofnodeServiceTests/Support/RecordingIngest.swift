import ProofnodeService

/// A ``SessionIngest`` for HTTP-layer tests: in memory, with the contract's sequence rules (repeat =
/// same receipt, gap or changed repeat = conflict, closed after completion), and an optional delay so
/// a test can hold a request in flight during shutdown.
actor RecordingIngest: SessionIngest {
    struct Session {
        var registration: SessionRegistration
        var segments: [TokenSegment] = []
        var total: UInt64 = 0
        var completed = false
        var interval: UInt64 { registration.proofInterval ?? 1000 }
    }
    private var sessions: [UInt64: Session] = [:]
    private(set) var shutdownCalls = 0
    private(set) var appendsFinished = 0
    let appendDelay: Duration

    init(appendDelay: Duration = .zero) { self.appendDelay = appendDelay }

    private func state(_ session: Session) -> SessionIngestState {
        SessionIngestState(
            jobID: session.registration.jobID, phase: session.completed ? "completing" : "open",
            nextSequence: UInt64(session.segments.count), totalTokens: session.total,
            checkpointsDue: session.total / session.interval
                + (session.completed && session.total % session.interval > 0 ? 1 : 0),
            proofInterval: session.interval)
    }

    func register(_ registration: SessionRegistration) async throws(SessionIngestError) -> SessionIngestState {
        if let existing = sessions[registration.jobID] {
            guard existing.registration == registration else {
                throw SessionIngestError(.sessionConflict, "job \(registration.jobID) is registered with other values")
            }
            return state(existing)
        }
        let session = Session(registration: registration)
        sessions[registration.jobID] = session
        return state(session)
    }

    func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt {
        if appendDelay > .zero {
            do { try await Task.sleep(for: appendDelay) } catch {
                throw SessionIngestError(.unavailable, "cancelled")
            }
        }
        guard var session = sessions[segment.jobID] else {
            throw SessionIngestError(.unknownSession, "job \(segment.jobID) is not registered")
        }
        guard !session.completed else { throw SessionIngestError(.sessionClosed, "job \(segment.jobID) is complete") }
        if segment.sequence < UInt64(session.segments.count) {
            guard session.segments[Int(segment.sequence)] == segment else {
                throw SessionIngestError(
                    .sequenceConflict, "segment \(segment.sequence) was accepted with other content")
            }
            return SegmentReceipt(
                jobID: segment.jobID, sequence: segment.sequence, totalTokens: session.total,
                checkpointsDue: session.total / session.interval, duplicate: true)
        }
        guard segment.sequence == UInt64(session.segments.count) else {
            throw SessionIngestError(
                .sequenceConflict, "expected segment \(session.segments.count), got \(segment.sequence)")
        }
        session.segments.append(segment)
        session.total += segment.tokens
        sessions[segment.jobID] = session
        appendsFinished += 1
        return SegmentReceipt(
            jobID: segment.jobID, sequence: segment.sequence, totalTokens: session.total,
            checkpointsDue: session.total / session.interval, duplicate: false)
    }

    func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState {
        guard var session = sessions[completion.jobID] else {
            throw SessionIngestError(.unknownSession, "job \(completion.jobID) is not registered")
        }
        if let expected = completion.expectedTotalTokens, expected != session.total {
            throw SessionIngestError(.sequenceConflict, "accepted \(session.total) tokens, the client says \(expected)")
        }
        session.completed = true
        sessions[completion.jobID] = session
        return state(session)
    }

    func state(jobID: UInt64) async throws(SessionIngestError) -> SessionIngestState? {
        sessions[jobID].map(state)
    }

    func shutdown() async { shutdownCalls += 1 }
}
