extension TransactionManager {
    /// Hands `prepared` to `persist`, then broadcasts it once every lower nonce of the sender has been
    /// broadcast (step two). If the node says `nonce too low` and no transaction of ours with that
    /// nonce exists, the nonce is resynchronised and the same intent is re-signed, persisted and
    /// broadcast with a fresh nonce.
    /// - Returns: the transaction that is now at the node (the given one, or its re-signed successor).
    public func persistAndBroadcast(
        _ prepared: PreparedTransaction, signer: EthereumSigner, persist: TransactionPersistHook
    ) async throws(TransactionError) -> PreparedTransaction {
        var current = prepared
        for _ in 0..<4 {
            do {
                try await persist(current)
            } catch {
                senders[current.from]?.release(current.nonce)
                throw TransactionError(
                    .persistenceFailed, "the signed transaction could not be persisted, so it was not sent: \(error)")
            }
            await waitForLowerNonces(of: current)
            let result = await broadcast(current)
            senders[current.from]?.broadcastEnded(current.nonce)
            switch result {
            case .success:
                return current
            case .failure(let error) where error.code == .nonceTooLow:
                if try await isKnown([current]) { return current }
                try await resyncNonce(for: current.from)
                current = try await resign(current, signer: signer)
            case .failure(let error) where error.code == .nonceTooHigh:
                senders[current.from]?.next = nil
                throw TransactionError.from(error, doing: "broadcasting", hashes: [current.hash])
            case .failure(let error):
                if !error.isRetryable { senders[current.from]?.release(current.nonce) }
                throw TransactionError.from(error, doing: "broadcasting", hashes: [current.hash])
            }
        }
        throw TransactionError(
            .nonceConsumed,
            "the nonce was taken by other transactions four times in a row; is another process "
                + "sending from \(current.from)?", hashes: [current.hash])
    }

    /// `eth_sendRawTransaction`, treating `already known` as success.
    func broadcast(_ prepared: PreparedTransaction) async -> Result<Void, RPCError> {
        do {
            _ = try await client.sendRawTransaction(prepared.raw)
            return .success(())
        } catch let error where error.code == .alreadyKnown {
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Waits (bounded by the ordering timeout) until no lower nonce of the sender awaits broadcast.
    func waitForLowerNonces(of prepared: PreparedTransaction) async {
        let deadline = ContinuousClock.now + configuration.orderingTimeout
        while senders[prepared.from]?.mustWait(before: prepared.nonce) == true, ContinuousClock.now < deadline {
            do {
                try await Task.sleep(for: .milliseconds(1))
            } catch {
                return
            }
        }
    }

    /// Whether the node knows any of `versions` (mined or in its pool).
    func isKnown(_ versions: [PreparedTransaction]) async throws(TransactionError) -> Bool {
        for version in versions {
            let hash = version.hash
            let details = try await rpc("looking up a transaction", hashes: [hash]) { () async throws(RPCError) in
                try await client.transaction(hash)
            }
            if details != nil { return true }
        }
        return false
    }

    /// Signs the same call again with a freshly reserved nonce and current fees.
    func resign(
        _ old: PreparedTransaction, signer: EthereumSigner
    ) async throws(TransactionError)
        -> PreparedTransaction
    {
        let transaction = old.signed.transaction
        let intent = TransactionIntent(
            to: transaction.to, data: transaction.data, value: transaction.value, gasLimit: transaction.gasLimit)
        let fees = try await currentFees().atLeast(Self.fees(of: transaction))
        try checkCap(fees)
        let nonce = try await reserveNonce(for: signer.address)
        do {
            return try sign(
                intent, nonce: nonce, gasLimit: transaction.gasLimit, fees: fees, chainId: try await chainId(),
                signer: signer)
        } catch {
            senders[signer.address]?.release(nonce)
            throw error
        }
    }
}
