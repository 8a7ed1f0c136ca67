import AuditStore
import Commitment
import Ethereum
import Foundation

/// Proves, stores and submits checkpoints on-chain, crash-safely.
///
/// Per checkpoint: build the statement, prove it, store proof + checkpoint + signed delta in one
/// transaction (status `stored`); then sign `submitProofOfWork(jobId, tokensClaimed, proofHash,
/// proofCID, deltaCID)`, store the signed raw transaction (status `signed`) *before* broadcasting it,
/// broadcast (`broadcast`), and record the receipt (`confirmed`) — or the revert reason (`failed`).
/// After a crash, ``recover()`` finishes every stored checkpoint from the state it reached: a signed
/// transaction is confirmed by hash or rebroadcast byte for byte, never signed again.
///
/// One submitter serves many sessions concurrently (one host key, so one nonce sequence); SQLite reads and
/// writes run off the actor, on the submitter's ``BlockingWorkExecutor``, and proofs on its
/// ``ProverThreads`` (lower priority, one proof per thread) — never on Swift's cooperative pool, which the
/// HTTP handlers need. Checkpoints of one session must be submitted in order.
public actor CheckpointSubmitter {
    /// The audit store.
    public nonisolated let store: AuditStore
    /// The node.
    public nonisolated let client: EthereumClient
    /// The contract.
    public nonisolated let marketplace: JobMarketplace
    /// The host's address (the signer's).
    public nonisolated let host: EthereumAddress
    let pipeline: SubmissionPipeline
    /// Where submissions run (proving and store writes block their thread).
    public nonisolated let executor: BlockingWorkExecutor
    private var inFlight: [String: Task<SubmittedCheckpoint, any Error>] = [:]

    /// Creates a submitter.
    /// - Parameters:
    ///   - store: The audit store (the session must be recorded there before its checkpoints).
    ///   - client: The node.
    ///   - manager: The transaction manager (its nonce tracking is per process: use one per host key).
    ///   - marketplace: The JobMarketplace binding.
    ///   - signer: The host key.
    ///   - generator: The proof generator.
    ///   - configuration: Deltas, pacing, retries.
    ///   - pacer: How to wait for chain time (default: sleep and re-read the latest block).
    ///   - observer: Told about every completed step.
    ///   - sleep: The retry sleeper (injectable for tests).
    ///   - executor: Where submissions run (default: ``BlockingWorkExecutor/shared``).
    ///   - provers: Where proofs run (default: ``ProverThreads/shared``; nil: on the executor's thread,
    ///     each proof split across all cores — the fastest single proof, at the request path's expense).
    public init(
        store: AuditStore, client: EthereumClient, manager: TransactionManager, marketplace: JobMarketplace,
        signer: EthereumSigner, generator: ProofGenerator, configuration: SubmissionConfiguration = .init(),
        pacer: SubmissionPacer? = nil, observer: SubmissionObserver? = nil,
        sleep: @escaping SubmissionPacer.Sleeper = { try await Task.sleep(for: $0) },
        executor: BlockingWorkExecutor = .shared, provers: ProverThreads? = .shared
    ) {
        self.executor = executor
        self.store = store
        self.client = client
        self.marketplace = marketplace
        self.host = signer.address
        self.pipeline = SubmissionPipeline(
            store: store, client: client, manager: manager, marketplace: marketplace, signer: signer,
            generator: generator, provers: provers, configuration: configuration,
            pacer: pacer ?? .chain(client, sleep: sleep),
            observer: observer, sleep: sleep)
    }

    /// Proves, stores and submits one checkpoint, and waits for its receipt.
    /// - Parameters:
    ///   - work: The checkpoint.
    ///   - jobID: The job (decimal; the session must be recorded in the store).
    /// - Returns: The confirmed checkpoint.
    /// - Throws: ``SubmissionError`` — `.reverted` with the reason (recorded on the checkpoint),
    ///   `.nodeUnavailable` after the outage budget (resumable), `.provingFailed`, `.storeFailed`, ….
    ///   When the checkpoint is already stored, the stored proof is driven on (nothing is proven twice).
    public func submit(_ work: CheckpointWork, jobID: String) async throws(SubmissionError) -> SubmittedCheckpoint {
        let pipeline = self.pipeline
        let store = self.store
        return try await once(jobID, work.plan.index) { () async throws(SubmissionError) -> SubmittedCheckpoint in
            // Read on the executor, not on the actor: a read waits for the store's connection (behind a
            // group commit and its fsync), which would hold a cooperative thread.
            let existing: Bool
            do {
                existing = try store.checkpoints(jobID: jobID).contains { $0.checkpointIndex == work.plan.index }
            } catch {
                throw SubmissionError(.storeFailed, "\(error)", jobID: jobID, checkpointIndex: work.plan.index)
            }
            if !existing { try await pipeline.proveAndStore(work, jobID: jobID) }
            return try await pipeline.drive(jobID: jobID, index: work.plan.index)
        }
    }

    /// Drives an already stored checkpoint to its receipt (resuming a stored transaction if it has one).
    /// - Throws: As ``submit(_:jobID:)``.
    public func finish(jobID: String, checkpointIndex: Int64) async throws(SubmissionError) -> SubmittedCheckpoint {
        let pipeline = self.pipeline
        return try await once(jobID, checkpointIndex) { () async throws(SubmissionError) -> SubmittedCheckpoint in
            try await pipeline.drive(jobID: jobID, index: checkpointIndex)
        }
    }

    /// Runs `body` for a checkpoint unless it is already running, in which case the running one is awaited:
    /// two tasks never drive the same checkpoint at once.
    private func once(
        _ jobID: String, _ index: Int64,
        _ body: @escaping @Sendable () async throws(SubmissionError) -> SubmittedCheckpoint
    ) async throws(SubmissionError) -> SubmittedCheckpoint {
        let key = "\(jobID)/\(index)"
        let task: Task<SubmittedCheckpoint, any Error>
        if let running = inFlight[key] {
            task = running
        } else {
            task = Task(executorPreference: executor) { try await body() }
            inFlight[key] = task
        }
        let result = await task.result
        if inFlight[key] == task { inFlight[key] = nil }
        switch result {
        case .success(let submitted): return submitted
        case .failure(let error as SubmissionError): throw error
        case .failure(let error):
            throw SubmissionError(.transactionFailed, "\(error)", jobID: jobID, checkpointIndex: index)
        }
    }
}
