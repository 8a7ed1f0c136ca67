/// Typed Ethereum JSON-RPC methods over any ``JSONRPCTransport``.
///
/// Every method decodes the node's answer into typed values (``U256`` for wei and fees, `UInt64`
/// for block numbers, nonces and gas, ``EthereumHash``, ``EthereumAddress``) and throws an
/// ``RPCError`` — never a silent default — when the answer is malformed.
///
/// ```swift
/// let eth = EthereumClient(try JSONRPCClient(url: "http://127.0.0.1:8545"))
/// let nonce = try await eth.transactionCount(of: host, at: .pending)
/// ```
public struct EthereumClient: Sendable {
    /// The transport the calls go through.
    public let transport: any JSONRPCTransport

    /// Creates a client over `transport`.
    public init(_ transport: any JSONRPCTransport) { self.transport = transport }

    /// Sends a raw call (for methods without a typed wrapper).
    public func call(_ method: String, _ params: [JSONValue] = []) async throws(RPCError) -> JSONValue {
        try await transport.send(RPCCall(method, params), timeout: nil)
    }

    /// `eth_chainId`: the chain id transactions must be signed for.
    public func chainId() async throws(RPCError) -> UInt64 {
        try RPCDecode.uint64(try await call("eth_chainId"), what: "chain id", method: "eth_chainId")
    }

    /// `eth_blockNumber`: the latest block's number.
    public func blockNumber() async throws(RPCError) -> UInt64 {
        try RPCDecode.uint64(try await call("eth_blockNumber"), what: "block number", method: "eth_blockNumber")
    }

    /// `eth_getBalance`: an account's balance in wei.
    public func balance(of account: EthereumAddress, at block: BlockTag = .latest) async throws(RPCError) -> U256 {
        let result = try await call("eth_getBalance", [account.jsonValue, block.json])
        return try RPCDecode.u256(result, what: "balance", method: "eth_getBalance")
    }

    /// `eth_getTransactionCount`: the next nonce of `account` — at ``BlockTag/pending`` including
    /// the node's pool, at ``BlockTag/latest`` only mined transactions.
    public func transactionCount(
        of account: EthereumAddress, at block: BlockTag = .pending
    ) async throws(RPCError)
        -> UInt64
    {
        let result = try await call("eth_getTransactionCount", [account.jsonValue, block.json])
        return try RPCDecode.uint64(result, what: "transaction count", method: "eth_getTransactionCount")
    }

    /// `eth_getCode`: the contract code at `account` (empty for an account without code).
    public func code(at account: EthereumAddress, block: BlockTag = .latest) async throws(RPCError) -> [UInt8] {
        let result = try await call("eth_getCode", [account.jsonValue, block.json])
        return try RPCDecode.data(result, what: "code", method: "eth_getCode")
    }

    /// `eth_gasPrice`: the node's legacy gas price suggestion in wei.
    public func gasPrice() async throws(RPCError) -> U256 {
        try RPCDecode.u256(try await call("eth_gasPrice"), what: "gas price", method: "eth_gasPrice")
    }

    /// `eth_maxPriorityFeePerGas`: the node's tip suggestion in wei.
    public func maxPriorityFeePerGas() async throws(RPCError) -> U256 {
        let method = "eth_maxPriorityFeePerGas"
        return try RPCDecode.u256(try await call(method), what: "priority fee", method: method)
    }

    /// `eth_feeHistory`: base fees and tip percentiles of the `blockCount` blocks up to `newest`.
    /// - Parameters:
    ///   - blockCount: how many blocks (nodes cap this, typically at 1024).
    ///   - newest: the last block of the range.
    ///   - rewardPercentiles: increasing percentiles in 0…100 of the tips to report per block.
    public func feeHistory(
        blockCount: UInt64, newest: BlockTag = .latest, rewardPercentiles: [Double] = []
    )
        async throws(RPCError) -> FeeHistory
    {
        let percentiles = JSONValue.array(rewardPercentiles.map { .number($0) })
        let result = try await call("eth_feeHistory", [blockCount.jsonQuantity, newest.json, percentiles])
        return try FeeHistory(json: result, method: "eth_feeHistory")
    }

    /// `eth_estimateGas`: the gas `request` needs; a revert throws ``RPCError/Code/executionReverted``
    /// with the reason.
    public func estimateGas(_ request: CallRequest, at block: BlockTag? = nil) async throws(RPCError) -> UInt64 {
        let params: [JSONValue] = block.map { [request.json, $0.json] } ?? [request.json]
        let result = try await call("eth_estimateGas", params)
        return try RPCDecode.uint64(result, what: "gas estimate", method: "eth_estimateGas")
    }

    /// `eth_call`: executes `request` without a transaction and returns its output; a revert
    /// throws ``RPCError/Code/executionReverted`` with the revert data and reason.
    public func call(_ request: CallRequest, at block: BlockTag = .latest) async throws(RPCError) -> [UInt8] {
        let result = try await call("eth_call", [request.json, block.json])
        return try RPCDecode.data(result, what: "call output", method: "eth_call")
    }

    /// `eth_sendRawTransaction`: broadcasts signed transaction bytes and returns the hash.
    public func sendRawTransaction(_ raw: [UInt8]) async throws(RPCError) -> EthereumHash {
        let result = try await call("eth_sendRawTransaction", [raw.jsonData])
        return try RPCDecode.hash(result, what: "transaction hash", method: "eth_sendRawTransaction")
    }

    /// `eth_getTransactionReceipt`: the receipt, or nil while the transaction is not mined (or unknown).
    public func transactionReceipt(_ hash: EthereumHash) async throws(RPCError) -> TransactionReceipt? {
        let result = try await call("eth_getTransactionReceipt", [hash.json])
        if result.isNull { return nil }
        return try TransactionReceipt(json: result, method: "eth_getTransactionReceipt")
    }

    /// `eth_getTransactionByHash`: the transaction, or nil when the node does not know it.
    public func transaction(_ hash: EthereumHash) async throws(RPCError) -> TransactionDetails? {
        let result = try await call("eth_getTransactionByHash", [hash.json])
        if result.isNull { return nil }
        return try TransactionDetails(json: result, method: "eth_getTransactionByHash")
    }

    /// `eth_getLogs`: the logs matching `filter`.
    public func logs(_ filter: LogFilter) async throws(RPCError) -> [EthereumLog] {
        let result = try await call("eth_getLogs", [filter.json])
        guard case .array(let entries) = result else {
            throw RPCError(
                .invalidResponse, "the node's eth_getLogs result is a JSON \(result.kindName), not an array",
                method: "eth_getLogs")
        }
        var logs: [EthereumLog] = []
        logs.reserveCapacity(entries.count)
        for entry in entries { logs.append(try EthereumLog(json: entry, method: "eth_getLogs")) }
        return logs
    }

    /// `eth_getBlockByNumber(tag, false)`: the block header and transaction hashes, or nil when the
    /// block does not exist yet.
    public func block(_ tag: BlockTag = .latest) async throws(RPCError) -> BlockSummary? {
        let result = try await call("eth_getBlockByNumber", [tag.json, false])
        if result.isNull { return nil }
        return try BlockSummary(json: result, method: "eth_getBlockByNumber")
    }
}
