/// A log entry from a receipt or `eth_getLogs`.
public struct EthereumLog: Sendable, Hashable {
    /// The contract that emitted it.
    public var address: EthereumAddress
    /// The topics (topic 0 is the event signature hash for non-anonymous events).
    public var topics: [EthereumHash]
    /// The non-indexed data.
    public var data: [UInt8]
    /// The block's number (nil while pending).
    public var blockNumber: UInt64?
    /// The block's hash (nil while pending).
    public var blockHash: EthereumHash?
    /// The emitting transaction's hash.
    public var transactionHash: EthereumHash?
    /// The transaction's index in its block.
    public var transactionIndex: UInt64?
    /// The log's index in its block.
    public var logIndex: UInt64?
    /// Whether a reorganisation removed the log.
    public var removed: Bool

    /// Creates a log.
    public init(
        address: EthereumAddress, topics: [EthereumHash], data: [UInt8], blockNumber: UInt64? = nil,
        blockHash: EthereumHash? = nil, transactionHash: EthereumHash? = nil, transactionIndex: UInt64? = nil,
        logIndex: UInt64? = nil, removed: Bool = false
    ) {
        self.address = address
        self.topics = topics
        self.data = data
        self.blockNumber = blockNumber
        self.blockHash = blockHash
        self.transactionHash = transactionHash
        self.transactionIndex = transactionIndex
        self.logIndex = logIndex
        self.removed = removed
    }

    /// Decodes a JSON-RPC log object.
    init(json: JSONValue, method: String) throws(RPCError) {
        let object = try RPCObject(json, what: "log", method: method)
        address = try object.address("address")
        var topics: [EthereumHash] = []
        for topic in try object.array("topics") {
            topics.append(try RPCDecode.hash(topic, what: "log topic", method: method))
        }
        self.topics = topics
        data = try object.data("data")
        blockNumber = try object.optionalUInt64("blockNumber")
        blockHash = try object.optionalHash("blockHash")
        transactionHash = try object.optionalHash("transactionHash")
        transactionIndex = try object.optionalUInt64("transactionIndex")
        logIndex = try object.optionalUInt64("logIndex")
        removed = object.optional("removed")?.boolValue ?? false
    }
}
