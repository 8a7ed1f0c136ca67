/// How a ``TransactionManager`` prices, sizes, sends and follows transactions.
public struct TransactionManagerConfiguration: Sendable {
    /// The chain id to sign for; nil asks the node once (`eth_chainId`).
    public var chainId: UInt64?
    /// Extra gas over `eth_estimateGas`, in percent (20 = +20 %).
    public var gasMarginPercent: UInt64
    /// The fee bump of a replacement, in per-mille (125 = +12.5 %; geth requires ≥ 10 % on both fees).
    public var replacementBumpPerMille: UInt64
    /// How many fee-bumped replacements to send before waiting out the timeout.
    public var maximumReplacements: Int
    /// How long a broadcast transaction may stay unmined before it is replaced with higher fees.
    public var replaceAfter: Duration
    /// Blocks that must be mined on top of the receipt's block, counting it (1 = the receipt suffices).
    public var confirmations: UInt64
    /// How long to wait for a receipt with its confirmations before giving up (the transaction may
    /// still be mined later; resume it).
    public var receiptTimeout: Duration
    /// How often to poll for receipts and block numbers.
    public var pollInterval: Duration
    /// The tip percentile read from `eth_feeHistory` when the node lacks `eth_maxPriorityFeePerGas`.
    public var tipPercentile: Double
    /// The highest fee per gas (max fee, or gas price on legacy chains) the manager will pay; nil
    /// for no cap.
    public var maximumFeePerGas: U256?
    /// How long a transaction waits for the broadcast of lower nonces of the same sender (so that a
    /// node never sees a nonce gap) before it is broadcast anyway.
    public var orderingTimeout: Duration

    /// Creates a configuration; the defaults suit a public L2 such as Base.
    public init(
        chainId: UInt64? = nil, gasMarginPercent: UInt64 = 20, replacementBumpPerMille: UInt64 = 125,
        maximumReplacements: Int = 5, replaceAfter: Duration = .seconds(60), confirmations: UInt64 = 1,
        receiptTimeout: Duration = .seconds(300), pollInterval: Duration = .milliseconds(500),
        tipPercentile: Double = 50, maximumFeePerGas: U256? = nil, orderingTimeout: Duration = .seconds(30)
    ) {
        self.chainId = chainId
        self.gasMarginPercent = gasMarginPercent
        self.replacementBumpPerMille = max(100, replacementBumpPerMille)
        self.maximumReplacements = max(0, maximumReplacements)
        self.replaceAfter = replaceAfter
        self.confirmations = max(1, confirmations)
        self.receiptTimeout = receiptTimeout
        self.pollInterval = pollInterval
        self.tipPercentile = tipPercentile
        self.maximumFeePerGas = maximumFeePerGas
        self.orderingTimeout = orderingTimeout
    }
}
