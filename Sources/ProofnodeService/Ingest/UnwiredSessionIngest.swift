/// The ``SessionIngest`` `proofnode serve` uses until the Settlement pipeline is wired in: every host
/// request is refused with `unavailable` (HTTP 503) and a message saying so, and no state is invented.
/// Auditor endpoints, verification, metrics and health work fully without a pipeline.
public struct UnwiredSessionIngest: SessionIngest {
    /// Creates it.
    public init() {}

    private var refusal: SessionIngestError {
        SessionIngestError(
            .unavailable,
            "this proofnode build has no checkpoint pipeline wired to the host endpoints yet; auditor endpoints work")
    }

    /// Refuses.
    public func register(_ registration: SessionRegistration) async throws(SessionIngestError) -> SessionIngestState {
        throw refusal
    }

    /// Refuses.
    public func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt { throw refusal }

    /// Refuses.
    public func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState {
        throw refusal
    }

    /// No pipeline state exists.
    public func state(jobID: UInt64) async throws(SessionIngestError) -> SessionIngestState? { nil }

    /// Nothing in flight.
    public func shutdown() async {}
}
