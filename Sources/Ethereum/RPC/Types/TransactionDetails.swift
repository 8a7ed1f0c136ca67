/// A transaction as `eth_getTransactionByHash` reports it (pending or mined).
public struct TransactionDetails: Sendable, Hashable {
    /// The hash.
    public var hash: EthereumHash
    /// The envelope type (0, 1, 2, …).
    public var type: UInt64
    /// The sender.
    public var from: EthereumAddress
    /// The recipient (nil for contract creation).
    public var to: EthereumAddress?
    /// The sender's nonce.
    public var nonce: UInt64
    /// The value in wei.
    public var value: U256
    /// The gas limit.
    public var gas: UInt64
    /// The gas price (legacy), or the effective price once mined (nodes differ).
    public var gasPrice: U256?
    /// The EIP-1559 fee cap.
    public var maxFeePerGas: U256?
    /// The EIP-1559 tip.
    public var maxPriorityFeePerGas: U256?
    /// The call data.
    public var input: [UInt8]
    /// The block number (nil while pending).
    public var blockNumber: UInt64?
    /// The block hash (nil while pending).
    public var blockHash: EthereumHash?

    /// Whether the transaction is in a block.
    public var isMined: Bool { blockNumber != nil }

    /// Decodes a JSON-RPC transaction object.
    init(json: JSONValue, method: String) throws(RPCError) {
        let object = try RPCObject(json, what: "transaction", method: method)
        hash = try object.hash("hash")
        type = try object.optionalUInt64("type") ?? 0
        from = try object.address("from")
        to = try object.optionalAddress("to")
        nonce = try object.uint64("nonce")
        value = try object.quantity("value")
        gas = try object.uint64("gas")
        gasPrice = try object.optionalQuantity("gasPrice")
        maxFeePerGas = try object.optionalQuantity("maxFeePerGas")
        maxPriorityFeePerGas = try object.optionalQuantity("maxPriorityFeePerGas")
        input = try object.data("input")
        blockNumber = try object.optionalUInt64("blockNumber")
        blockHash = try object.optionalHash("blockHash")
    }
}
