import Ethereum

/// Everything a MockChain holds, as one value: a snapshot is a copy (copy-on-write keeps it cheap).
struct ChainState: Sendable {
    /// Balances and nonces.
    var accounts: [EthereumAddress: AccountState] = [:]
    /// Code of the accounts that have some (only the marketplace's marker).
    var code: [EthereumAddress: [UInt8]] = [:]
    /// The mined blocks, genesis first.
    var blocks: [MinedBlock] = []
    /// Where each mined transaction is: block number and index.
    var transactionIndex: [[UInt8]: (block: Int, index: Int)] = [:]
    /// Block numbers by block hash.
    var blockIndex: [[UInt8]: Int] = [:]
    /// The native JobMarketplace's storage.
    var marketplace: MarketplaceState
    /// Seconds added to the clock (`evm_increaseTime`, explicit timestamps).
    var timeOffset: UInt64 = 0
    /// The timestamp the next block must have (`evm_setNextBlockTimestamp`).
    var nextTimestamp: UInt64?

    /// The latest block.
    var head: MinedBlock { blocks[blocks.count - 1] }

    /// The account state of `address` (zero for unknown accounts).
    func account(_ address: EthereumAddress) -> AccountState { accounts[address] ?? AccountState() }

    /// Adds `amount` to a balance (saturating; balances cannot realistically reach 2^256).
    mutating func credit(_ address: EthereumAddress, _ amount: U256) {
        var account = account(address)
        account.balance = account.balance.addingReportingOverflow(amount).partialValue
        accounts[address] = account
    }

    /// Removes `amount` from a balance the caller checked is large enough.
    mutating func debit(_ address: EthereumAddress, _ amount: U256) {
        var account = account(address)
        let (rest, underflow) = account.balance.subtractingReportingOverflow(amount)
        account.balance = underflow ? .zero : rest
        accounts[address] = account
    }
}

extension ChainState {
    /// The base fee the next block will have (EIP-1559 from the head).
    var nextBaseFee: U256 {
        BaseFee.next(parentBaseFee: head.baseFeePerGas, parentGasUsed: head.gasUsed, parentGasLimit: head.gasLimit)
    }

    /// The chain clock given the configured clock's reading.
    func now(clock: UInt64) -> UInt64 { clock &+ timeOffset }

    /// The timestamp the next block gets: an explicit one, else the clock (never before the parent).
    func pendingTimestamp(clock: UInt64) -> UInt64 {
        if let nextTimestamp { return max(nextTimestamp, head.timestamp) }
        return max(now(clock: clock), head.timestamp)
    }

    /// Appends a block with `transactions` (already executed against the state). An explicit
    /// timestamp moves the chain clock there, so later blocks continue from it.
    @discardableResult
    mutating func appendBlock(
        with transactions: [MinedTransaction], timestamp explicit: UInt64?, clock: UInt64
    ) -> MinedBlock {
        let parent = head
        var timestamp: UInt64
        if let explicit {
            let current = now(clock: clock)
            if explicit > current { timeOffset &+= explicit - current }
            timestamp = explicit
        } else {
            timestamp = pendingTimestamp(clock: clock)
        }
        nextTimestamp = nil
        timestamp = max(timestamp, parent.timestamp)
        var block = MinedBlock(
            number: parent.number + 1, parentHash: parent.hash, timestamp: timestamp, baseFeePerGas: nextBaseFee,
            gasLimit: parent.gasLimit)
        var logIndex = 0
        var cumulative: UInt64 = 0
        for var mined in transactions {
            mined.index = block.transactions.count
            cumulative += mined.gasUsed
            mined.cumulativeGasUsed = cumulative
            mined.logs = mined.logs.map { item in
                defer { logIndex += 1 }
                return (logIndex, item.entry)
            }
            LogsBloom.merge(mined.bloom, into: &block.bloom)
            block.transactions.append(mined)
        }
        block.gasUsed = cumulative
        block.hash = block.computeHash()
        let number = blocks.count
        for mined in block.transactions { transactionIndex[mined.signed.hash] = (number, mined.index) }
        blockIndex[block.hash] = number
        blocks.append(block)
        return block
    }
}
