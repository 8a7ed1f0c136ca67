/// What a caller wants done on-chain: a call (or transfer) the manager will size, price, sign and
/// send.
public struct TransactionIntent: Sendable, Hashable {
    /// The contract or recipient; nil creates a contract.
    public var to: EthereumAddress?
    /// The call data.
    public var data: [UInt8]
    /// The value in wei (e.g. a session deposit).
    public var value: U256
    /// A fixed gas limit; nil estimates it (`eth_estimateGas` plus the configured margin).
    public var gasLimit: UInt64?

    /// Creates an intent.
    public init(to: EthereumAddress?, data: [UInt8] = [], value: U256 = .zero, gasLimit: UInt64? = nil) {
        self.to = to
        self.data = data
        self.value = value
        self.gasLimit = gasLimit
    }
}

/// A signed transaction ready to persist and broadcast.
public struct PreparedTransaction: Sendable, Hashable {
    /// The signed transaction.
    public let signed: SignedTransaction
    /// The transaction hash.
    public let hash: EthereumHash
    /// The hash of the version this one replaces (same nonce, lower fees), if it is a replacement.
    public let replaces: EthereumHash?

    /// Wraps a signed transaction.
    public init(signed: SignedTransaction, replaces: EthereumHash? = nil) {
        self.signed = signed
        self.hash = EthereumHash(unchecked: signed.hash)
        self.replaces = replaces
    }

    /// The raw bytes to persist and broadcast.
    public var raw: [UInt8] { signed.raw }
    /// The sender.
    public var from: EthereumAddress { signed.sender }
    /// The nonce.
    public var nonce: UInt64 { signed.transaction.nonce }
}

/// A transaction that was mined (and confirmed) successfully.
public struct TransactionOutcome: Sendable, Hashable {
    /// The version that was mined.
    public var transaction: PreparedTransaction
    /// Its receipt.
    public var receipt: TransactionReceipt
    /// Every version broadcast for this nonce (the mined one included).
    public var hashes: [EthereumHash]
}

/// Called with every signed transaction — the original and each replacement — *before* it is
/// broadcast. Persist ``PreparedTransaction/raw`` durably here; if the hook throws, nothing is sent.
public typealias TransactionPersistHook = @Sendable (PreparedTransaction) async throws -> Void
