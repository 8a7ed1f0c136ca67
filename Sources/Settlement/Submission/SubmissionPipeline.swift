import AuditStore
import Commitment
import Ethereum
import Foundation

/// The stateless steps of a checkpoint's submission, shared by the ``CheckpointSubmitter`` actor's
/// callers. Everything here runs off the actor (proving and SQLite writes block a thread).
struct SubmissionPipeline: Sendable {
    let store: AuditStore
    let client: EthereumClient
    let manager: TransactionManager
    let marketplace: JobMarketplace
    let signer: EthereumSigner
    let generator: ProofGenerator
    /// Where proofs run (nil: on the calling thread, split across cores).
    let provers: ProverThreads?
    let configuration: SubmissionConfiguration
    let pacer: SubmissionPacer
    let observer: SubmissionObserver?
    let sleep: SubmissionPacer.Sleeper

    // MARK: Proving and storing

    /// Proves `work` and stores proof, checkpoint (status `stored`) and the signed delta in one
    /// transaction.
    func proveAndStore(_ work: CheckpointWork, jobID: String) async throws(SubmissionError) {
        let plan = work.plan
        let fail = { (code: SubmissionError.Code, message: String) in
            SubmissionError(code, message, jobID: jobID, checkpointIndex: plan.index)
        }
        guard let job = UInt64(jobID), plan.index >= 0, plan.tokensClaimed >= 0 else {
            throw fail(
                .invalidCheckpoint, "job \(jobID) does not fit the circuit's 64-bit job id, or the plan is negative")
        }
        let host: HostAddress
        do {
            host = try HostAddress(bytes: signer.address.bytes)
        } catch {
            throw fail(.invalidCheckpoint, "the host address does not fit the circuit: \(error)")
        }
        let result = work.result
        let opening = CheckpointOpening(
            modelHash: result.modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
        let statement = CheckpointStatement(
            jobId: job, host: host, checkpointIndex: UInt64(plan.index), tokensClaimed: UInt64(plan.tokensClaimed),
            opening: opening)
        let envelope: ProofEnvelope
        do {
            if let provers {
                let generator = self.generator
                envelope = try await provers.run { () throws(ProofSystemError) -> ProofEnvelope in
                    try generator.prove(statement)
                }
            } else {
                envelope = try generator.prove(statement)
            }
        } catch {
            throw fail(.provingFailed, "checkpoint \(plan.index) could not be proven: \(error)")
        }
        let proofBytes = Data(envelope.proofData)
        let proofCID = ContentIdentifier(of: proofBytes)
        var delta: DeltaInput?
        if configuration.deltasEnabled {
            let content = CheckpointDelta(
                jobId: jobID, checkpointIndex: plan.index, tokenStart: plan.tokenStart, tokenEnd: plan.tokenEnd,
                tokensClaimed: plan.tokensClaimed, proofHash: Ethereum.Hex.encode(proofCID.digest),
                proofCID: proofCID.description, host: signer.address.checksummed, messages: work.messages)
            let signed = try SignedCheckpointDelta(signing: content, with: signer)
            delta = DeltaInput(document: try signed.document(), signer: signer.address.checksummed)
        }
        let inputs = envelope.publicInputs.map { "\"\($0.description)\"" }.joined(separator: ",")
        let input = CheckpointInput(
            jobID: jobID, checkpointIndex: plan.index, tokensClaimed: plan.tokensClaimed,
            tokenRange: TokenRange(start: plan.tokenStart, end: plan.tokenEnd),
            promptHash: Data(result.inputHash.bytes), responseHash: Data(result.outputHash.bytes),
            promptText: configuration.keepsText ? result.prompt : nil,
            responseText: configuration.keepsText ? result.response : nil,
            proof: ProofInput(
                envelopeJSON: envelope.canonicalJSONString, proofBytes: proofBytes,
                expectedProofHash: proofCID.digest, keyFingerprint: envelope.keyFingerprint,
                backend: envelope.proofType.rawValue, publicInputsJSON: "[\(inputs)]",
                salt: Data(opening.salt.canonical.bigEndianBytes)),
            delta: delta)
        do {
            try store.recordCheckpoint(input)
        } catch let error as AuditStoreError where error.code == .duplicateRecord {
            return  // stored before (a replayed stream): the stored proof is the one that is submitted
        } catch {
            throw fail(.storeFailed, "checkpoint \(plan.index) could not be stored: \(error)")
        }
        await observer?(SubmissionEvent(step: .stored, jobID: jobID, checkpointIndex: plan.index))
    }

    // MARK: Driving a stored checkpoint to its receipt

    /// Takes a stored checkpoint from whatever state the store holds to confirmed, retrying transient
    /// node failures with backoff within the outage budget.
    func drive(jobID: String, index: Int64) async throws(SubmissionError) -> SubmittedCheckpoint {
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        while true {
            do {
                return try await advance(jobID: jobID, index: index)
            } catch let failure as TransientFailure {
                attempt += 1
                guard clock.now - start < configuration.maximumOutage else {
                    throw SubmissionError(
                        .nodeUnavailable,
                        "the node kept failing for \(configuration.maximumOutage) (\(attempt) attempts; last: "
                            + "\(failure.underlying)); the checkpoint stays in the store and is resumed on the next "
                            + "start", jobID: jobID, checkpointIndex: index)
                }
                do {
                    try await sleep(configuration.retryDelay.delay(attempt: attempt))
                } catch {
                    throw SubmissionError(
                        .nodeUnavailable, "cancelled while waiting for the node", jobID: jobID, checkpointIndex: index)
                }
            } catch let error as SubmissionError {
                throw error
            } catch {
                throw SubmissionError(.transactionFailed, "\(error)", jobID: jobID, checkpointIndex: index)
            }
        }
    }

    /// One attempt from the stored state: confirmed → done; failed → the recorded revert; signed or
    /// broadcast → resume that transaction; stored → sign and send.
    private func advance(jobID: String, index: Int64) async throws -> SubmittedCheckpoint {
        let live = try storeCall(jobID, index) { try store.submission(jobID: jobID, checkpointIndex: index) }
        let checkpoint = try storeCall(jobID, index) {
            try store.checkpoints(jobID: jobID).first { $0.checkpointIndex == index }
        }
        guard let checkpoint else {
            throw SubmissionError(
                .invalidCheckpoint, "the checkpoint is not stored; prove and store it first", jobID: jobID,
                checkpointIndex: index)
        }
        if checkpoint.status == .failed {
            throw SubmissionError(
                .reverted, "the checkpoint failed before: \(checkpoint.revertReason ?? "unknown reason")",
                revertReason: checkpoint.revertReason, jobID: jobID, checkpointIndex: index,
                transactionHash: live.map { Ethereum.Hex.encode($0.txHash) })
        }
        if let live, live.status == .confirmed { return try submitted(jobID, checkpoint, live) }
        if let live, live.status == .signed || live.status == .broadcast {
            return try await resume(jobID: jobID, checkpoint: checkpoint, live: live)
        }
        return try await send(jobID: jobID, checkpoint: checkpoint)
    }
}
