/// What the HTTP host endpoints hand their validated requests to: the checkpoint pipeline.
///
/// `proofnode serve` constructs one implementation and passes it to ``ProofnodeServer``; the HTTP layer
/// authenticates (role `host`), enforces size limits, validates every field and maps ``SessionIngestError``
/// codes to HTTP statuses. It never proves, stores proofs or talks to the chain itself.
///
/// The contract an implementation must keep (the HTTP API promises it to clients, docs/API.md):
/// - ``register(_:)``: records the session durably (the audit store's sessions table) before returning;
///   registering the same job again with the same values returns the existing state (idempotent), with
///   different values throws `.sessionConflict`.
/// - ``append(_:)``: a segment is *accepted* only once it is durable: a crash after the call returns must
///   not lose it. Segments carry a per-session `sequence` starting at 0: a repeated sequence number with
///   the same content returns the original receipt (clients retry safely), a gap or a different content
///   throws `.sequenceConflict`. Checkpoints are due as the running token count crosses the session's
///   proof interval (the Fabstir rules); proving and submitting happen asynchronously after acceptance.
/// - ``complete(_:)``: accepts no further segments, schedules the final checkpoint (the remainder), then
///   hands the session to the settler. Completing twice returns the state (idempotent).
/// - ``state(jobID:)``: the pipeline's view of a session (nil when unknown).
/// - ``shutdown()``: called once during graceful shutdown after the HTTP server stopped accepting
///   requests: finish in-flight proofs and submissions (or persist them so a restart resumes them),
///   then return.
public protocol SessionIngest: Sendable {
    /// Registers a session the host serves.
    /// - Throws: ``SessionIngestError``.
    func register(_ registration: SessionRegistration) async throws(SessionIngestError) -> SessionIngestState

    /// Accepts a segment of inference output.
    /// - Throws: ``SessionIngestError``.
    func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt

    /// Closes a session: the final checkpoint, then settlement.
    /// - Throws: ``SessionIngestError``.
    func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState

    /// The pipeline's state of a session, or nil when the session is unknown.
    /// - Throws: ``SessionIngestError`` when the state cannot be read.
    func state(jobID: UInt64) async throws(SessionIngestError) -> SessionIngestState?

    /// Finishes in-flight work during graceful shutdown.
    func shutdown() async
}
