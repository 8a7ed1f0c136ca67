/// The receipt of a mined transaction.
public struct TransactionReceipt: Sendable, Hashable {
    /// The transaction's hash.
    public var transactionHash: EthereumHash
    /// The block it was mined in.
    public var blockNumber: UInt64
    /// That block's hash.
    public var blockHash: EthereumHash
    /// Its index in the block.
    public var transactionIndex: UInt64
    /// The sender.
    public var from: EthereumAddress
    /// The recipient (nil for contract creation).
    public var to: EthereumAddress?
    /// The created contract's address, for contract creation.
    public var contractAddress: EthereumAddress?
    /// Whether execution succeeded (`status` 1); false means it reverted.
    public var succeeded: Bool
    /// The gas this transaction used.
    public var gasUsed: UInt64
    /// The gas used in the block up to and including this transaction.
    public var cumulativeGasUsed: UInt64
    /// The price per gas actually paid (nil on nodes that omit it).
    public var effectiveGasPrice: U256?
    /// The logs it emitted.
    public var logs: [EthereumLog]

    /// Decodes a JSON-RPC receipt object.
    init(json: JSONValue, method: String) throws(RPCError) {
        let object = try RPCObject(json, what: "receipt", method: method)
        transactionHash = try object.hash("transactionHash")
        blockNumber = try object.uint64("blockNumber")
        blockHash = try object.hash("blockHash")
        transactionIndex = try object.uint64("transactionIndex")
        from = try object.address("from")
        to = try object.optionalAddress("to")
        contractAddress = try object.optionalAddress("contractAddress")
        guard let status = try object.optionalUInt64("status") else {
            throw object.invalid("status", "missing (pre-Byzantium receipts are not supported)")
        }
        guard status <= 1 else { throw object.invalid("status", "\(status) is neither 0 nor 1") }
        succeeded = status == 1
        gasUsed = try object.uint64("gasUsed")
        cumulativeGasUsed = try object.uint64("cumulativeGasUsed")
        effectiveGasPrice = try object.optionalQuantity("effectiveGasPrice")
        var logs: [EthereumLog] = []
        for log in try object.array("logs") { logs.append(try EthereumLog(json: log, method: method)) }
        self.logs = logs
    }
}
