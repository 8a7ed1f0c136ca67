/// An error from the transaction manager: a revert, a node or transport failure, a transaction
/// that did not confirm in time, or a nonce taken by another transaction.
///
/// RPC failures keep the node's ``RPCError`` in ``rpcError``; reverts carry the reason and, when the
/// transaction was mined, its ``receipt``. ``hashes`` lists every version (original and fee-bumped
/// replacements) that was broadcast, so a caller can look them up later.
public struct TransactionError: Error, Sendable, CustomStringConvertible {
    /// The kinds of transaction errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The transaction reverted: in `eth_estimateGas` (nothing was signed) or on-chain
        /// (``TransactionError/receipt`` is set, status 0).
        public static let reverted = Code("reverted")
        /// A node or transport failure; ``TransactionError/rpcError`` says which.
        public static let rpc = Code("rpc")
        /// No version of the transaction was mined (with the required confirmations) in time. It may
        /// still be mined: resume from the persisted raw transaction.
        public static let receiptTimeout = Code("receiptTimeout")
        /// The nonce was used by a transaction that is not one of ours; nothing of ours can be mined.
        public static let nonceConsumed = Code("nonceConsumed")
        /// The network's fees exceed the configured cap.
        public static let feeCapExceeded = Code("feeCapExceeded")
        /// The transaction could not be built, signed or decoded.
        public static let invalidTransaction = Code("invalidTransaction")
        /// The persistence hook failed; nothing was broadcast.
        public static let persistenceFailed = Code("persistenceFailed")
        /// A resumed transaction was signed by another key or for another chain.
        public static let wrongSigner = Code("wrongSigner")
    }

    /// What kind of error this is.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// The node's error, for ``Code/rpc`` and estimate-time ``Code/reverted``.
    public var rpcError: RPCError?
    /// The revert reason, when known.
    public var revertReason: String?
    /// The receipt of a mined transaction that reverted.
    public var receipt: TransactionReceipt?
    /// The hashes of every broadcast version.
    public var hashes: [EthereumHash]

    /// Creates an error.
    public init(_ code: Code, _ message: String, rpcError: RPCError? = nil, hashes: [EthereumHash] = []) {
        self.code = code
        self.message = message
        self.rpcError = rpcError
        self.revertReason = rpcError?.revertReason
        self.receipt = nil
        self.hashes = hashes
    }

    /// Wraps an RPC failure: reverts become ``Code/reverted``, everything else ``Code/rpc``.
    static func from(_ error: RPCError, doing what: String, hashes: [EthereumHash] = []) -> TransactionError {
        if error.isRevert {
            let reason = error.revertReason.map { ": \($0)" } ?? " without a reason"
            return TransactionError(.reverted, "\(what) reverted\(reason)", rpcError: error, hashes: hashes)
        }
        return TransactionError(.rpc, "\(what) failed: \(error.message)", rpcError: error, hashes: hashes)
    }

    /// `TransactionError.code: message` with the reason and hashes.
    public var description: String {
        var text = "TransactionError.\(code): \(message)"
        if let revertReason, !message.contains(revertReason) { text += " [reason \"\(revertReason)\"]" }
        if !hashes.isEmpty { text += " [tx \(hashes.map(\.hex).joined(separator: ", "))]" }
        return text
    }
}
