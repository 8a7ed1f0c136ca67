/// Signs, persists, broadcasts and follows transactions to their receipts, per sender, safely across
/// crashes.
///
/// - **Nonces**: the pending count is read once per sender, then tracked locally so that concurrent
///   sends get consecutive nonces; they are broadcast in nonce order. `nonce too low` triggers a
///   resynchronisation with the chain and a re-signed transaction (after making sure none of ours
///   with that nonce was mined).
/// - **Fees**: EIP-1559 from `eth_feeHistory` (the next block's base fee) and
///   `eth_maxPriorityFeePerGas`: max fee = 2 × base fee + tip; legacy type 0 (EIP-155) with
///   `eth_gasPrice` on chains whose blocks have no `baseFeePerGas`.
/// - **Gas**: `eth_estimateGas` plus a margin; a revert there throws before anything is signed.
/// - **Crash safety**: every signed version goes to the caller's ``TransactionPersistHook`` *before*
///   it is broadcast. After a crash, ``resume(persisted:signer:persist:)`` rebroadcasts or confirms
///   the persisted transaction by hash; a new transaction for the same purpose is signed only when
///   the old nonce was provably taken by someone else, so two can never both be mined.
/// - **Stuck transactions**: after ``TransactionManagerConfiguration/replaceAfter`` without a
///   receipt, a replacement with the same nonce and fees raised by 12.5 % (geth requires 10 %) is
///   signed, persisted and broadcast; receipts are awaited for every version.
///
/// ```swift
/// let manager = TransactionManager(client: eth)
/// let outcome = try await manager.send(intent, signer: host) { prepared in
///     try await store.saveSubmission(checkpoint, raw: prepared.raw, hash: prepared.hash)
/// }
/// ```
public actor TransactionManager {
    /// The node the manager talks to.
    public let client: EthereumClient
    /// The manager's policies.
    public let configuration: TransactionManagerConfiguration
    var senders: [EthereumAddress: SenderNonces] = [:]
    var cachedChainId: UInt64?
    var cachedSupportsEIP1559: Bool?

    /// Creates a manager.
    public init(client: EthereumClient, configuration: TransactionManagerConfiguration = .init()) {
        self.client = client
        self.configuration = configuration
        self.cachedChainId = configuration.chainId
    }

    /// Sizes, prices, signs, persists, broadcasts and confirms `intent`.
    /// - Parameters:
    ///   - intent: what to send.
    ///   - signer: the sending key.
    ///   - persist: stores each signed version before it is broadcast.
    /// - Returns: the mined, confirmed transaction and its receipt.
    /// - Throws: ``TransactionError`` — ``TransactionError/Code/reverted`` in estimation (nothing signed)
    ///   or on-chain (receipt attached), ``TransactionError/Code/receiptTimeout`` (resume later), …
    public func send(
        _ intent: TransactionIntent, signer: EthereumSigner, persist: TransactionPersistHook
    )
        async throws(TransactionError) -> TransactionOutcome
    {
        var attempts = 0
        while true {
            attempts += 1
            let prepared = try await prepare(intent, signer: signer)
            let sent = try await persistAndBroadcast(prepared, signer: signer, persist: persist)
            do {
                return try await confirm([sent], signer: signer, persist: persist)
            } catch let error where error.code == .nonceConsumed && attempts < 3 {
                continue  // none of ours can be mined any more; a fresh nonce is safe
            }
        }
    }

    /// Sizes, prices and signs `intent` with a reserved nonce (step one of sign → persist →
    /// broadcast → confirm). The nonce stays reserved until ``persistAndBroadcast(_:signer:persist:)``.
    public func prepare(
        _ intent: TransactionIntent, signer: EthereumSigner
    ) async throws(TransactionError)
        -> PreparedTransaction
    {
        let chainId = try await chainId()
        let gasLimit = try await gasLimit(for: intent, from: signer.address)
        let fees = try await currentFees()
        try checkCap(fees)
        let nonce = try await reserveNonce(for: signer.address)
        do {
            return try sign(intent, nonce: nonce, gasLimit: gasLimit, fees: fees, chainId: chainId, signer: signer)
        } catch {
            senders[signer.address]?.release(nonce)
            throw error
        }
    }

    /// The chain id transactions are signed for (asked once).
    public func chainId() async throws(TransactionError) -> UInt64 {
        if let cachedChainId { return cachedChainId }
        let id = try await rpc("reading the chain id") { () async throws(RPCError) in try await client.chainId() }
        cachedChainId = id
        return id
    }

    /// The gas limit for `intent`: its own, or the estimate plus the configured margin.
    func gasLimit(
        for intent: TransactionIntent, from sender: EthereumAddress
    ) async throws(TransactionError)
        -> UInt64
    {
        if let gasLimit = intent.gasLimit { return gasLimit }
        let request = CallRequest(from: sender, to: intent.to, data: intent.data, value: intent.value)
        let estimate = try await rpc("estimating gas") { () async throws(RPCError) in
            try await client.estimateGas(request)
        }
        let (withMargin, overflow) = estimate.multipliedReportingOverflow(by: 100 + configuration.gasMarginPercent)
        return overflow ? .max : withMargin / 100
    }

    /// Reserves the sender's next nonce, reading the pending count from the chain the first time.
    func reserveNonce(for sender: EthereumAddress) async throws(TransactionError) -> UInt64 {
        if senders[sender]?.next == nil, senders[sender]?.released.isEmpty ?? true {
            let pending = try await rpc("reading the nonce") { () async throws(RPCError) in
                try await client.transactionCount(of: sender, at: .pending)
            }
            senders[sender, default: SenderNonces()].resync(chainPending: pending)
        }
        guard let nonce = senders[sender]?.reserve() else {
            throw TransactionError(.invalidTransaction, "no nonce could be reserved for \(sender)")
        }
        return nonce
    }

    /// Re-reads the sender's pending count after `nonce too low`.
    func resyncNonce(for sender: EthereumAddress) async throws(TransactionError) {
        let pending = try await rpc("re-reading the nonce") { () async throws(RPCError) in
            try await client.transactionCount(of: sender, at: .pending)
        }
        senders[sender, default: SenderNonces()].resync(chainPending: pending)
    }

    /// Builds and signs the transaction for `intent`.
    func sign(
        _ intent: TransactionIntent, nonce: UInt64, gasLimit: UInt64, fees: FeeQuote, chainId: UInt64,
        signer: EthereumSigner, replaces: EthereumHash? = nil
    ) throws(TransactionError) -> PreparedTransaction {
        let transaction: EthereumTransaction
        switch fees {
        case .dynamic(let maxFee, let tip):
            transaction = .dynamicFee(
                chainId: chainId, nonce: nonce, maxPriorityFeePerGas: tip, maxFeePerGas: maxFee, gasLimit: gasLimit,
                to: intent.to, value: intent.value, data: intent.data)
        case .legacy(let gasPrice):
            transaction = .legacy(
                chainId: chainId, nonce: nonce, gasPrice: gasPrice, gasLimit: gasLimit, to: intent.to,
                value: intent.value, data: intent.data)
        }
        do {
            return PreparedTransaction(signed: try signer.sign(transaction), replaces: replaces)
        } catch {
            throw TransactionError(.invalidTransaction, "the transaction could not be signed: \(error)")
        }
    }

    /// Runs an RPC call, turning its failure into a ``TransactionError``.
    func rpc<T>(
        _ what: String, hashes: [EthereumHash] = [], _ body: () async throws(RPCError) -> T
    )
        async throws(TransactionError) -> T
    {
        do {
            return try await body()
        } catch {
            throw TransactionError.from(error, doing: what, hashes: hashes)
        }
    }
}
