import Ethereum

/// One account's balance and nonce.
public struct AccountState: Sendable, Hashable {
    /// The balance in wei.
    public var balance: U256 = .zero
    /// The number of transactions sent.
    public var nonce: UInt64 = 0
}

/// A log emitted by a mined transaction.
public struct LogEntry: Sendable, Hashable {
    /// The emitting contract.
    public var address: EthereumAddress
    /// The topics (32 bytes each; topic 0 is the event signature hash).
    public var topics: [[UInt8]]
    /// The ABI-encoded non-indexed arguments.
    public var data: [UInt8]

    /// Creates a log entry.
    public init(address: EthereumAddress, topics: [[UInt8]], data: [UInt8]) {
        self.address = address
        self.topics = topics
        self.data = data
    }
}

/// A transaction as mined, with what its receipt needs.
public struct MinedTransaction: Sendable {
    /// The signed transaction (raw bytes, hash, sender).
    public var signed: SignedTransaction
    /// The transaction's index in its block.
    public var index: Int
    /// Gas charged.
    public var gasUsed: UInt64
    /// Gas used by this and the earlier transactions of the block.
    public var cumulativeGasUsed: UInt64
    /// 1 = success, 0 = reverted or out of gas.
    public var status: UInt8
    /// The price per gas actually paid.
    public var effectiveGasPrice: U256
    /// The contract created (only the genesis deployment of JobMarketplace creates one).
    public var contractAddress: EthereumAddress?
    /// The logs, with their block-wide indexes.
    public var logs: [(index: Int, entry: LogEntry)]
    /// The receipt's 2048-bit logs bloom.
    public var bloom: [UInt8]
}

/// A mined block.
public struct MinedBlock: Sendable {
    /// The block number (0 = genesis).
    public var number: UInt64
    /// The block hash (see ``MinedBlock/computeHash()``).
    public var hash: [UInt8] = []
    /// The parent's hash (zeros for genesis).
    public var parentHash: [UInt8]
    /// Seconds since 1970.
    public var timestamp: UInt64
    /// The EIP-1559 base fee of this block.
    public var baseFeePerGas: U256
    /// The block gas limit.
    public var gasLimit: UInt64
    /// The gas used by all its transactions.
    public var gasUsed: UInt64 = 0
    /// Its transactions in order.
    public var transactions: [MinedTransaction] = []
    /// The block's logs bloom (the OR of its receipts').
    public var bloom: [UInt8] = [UInt8](repeating: 0, count: 256)

    /// A deterministic block hash: Keccak-256 of RLP([parentHash, number, timestamp, baseFee,
    /// gasLimit, gasUsed, [transaction hashes]]). Not a consensus header hash (the MockChain has no
    /// state root), but unique per block and stable for the same inputs.
    func computeHash() -> [UInt8] {
        let items: [RLPItem] = [
            .bytes(parentHash), RLPItem(number), RLPItem(timestamp), RLPItem(baseFeePerGas), RLPItem(gasLimit),
            RLPItem(gasUsed), .list(transactions.map { .bytes($0.signed.hash) }),
        ]
        return Keccak256.hash(RLPItem.list(items).encoded())
    }
}
