import AuditStore
import Ethereum
import Foundation

/// A failure that retrying later can fix (the node unreachable, a 5xx, a receipt not yet there).
struct TransientFailure: Error {
    let underlying: any Error
}

extension SubmissionPipeline {
    /// Signs, persists (before broadcast), broadcasts and confirms a stored checkpoint's
    /// `submitProofOfWork`.
    func send(jobID: String, checkpoint: CheckpointRecord) async throws -> SubmittedCheckpoint {
        let index = checkpoint.checkpointIndex
        guard let proof = try storeCall(jobID, index, { try store.proof(jobID: jobID, checkpointIndex: index) }) else {
            throw SubmissionError(
                .invalidCheckpoint, "the checkpoint has no stored proof", jobID: jobID, checkpointIndex: index)
        }
        let deltaCID =
            try storeCall(jobID, index) { try store.checkpointDelta(jobID: jobID, checkpointIndex: index) }?.deltaCID
            ?? ""
        let jobId = try U256(parsing: jobID)
        let intent = try marketplace.submitProofOfWork(
            jobId: jobId, tokensClaimed: U256(UInt64(checkpoint.tokensClaimed)), proofHash: Array(proof.proofHash),
            proofCID: proof.proofCID, deltaCID: deltaCID)
        if configuration.pacesSubmissions {
            let session = try await transient { () async throws -> SessionJob in
                try await marketplace.sessionJob(jobId, on: client)
            }
            let target = CheckpointRules().earliestSubmissionTime(
                tokensClaimed: checkpoint.tokensClaimed, lastProofTime: session.lastProofTime.uint64 ?? .max)
            _ = try await transient { try await pacer.waitUntil(chainTime: target) }
        }
        let prepared: PreparedTransaction
        do {
            prepared = try await manager.prepare(intent, signer: signer)
        } catch {
            throw try await recordFailure(error, jobID: jobID, index: index, transaction: nil)
        }
        let hook = persistHook(jobID: jobID, index: index)
        let sent: PreparedTransaction
        do {
            sent = try await manager.persistAndBroadcast(prepared, signer: signer, persist: hook)
        } catch {
            throw try await recordFailure(error, jobID: jobID, index: index, transaction: prepared.hash)
        }
        try markBroadcast(sent.hash, jobID: jobID, index: index)
        await observer?(
            SubmissionEvent(step: .broadcast, jobID: jobID, checkpointIndex: index, transactionHash: sent.hash.hex))
        do {
            return try await record(try await manager.confirm([sent], signer: signer, persist: hook), jobID, checkpoint)
        } catch {
            throw try await recordFailure(error, jobID: jobID, index: index, transaction: sent.hash)
        }
    }

    /// Confirms or rebroadcasts the stored transaction (and any same-nonce replacements) of a checkpoint —
    /// never a fresh one.
    func resume(
        jobID: String, checkpoint: CheckpointRecord, live: SubmissionRecord
    ) async throws
        -> SubmittedCheckpoint
    {
        let index = checkpoint.checkpointIndex
        let versions = try storeCall(jobID, index) {
            try store.submissions(jobID: jobID, checkpointIndex: index)
        }.filter { $0.nonce == live.nonce && ($0.status == .replaced || $0.id == live.id) }
        let hook = persistHook(jobID: jobID, index: index)
        do {
            let outcome = try await manager.resume(
                persisted: versions.map { Array($0.rawTransaction) }, signer: signer, persist: hook)
            return try await record(outcome, jobID, checkpoint)
        } catch {
            throw try await recordFailure(
                error, jobID: jobID, index: index, transaction: try EthereumHash(bytes: Array(live.txHash)))
        }
    }

    /// Writes each signed version to the store before it is broadcast: the first as the checkpoint's
    /// submission, a later one only as a same-nonce replacement (a fee bump). Anything else — a second
    /// transaction with another nonce — is refused, so it is never broadcast.
    func persistHook(jobID: String, index: Int64) -> TransactionPersistHook {
        { [store, observer] prepared in
            let hash = Data(prepared.hash.bytes)
            if let live = try store.submission(jobID: jobID, checkpointIndex: index) {
                if live.txHash == hash { return }
                guard live.status == .signed || live.status == .broadcast, live.nonce == Int64(prepared.nonce),
                    prepared.replaces != nil
                else {
                    throw SubmissionError(
                        .secondTransactionRefused,
                        "checkpoint already has transaction \(Ethereum.Hex.encode(live.txHash)) (nonce \(live.nonce), "
                            + "\(live.status.name)); a second one with nonce \(prepared.nonce) is never signed",
                        jobID: jobID, checkpointIndex: index)
                }
                try store.replaceSubmission(
                    jobID: jobID, checkpointIndex: index, previousTxHash: live.txHash, nonce: live.nonce,
                    rawTransaction: Data(prepared.raw), txHash: hash)
            } else {
                try store.recordSignedSubmission(
                    jobID: jobID, checkpointIndex: index, nonce: Int64(prepared.nonce),
                    rawTransaction: Data(prepared.raw), txHash: hash)
            }
            await observer?(
                SubmissionEvent(
                    step: .persisted, jobID: jobID, checkpointIndex: index, transactionHash: prepared.hash.hex))
        }
    }

    /// Records the receipt and reports the confirmed checkpoint.
    private func record(
        _ outcome: TransactionOutcome, _ jobID: String, _ checkpoint: CheckpointRecord
    ) async throws
        -> SubmittedCheckpoint
    {
        let index = checkpoint.checkpointIndex
        let hash = Data(outcome.transaction.hash.bytes)
        do {
            try store.markSubmissionConfirmed(
                txHash: hash, blockNumber: Int64(outcome.receipt.blockNumber), gasUsed: Int64(outcome.receipt.gasUsed))
        } catch let error as AuditStoreError where error.code == .invalidTransition {
            // Already confirmed (a concurrent resume recorded it first).
        } catch {
            throw SubmissionError(
                .storeFailed, "the receipt could not be recorded: \(error)", jobID: jobID, checkpointIndex: index,
                transactionHash: outcome.transaction.hash.hex)
        }
        await observer?(
            SubmissionEvent(
                step: .confirmed, jobID: jobID, checkpointIndex: index, transactionHash: outcome.transaction.hash.hex))
        guard let live = try storeCall(jobID, index, { try store.submission(jobID: jobID, checkpointIndex: index) })
        else {
            throw SubmissionError(
                .storeFailed, "the confirmed submission vanished", jobID: jobID, checkpointIndex: index)
        }
        return try submitted(jobID, checkpoint, live)
    }

    /// The confirmed checkpoint as stored.
    func submitted(
        _ jobID: String, _ checkpoint: CheckpointRecord, _ live: SubmissionRecord
    ) throws
        -> SubmittedCheckpoint
    {
        let index = checkpoint.checkpointIndex
        let proof = try storeCall(jobID, index) { try store.proof(jobID: jobID, checkpointIndex: index) }
        let delta = try storeCall(jobID, index) { try store.checkpointDelta(jobID: jobID, checkpointIndex: index) }
        return SubmittedCheckpoint(
            jobID: jobID, checkpointIndex: index, tokensClaimed: checkpoint.tokensClaimed,
            proofHash: proof?.proofHash ?? Data(), proofCID: proof?.proofCID ?? "", deltaCID: delta?.deltaCID ?? "",
            transactionHash: Ethereum.Hex.encode(live.txHash), nonce: live.nonce, blockNumber: live.blockNumber ?? 0,
            gasUsed: live.gasUsed ?? 0)
    }

    /// Marks a transaction broadcast (a no-op when it is already further along).
    private func markBroadcast(_ hash: EthereumHash, jobID: String, index: Int64) throws(SubmissionError) {
        do {
            try store.markSubmissionBroadcast(txHash: Data(hash.bytes))
        } catch let error as AuditStoreError where error.code == .invalidTransition {
            // Already confirmed or failed by a concurrent resume: the later state stands.
        } catch {
            throw SubmissionError(
                .storeFailed, "the broadcast could not be recorded: \(error)", jobID: jobID, checkpointIndex: index,
                transactionHash: hash.hex)
        }
    }

    /// Classifies a transaction failure: transient ones are retried; reverts and permanent refusals are
    /// recorded on the checkpoint/submission and returned as typed errors.
    func recordFailure(
        _ error: any Error, jobID: String, index: Int64, transaction: EthereumHash?
    ) async throws -> any Error {
        if let error = error as? SubmissionError { return error }
        guard let failure = error as? TransactionError else {
            return Self.isTransient(error) ? TransientFailure(underlying: error) : error
        }
        if Self.isTransient(failure) { return TransientFailure(underlying: failure) }
        switch failure.code {
        case .reverted:
            var reason = failure.revertReason
            if reason == nil, let receipt = failure.receipt { reason = await revertReason(replaying: receipt) }
            let text = reason ?? "reverted without a reason"
            if let receipt = failure.receipt {
                try storeCall(jobID, index) {
                    try store.markSubmissionFailed(
                        txHash: Data(receipt.transactionHash.bytes), error: text,
                        blockNumber: Int64(receipt.blockNumber), gasUsed: Int64(receipt.gasUsed))
                }
            } else if let transaction,
                let live = try store.submission(jobID: jobID, checkpointIndex: index),
                live.txHash == Data(transaction.bytes)
            {
                try storeCall(jobID, index) { try store.markSubmissionFailed(txHash: live.txHash, error: text) }
            } else {
                try storeCall(jobID, index) {
                    try store.markCheckpointFailed(jobID: jobID, checkpointIndex: index, reason: text)
                }
            }
            return SubmissionError(
                .reverted, "submitProofOfWork reverted: \(text)", revertReason: reason, jobID: jobID,
                checkpointIndex: index, transactionHash: failure.receipt?.transactionHash.hex ?? transaction?.hex)
        case .persistenceFailed:
            let refused = "\(failure.message)".contains("never signed")
            return SubmissionError(
                refused ? .secondTransactionRefused : .storeFailed, failure.message, jobID: jobID,
                checkpointIndex: index, transactionHash: transaction?.hex)
        default:
            // The node refused the stored transaction for good (or its nonce went to another transaction):
            // it can never be mined, so the submission is recorded as failed rather than resumed forever.
            if let transaction, failure.code == .rpc || failure.code == .nonceConsumed,
                let live = try store.submission(jobID: jobID, checkpointIndex: index),
                live.txHash == Data(transaction.bytes), live.status == .signed || live.status == .broadcast
            {
                try storeCall(jobID, index) {
                    try store.markSubmissionFailed(txHash: live.txHash, error: failure.message)
                }
            }
            return SubmissionError(
                .transactionFailed, failure.description, jobID: jobID, checkpointIndex: index,
                transactionHash: transaction?.hex)
        }
    }

    /// The reason a mined transaction reverted, by replaying it with `eth_call` on the state before its
    /// block (exact when it was the block's only transaction, as on an automining dev chain).
    private func revertReason(replaying receipt: TransactionReceipt) async -> String? {
        let found: TransactionDetails?
        do {
            found = try await client.transaction(receipt.transactionHash)
        } catch {
            return nil  // the reason is a diagnostic; the revert itself is recorded either way
        }
        guard receipt.blockNumber > 0, let details = found else { return nil }
        let request = CallRequest(from: receipt.from, to: details.to, data: details.input, value: details.value)
        do {
            _ = try await client.call(request, at: .number(receipt.blockNumber - 1))
            return nil
        } catch {
            return error.revertReason
        }
    }

    /// Whether retrying later can fix `error`.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? TransactionError {
            if error.code == .receiptTimeout { return true }
            return error.code == .rpc && (error.rpcError?.isRetryable ?? false)
        }
        if let error = error as? RPCError { return error.isRetryable }
        if let error = error as? JobMarketplaceError {
            return error.code == .failed && (error.rpcError?.isRetryable ?? false)
        }
        return false
    }

    /// Runs `body`, turning transient failures into ``TransientFailure``.
    func transient<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if Self.isTransient(error) { throw TransientFailure(underlying: error) }
            throw error
        }
    }

    /// Runs a store call, turning its failure into ``SubmissionError/Code/storeFailed``.
    @discardableResult
    func storeCall<T>(_ jobID: String, _ index: Int64, _ body: () throws -> T) throws(SubmissionError) -> T {
        do {
            return try body()
        } catch let error as SubmissionError {
            throw error
        } catch {
            throw SubmissionError(.storeFailed, "\(error)", jobID: jobID, checkpointIndex: index)
        }
    }
}
