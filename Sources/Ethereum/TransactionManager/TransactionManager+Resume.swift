extension TransactionManager {
    /// Finishes a transaction persisted before a crash: confirms it by hash if it was mined,
    /// rebroadcasts it otherwise, and follows it to its receipt like ``send(_:signer:persist:)``.
    ///
    /// Only when its nonce was provably used by a transaction that is *not* one of `persisted` is the
    /// same call signed again with a fresh nonce (persisted first) — so at most one transaction for a
    /// given purpose can ever be mined.
    /// - Parameters:
    ///   - persisted: every raw version stored for this purpose (original and replacements, oldest
    ///     first; all with the same nonce).
    ///   - signer: the key that signed them.
    ///   - persist: stores any new version before it is broadcast.
    public func resume(
        persisted: [[UInt8]], signer: EthereumSigner, persist: TransactionPersistHook
    )
        async throws(TransactionError) -> TransactionOutcome
    {
        let versions = try decode(persisted, signer: signer)
        guard let newest = versions.last else {
            throw TransactionError(.invalidTransaction, "there is no persisted transaction to resume")
        }
        senders[signer.address, default: SenderNonces()].noteUsed(newest.nonce)
        for version in versions.reversed() {
            let hash = version.hash
            let receipt = try await rpc("reading a receipt", hashes: [hash]) { () async throws(RPCError) in
                try await client.transactionReceipt(hash)
            }
            if receipt != nil { return try await confirm(versions, signer: signer, persist: persist) }
        }
        switch await broadcast(newest) {
        case .success:
            return try await confirm(versions, signer: signer, persist: persist)
        case .failure(let error) where error.code == .replacementUnderpriced:
            // An earlier, pricier version is in the pool: follow them all.
            return try await confirm(versions, signer: signer, persist: persist)
        case .failure(let error) where error.code == .nonceTooLow:
            if try await isKnown(versions) { return try await confirm(versions, signer: signer, persist: persist) }
            try await resyncNonce(for: signer.address)
            let fresh = try await resign(newest, signer: signer)
            let sent = try await persistAndBroadcast(fresh, signer: signer, persist: persist)
            return try await confirm([sent], signer: signer, persist: persist)
        case .failure(let error):
            throw TransactionError.from(error, doing: "rebroadcasting", hashes: versions.map(\.hash))
        }
    }

    /// Decodes persisted raw transactions and checks they belong together and to `signer`.
    private func decode(_ raws: [[UInt8]], signer: EthereumSigner) throws(TransactionError) -> [PreparedTransaction] {
        var versions: [PreparedTransaction] = []
        for raw in raws {
            let signed: SignedTransaction
            do {
                signed = try SignedTransaction(raw: raw)
            } catch {
                throw TransactionError(.invalidTransaction, "a persisted transaction does not decode: \(error)")
            }
            guard signed.sender == signer.address else {
                throw TransactionError(
                    .wrongSigner, "a persisted transaction was signed by \(signed.sender), not \(signer.address)")
            }
            if let cachedChainId, let chain = signed.transaction.chainId, chain != cachedChainId {
                throw TransactionError(
                    .wrongSigner, "a persisted transaction is for chain \(chain), not \(cachedChainId)")
            }
            if let first = versions.first, first.nonce != signed.transaction.nonce {
                throw TransactionError(
                    .invalidTransaction,
                    "persisted versions have different nonces (\(first.nonce) and "
                        + "\(signed.transaction.nonce)); resume each transaction separately")
            }
            versions.append(PreparedTransaction(signed: signed, replaces: versions.last?.hash))
        }
        return versions
    }
}
