import Ethereum

/// A deterministic in-memory Ethereum chain for tests and demos, with Fabstir's JobMarketplace
/// executed natively at the address the devchain deploys it to.
///
/// - Transactions (types 0, 1, 2) are decoded and their senders recovered with the `Ethereum`
///   target, validated in geth's order with geth's error strings, and mined at once, each in its own
///   block (automine). Optionally a timer seals a block every ``MockChainConfiguration/blockTime``.
/// - Time is the configured clock plus an offset moved by ``increaseTime(_:)``; blocks may share a
///   timestamp (as on the devchain). Base fees follow EIP-1559 from 1 gwei.
/// - Gas is the EVM's intrinsic gas plus a fixed charge per contract operation (``GasSchedule``).
/// - Only the latest state is kept: calls and balance queries at older blocks are refused.
///
/// Serve it over JSON-RPC with ``MockChainServer``, or call ``handle(_:)`` in-process.
public actor MockChain {
    /// The configuration it was made with.
    public nonisolated let configuration: MockChainConfiguration
    /// The JobMarketplace's address: the creation address of dev account 0's first transaction,
    /// `0x5FbDB2315678afecb367f032d93F642f64180aa3`, as on the devchain, anvil and hardhat.
    public nonisolated let marketplaceAddress: EthereumAddress
    /// The funded dev accounts (DEV-ONLY public keys, see ``DevAccounts``).
    public nonisolated let devAccounts: [EthereumSigner]
    /// The runtime code reported for the marketplace by `eth_getCode` (a marker, not EVM bytecode:
    /// the contract runs natively). `0xfe` (INVALID) followed by "MockChain JobMarketplace".
    public static let marketplaceCode: [UInt8] = [0xFE] + Array("MockChain JobMarketplace".utf8)

    var state: ChainState
    var snapshots: [UInt64: ChainState] = [:]
    var nextSnapshot: UInt64 = 1
    var lastSeal: ContinuousClock.Instant = .now

    /// Creates the chain: genesis with the funded dev accounts, then block 1 with dev account 0's
    /// signed deployment transaction of the marketplace (so account 0's nonce is 1, as on the devchain).
    /// - Throws: ``MockChainError`` for an invalid configuration.
    public init(configuration: MockChainConfiguration = MockChainConfiguration()) throws {
        self.configuration = configuration
        let signers = try DevAccounts.signers(count: configuration.accounts)
        devAccounts = signers
        let deployer = signers[0].address
        marketplaceAddress = MockChain.creationAddress(sender: deployer, nonce: 0)
        var initial = ChainState(
            marketplace: MarketplaceState(
                disputeWindow: U256(configuration.disputeWindow), feeBasisPoints: U256(configuration.feeBasisPoints),
                treasury: configuration.treasury))
        guard configuration.feeBasisPoints <= 10_000 else {
            throw MockChainError(
                .invalidParams, rpcCode: -32602, "the fee must be at most 10000 basis points (Bad fee)")
        }
        for signer in signers {
            initial.accounts[signer.address] = AccountState(balance: configuration.accountBalance, nonce: 0)
        }
        var genesis = MinedBlock(
            number: 0, parentHash: [UInt8](repeating: 0, count: 32), timestamp: configuration.clock(),
            baseFeePerGas: configuration.initialBaseFee, gasLimit: configuration.gasLimit)
        genesis.hash = genesis.computeHash()
        initial.blocks = [genesis]
        initial.blockIndex[genesis.hash] = 0
        try MockChain.deployMarketplace(
            into: &initial, signer: signers[0], address: marketplaceAddress, configuration: configuration)
        state = initial
    }

    /// The creation address of `sender`'s transaction with `nonce`: Keccak-256(RLP([sender, nonce]))[12…].
    public static func creationAddress(sender: EthereumAddress, nonce: UInt64) -> EthereumAddress {
        let hash = Keccak256.hash(RLPItem.list([.bytes(sender.bytes), RLPItem(nonce)]).encoded())
        return EthereumAddress(bytesUnchecked: Array(hash[12...]))
    }

    /// Signs and mines the deployment: a type 2 transaction from account 0 with the marker code as
    /// init code, charged intrinsic gas only.
    private static func deployMarketplace(
        into state: inout ChainState, signer: EthereumSigner, address marketplaceAddress: EthereumAddress,
        configuration: MockChainConfiguration
    ) throws {
        let baseFee = state.nextBaseFee
        let tip = U256(1_000_000_000)
        let transaction = EthereumTransaction.dynamicFee(
            chainId: configuration.chainId, nonce: 0, maxPriorityFeePerGas: tip,
            maxFeePerGas: baseFee * U256(2) + tip, gasLimit: 100_000, to: nil, data: MockChain.marketplaceCode)
        let signed: SignedTransaction
        do {
            signed = try signer.sign(transaction)
        } catch {
            throw MockChainError(.rejected, rpcCode: -32000, "the marketplace deployment could not be signed: \(error)")
        }
        let gas = GasSchedule.intrinsicGas(transaction)
        let price = Self.effectivePrice(transaction, baseFee: baseFee)
        state.debit(signer.address, U256(gas) * price)
        state.accounts[signer.address, default: AccountState()].nonce = 1
        state.code[marketplaceAddress] = MockChain.marketplaceCode
        state.accounts[marketplaceAddress] = AccountState(balance: .zero, nonce: 1)
        let mined = MinedTransaction(
            signed: signed, index: 0, gasUsed: gas, cumulativeGasUsed: gas, status: 1, effectiveGasPrice: price,
            contractAddress: marketplaceAddress, logs: [], bloom: LogsBloom.of([]))
        state.appendBlock(with: [mined], timestamp: nil, clock: configuration.clock())
    }

    // MARK: - Clock

    /// The chain clock: the configured clock plus the accumulated offset.
    public func now() -> UInt64 { configuration.clock() &+ state.timeOffset }

    /// Moves the chain clock forward by `seconds`; returns the total offset (ganache/anvil style).
    @discardableResult
    public func increaseTime(_ seconds: UInt64) -> UInt64 {
        state.timeOffset &+= seconds
        return state.timeOffset
    }

    /// Makes the next block have `timestamp` (at least the latest block's).
    /// - Throws: ``MockChainError`` when `timestamp` is before the latest block's.
    public func setNextBlockTimestamp(_ timestamp: UInt64) throws(MockChainError) {
        guard timestamp >= state.head.timestamp else {
            throw .chain("timestamp \(timestamp) is before the latest block's \(state.head.timestamp)")
        }
        state.nextTimestamp = timestamp
    }

    /// Mines an empty block now (or at `timestamp`, which moves the clock there).
    /// - Throws: ``MockChainError`` when `timestamp` is before the latest block's.
    public func mine(timestamp: UInt64? = nil) throws(MockChainError) {
        if let timestamp, timestamp < state.head.timestamp {
            throw .chain("timestamp \(timestamp) is before the latest block's \(state.head.timestamp)")
        }
        sealBlock(with: [], timestamp: timestamp)
    }

    /// Seals an empty block when none was sealed for `blockTime` seconds (the block timer's tick).
    public func sealIfIdle(blockTime: Double) {
        guard ContinuousClock.now - lastSeal >= .milliseconds(Int64(blockTime * 1000)) else { return }
        sealBlock(with: [], timestamp: nil)
    }

    // MARK: - Blocks

    /// The base fee the next block will have.
    func nextBaseFee() -> U256 { state.nextBaseFee }

    /// The timestamp the next block gets: an explicit one, else the clock (never before the parent).
    func pendingTimestamp() -> UInt64 { state.pendingTimestamp(clock: configuration.clock()) }

    /// Appends a block with `transactions` (already executed against the state).
    @discardableResult
    func sealBlock(with transactions: [MinedTransaction], timestamp explicit: UInt64?) -> MinedBlock {
        lastSeal = .now
        return state.appendBlock(with: transactions, timestamp: explicit, clock: configuration.clock())
    }

    // MARK: - Snapshots

    /// Saves the whole chain (blocks, state, clock offset); returns the snapshot id.
    public func snapshot() -> UInt64 {
        let id = nextSnapshot
        nextSnapshot += 1
        snapshots[id] = state
        return id
    }

    /// Restores a snapshot; it and every later one are consumed. Returns false for an unknown id.
    public func revert(to id: UInt64) -> Bool {
        guard let saved = snapshots[id] else { return false }
        state = saved
        snapshots = snapshots.filter { $0.key < id }
        return true
    }

    /// The effective gas price of `transaction` in a block with `baseFee`.
    static func effectivePrice(_ transaction: EthereumTransaction, baseFee: U256) -> U256 {
        guard transaction.type == .dynamicFee else { return transaction.gasPrice }
        let (sum, overflow) = baseFee.addingReportingOverflow(transaction.maxPriorityFeePerGas)
        return overflow ? transaction.maxFeePerGas : min(transaction.maxFeePerGas, sum)
    }
}
