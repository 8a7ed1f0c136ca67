/// A block header and its transaction hashes, as `eth_getBlockByNumber(tag, false)` returns it.
public struct BlockSummary: Sendable, Hashable {
    /// The block number.
    public var number: UInt64
    /// The block hash.
    public var hash: EthereumHash
    /// The parent's hash.
    public var parentHash: EthereumHash
    /// The block's timestamp (seconds since 1970) — the chain's clock for contract time checks.
    public var timestamp: UInt64
    /// The EIP-1559 base fee; nil on chains without EIP-1559.
    public var baseFeePerGas: U256?
    /// The block gas limit.
    public var gasLimit: UInt64
    /// The gas used by the block's transactions.
    public var gasUsed: UInt64
    /// The fee recipient.
    public var miner: EthereumAddress?
    /// The hashes of the block's transactions.
    public var transactionHashes: [EthereumHash]

    /// Decodes a JSON-RPC block object (transactions as hashes).
    init(json: JSONValue, method: String) throws(RPCError) {
        let object = try RPCObject(json, what: "block", method: method)
        number = try object.uint64("number")
        hash = try object.hash("hash")
        parentHash = try object.hash("parentHash")
        timestamp = try object.uint64("timestamp")
        baseFeePerGas = try object.optionalQuantity("baseFeePerGas")
        gasLimit = try object.uint64("gasLimit")
        gasUsed = try object.uint64("gasUsed")
        miner = try object.optionalAddress("miner")
        var hashes: [EthereumHash] = []
        for entry in object.optional("transactions")?.arrayValue ?? [] {
            // Full transaction objects carry their hash in "hash".
            let value = entry["hash"] ?? entry
            hashes.append(try RPCDecode.hash(value, what: "block transaction", method: method))
        }
        transactionHashes = hashes
    }
}
