extension TransactionManager {
    /// Polls for the receipt of any of `versions` (same nonce; the last is the newest) until it has
    /// the configured confirmations (step three). A transaction unmined after
    /// ``TransactionManagerConfiguration/replaceAfter`` is replaced with bumped fees (persisted first).
    /// - Returns: the mined version and its receipt.
    /// - Throws: ``TransactionError/Code/reverted`` with the receipt when it was mined but reverted;
    ///   ``TransactionError/Code/receiptTimeout``; ``TransactionError/Code/nonceConsumed`` when
    ///   another transaction took the nonce.
    public func confirm(
        _ versions: [PreparedTransaction], signer: EthereumSigner, persist: TransactionPersistHook
    )
        async throws(TransactionError) -> TransactionOutcome
    {
        guard var newest = versions.last else {
            throw TransactionError(.invalidTransaction, "there is no transaction to confirm")
        }
        var all = versions
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.receiptTimeout
        var lastBroadcast = clock.now
        var replacements = 0
        while true {
            if let (version, receipt) = try await findReceipt(all) {
                if let outcome = try await confirmed(version, receipt, all: all, deadline: deadline) { return outcome }
                continue
            }
            if clock.now >= deadline {
                throw TransactionError(
                    .receiptTimeout,
                    "no receipt within \(configuration.receiptTimeout); the transaction may still be mined: "
                        + "resume it from the persisted raw transaction", hashes: all.map(\.hash))
            }
            if clock.now - lastBroadcast >= configuration.replaceAfter {
                lastBroadcast = clock.now
                if try await nonceTakenWithoutUs(all) {
                    throw TransactionError(
                        .nonceConsumed, "nonce \(newest.nonce) of \(newest.from) was used by another transaction",
                        hashes: all.map(\.hash))
                }
                if replacements < configuration.maximumReplacements,
                    let replacement = try await replace(newest, signer: signer, persist: persist)
                {
                    replacements += 1
                    newest = replacement
                    all.append(replacement)
                    continue
                }
            }
            await pause()
        }
    }

    /// The first version that has a receipt (transient lookup failures count as "not yet").
    private func findReceipt(
        _ versions: [PreparedTransaction]
    ) async throws(TransactionError) -> (
        PreparedTransaction, TransactionReceipt
    )? {
        for version in versions.reversed() {
            do {
                if let receipt = try await client.transactionReceipt(version.hash) { return (version, receipt) }
            } catch let error where error.isRetryable {
                continue
            } catch {
                throw TransactionError.from(error, doing: "reading a receipt", hashes: versions.map(\.hash))
            }
        }
        return nil
    }

    /// Waits for the confirmations of a found receipt; nil when a reorganisation removed it.
    private func confirmed(
        _ version: PreparedTransaction, _ receipt: TransactionReceipt, all: [PreparedTransaction],
        deadline: ContinuousClock.Instant
    ) async throws(TransactionError) -> TransactionOutcome? {
        let hashes = all.map(\.hash)
        var final = receipt
        if configuration.confirmations > 1 {
            let target = receipt.blockNumber + configuration.confirmations - 1
            while true {
                let head = try await rpc("reading the block number", hashes: hashes) { () async throws(RPCError) in
                    try await client.blockNumber()
                }
                if head >= target { break }
                if ContinuousClock.now >= deadline {
                    throw TransactionError(
                        .receiptTimeout,
                        "mined in block \(receipt.blockNumber) but only \(head >= receipt.blockNumber ? head - receipt.blockNumber + 1 : 0) "
                            + "of \(configuration.confirmations) confirmations arrived in time", hashes: hashes)
                }
                await pause()
            }
            let hash = version.hash
            let again = try await rpc("re-reading the receipt", hashes: hashes) { () async throws(RPCError) in
                try await client.transactionReceipt(hash)
            }
            guard let again, again.blockHash == receipt.blockHash else { return nil }
            final = again
        }
        senders[version.from, default: SenderNonces()].noteUsed(version.nonce)
        guard final.succeeded else {
            var error = TransactionError(
                .reverted, "the transaction was mined in block \(final.blockNumber) but reverted", hashes: hashes)
            error.receipt = final
            throw error
        }
        return TransactionOutcome(transaction: version, receipt: final, hashes: hashes)
    }

    /// Whether the chain's mined nonce passed ours while none of our versions has a receipt.
    private func nonceTakenWithoutUs(_ versions: [PreparedTransaction]) async throws(TransactionError) -> Bool {
        guard let first = versions.first else { return false }
        let sender = first.from
        let mined = try await rpc("reading the mined nonce", hashes: versions.map(\.hash)) {
            () async throws(RPCError) in try await client.transactionCount(of: sender, at: .latest)
        }
        guard mined > first.nonce else { return false }
        return try await findReceipt(versions) == nil
    }

    /// Signs, persists and broadcasts a same-nonce replacement with fees raised by the configured
    /// bump (and at least the market's); on `replacement transaction underpriced` bumps again.
    /// - Returns: the replacement, or nil when none could be placed (fee cap reached, nonce used).
    private func replace(
        _ stuck: PreparedTransaction, signer: EthereumSigner, persist: TransactionPersistHook
    )
        async throws(TransactionError) -> PreparedTransaction?
    {
        let transaction = stuck.signed.transaction
        let intent = TransactionIntent(
            to: transaction.to, data: transaction.data, value: transaction.value, gasLimit: transaction.gasLimit)
        var fees = Self.fees(of: transaction).bumped(perMille: configuration.replacementBumpPerMille)
        do {
            fees = fees.atLeast(try await currentFees())
        } catch {
            // The market price is an optimisation; the bump alone satisfies the replacement rule.
        }
        for _ in 0..<4 {
            if let cap = configuration.maximumFeePerGas, fees.maximumPerGas > cap { return nil }
            let replacement = try sign(
                intent, nonce: stuck.nonce, gasLimit: transaction.gasLimit, fees: fees, chainId: try await chainId(),
                signer: signer, replaces: stuck.hash)
            do {
                try await persist(replacement)
            } catch {
                throw TransactionError(
                    .persistenceFailed, "the replacement could not be persisted, so it was not sent: \(error)",
                    hashes: [stuck.hash])
            }
            switch await broadcast(replacement) {
            case .success:
                return replacement
            case .failure(let error) where error.code == .replacementUnderpriced:
                fees = fees.bumped(perMille: configuration.replacementBumpPerMille)
            case .failure(let error) where error.code == .nonceTooLow || error.isRetryable:
                return nil  // mined meanwhile, or the node is unreachable: keep polling
            case .failure(let error):
                throw TransactionError.from(error, doing: "broadcasting a replacement", hashes: [stuck.hash])
            }
        }
        return nil
    }

    /// Sleeps one poll interval (returns early when the task is cancelled).
    func pause() async {
        do {
            try await Task.sleep(for: configuration.pollInterval)
        } catch {
            return
        }
    }
}
