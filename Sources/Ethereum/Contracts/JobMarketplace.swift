/// Typed bindings for the Fabstir JobMarketplace (`JobMarketplaceWithModelsUpgradeable`): call data
/// for its transactions, its views, its events, and its revert reasons as ``JobMarketplaceError``s.
///
/// ```swift
/// let market = JobMarketplace(address: proxy)
/// let intent = try market.submitProofOfWork(
///     jobId: job, tokensClaimed: U256(1000), proofHash: sha256, proofCID: cid, deltaCID: "")
/// let outcome = try await market.send(intent, manager: manager, signer: host) { try await store.save($0) }
/// let events = try market.events(in: outcome.receipt)   // [.proofSubmitted(...)]
/// ```
public struct JobMarketplace: Sendable {
    /// The contract (proxy) address.
    public let address: EthereumAddress
    /// The ABI used to encode and decode (``standardABI`` unless given).
    public let abi: ContractABI

    /// Binds the contract at `address`.
    public init(address: EthereumAddress, abi: ContractABI = JobMarketplace.standardABI) {
        self.address = address
        self.abi = abi
    }

    // MARK: Transactions

    /// `submitProofOfWork(uint256 jobId, uint256 tokensClaimed, bytes32 proofHash, string proofCID,
    /// string deltaCID)` (selector `0x7c5cb561`).
    /// - Parameter proofHash: SHA-256 of the proof bytes (32 bytes).
    public func submitProofOfWork(
        jobId: U256, tokensClaimed: U256, proofHash: [UInt8], proofCID: String, deltaCID: String
    ) throws(JobMarketplaceError) -> TransactionIntent {
        guard proofHash.count == 32 else {
            throw JobMarketplaceError(.invalidArgument, "a proof hash has 32 bytes, got \(proofHash.count)")
        }
        return try intent(
            "submitProofOfWork",
            [.uint(jobId), .uint(tokensClaimed), .fixedBytes(proofHash), .string(proofCID), .string(deltaCID)])
    }

    /// `completeSessionJob(uint256 jobId, string conversationCID)` (selector `0x040138dd`).
    public func completeSessionJob(
        jobId: U256, conversationCID: String
    ) throws(JobMarketplaceError)
        -> TransactionIntent
    {
        try intent("completeSessionJob", [.uint(jobId), .string(conversationCID)])
    }

    /// `createSessionJobForModel(address host, bytes32 modelId, uint256 pricePerToken, uint256
    /// maxDuration, uint256 proofInterval, uint256 proofTimeoutWindow)` paying `deposit` (selector
    /// `0xf4a8699e`).
    public func createSessionJobForModel(
        host: EthereumAddress, modelId: [UInt8], pricePerToken: U256, maxDuration: U256, proofInterval: U256,
        proofTimeoutWindow: U256, deposit: U256
    ) throws(JobMarketplaceError) -> TransactionIntent {
        guard modelId.count == 32 else {
            throw JobMarketplaceError(.invalidArgument, "a model id has 32 bytes, got \(modelId.count)")
        }
        return try intent(
            "createSessionJobForModel",
            [
                .address(host), .fixedBytes(modelId), .uint(pricePerToken), .uint(maxDuration), .uint(proofInterval),
                .uint(proofTimeoutWindow),
            ], value: deposit)
    }

    /// `triggerSessionTimeout(uint256 jobId)` (selector `0x14a4ffa5`).
    public func triggerSessionTimeout(jobId: U256) throws(JobMarketplaceError) -> TransactionIntent {
        try intent("triggerSessionTimeout", [.uint(jobId)])
    }

    /// Sends a JobMarketplace transaction through `manager`, mapping reverts — in gas estimation or
    /// on-chain — to their ``JobMarketplaceError`` codes ("Not host" → ``JobMarketplaceError/Code/notHost``).
    public func send(
        _ intent: TransactionIntent, manager: TransactionManager, signer: EthereumSigner,
        persist: TransactionPersistHook
    ) async throws(JobMarketplaceError) -> TransactionOutcome {
        do {
            return try await manager.send(intent, signer: signer, persist: persist)
        } catch {
            throw JobMarketplaceError.from(error, doing: functionName(of: intent))
        }
    }

    /// Runs `intent` as an `eth_call` from `sender` to learn whether (and why) it would revert,
    /// without signing anything.
    public func simulate(
        _ intent: TransactionIntent, from sender: EthereumAddress, on client: EthereumClient
    )
        async throws(JobMarketplaceError)
    {
        let request = CallRequest(from: sender, to: address, data: intent.data, value: intent.value)
        do {
            _ = try await client.call(request)
        } catch {
            throw JobMarketplaceError.from(error, doing: functionName(of: intent))
        }
    }

    // MARK: Views

    /// `disputeWindow()`: seconds the host must wait after the last proof before completing.
    public func disputeWindow(
        on client: EthereumClient, at block: BlockTag = .latest
    ) async throws(JobMarketplaceError) -> U256 {
        let output = try await view("disputeWindow", [], on: client, at: block)
        return try decode("disputeWindow") { () throws -> U256 in
            try ABICodec.decode([.uint(256)], from: output)[0].uintValue()
        }
    }

    /// `sessionJobs(jobId)`: the session (18-value getter, or the older 17-value form).
    public func sessionJob(
        _ jobId: U256, on client: EthereumClient, at block: BlockTag = .latest
    ) async throws(JobMarketplaceError) -> SessionJob {
        let output = try await view("sessionJobs", [.uint(jobId)], on: client, at: block)
        return try decode("sessionJobs") { () throws -> SessionJob in try SessionJob(returnData: output) }
    }

    /// `getProofSubmission(sessionId, proofIndex)`; "Bad index" → ``JobMarketplaceError/Code/badIndex``.
    public func proofSubmission(
        sessionId: U256, index: U256, on client: EthereumClient, at block: BlockTag = .latest
    ) async throws(JobMarketplaceError) -> ProofSubmission {
        let output = try await view("getProofSubmission", [.uint(sessionId), .uint(index)], on: client, at: block)
        return try decode("getProofSubmission") { () throws -> ProofSubmission in
            try ProofSubmission(returnData: output)
        }
    }

    // MARK: Helpers

    private func intent(
        _ name: String, _ values: [ABIValue], value: U256 = .zero
    ) throws(JobMarketplaceError)
        -> TransactionIntent
    {
        do {
            return TransactionIntent(to: address, data: try abi.function(name).encodeCall(values), value: value)
        } catch {
            throw JobMarketplaceError(.invalidArgument, "\(name) cannot be encoded: \(error)")
        }
    }

    private func view(
        _ name: String, _ values: [ABIValue], on client: EthereumClient, at block: BlockTag
    )
        async throws(JobMarketplaceError) -> [UInt8]
    {
        let data = try intent(name, values).data
        do {
            return try await client.call(CallRequest(to: address, data: data), at: block)
        } catch {
            throw JobMarketplaceError.from(error, doing: name)
        }
    }

    private func decode<T>(_ name: String, _ body: () throws -> T) throws(JobMarketplaceError) -> T {
        do {
            return try body()
        } catch {
            throw JobMarketplaceError(.invalidResponse, "\(name) returned data that does not decode: \(error)")
        }
    }

    /// The name of the function whose selector starts `intent`'s data (for messages).
    func functionName(of intent: TransactionIntent) -> String {
        let selector = Array(intent.data.prefix(4))
        return abi.functions.first { $0.selector == selector }?.name ?? "the transaction"
    }
}
