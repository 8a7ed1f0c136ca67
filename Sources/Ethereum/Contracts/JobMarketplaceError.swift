import Foundation

/// A JobMarketplace call that failed: a revert with one of the contract's reasons ("Not host",
/// "Too many", "Dispute wait", …), or a transport, node or decoding failure underneath.
public struct JobMarketplaceError: Error, Sendable, CustomStringConvertible {
    /// The contract's revert reasons, and the failures that are not reverts. A struct over strings so
    /// that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// "Not active": the session is completed or timed out.
        public static let notActive = Code("notActive")
        /// "Not host": the sender is not the session's host.
        public static let notHost = Code("notHost")
        /// "Min tokens": fewer than 100 tokens claimed.
        public static let minTokens = Code("minTokens")
        /// "Low first": the first proof claims less than `proofInterval`.
        public static let lowFirst = Code("lowFirst")
        /// "Too many": more than 2000 tokens per second since the last proof.
        public static let tooMany = Code("tooMany")
        /// "Exceeds deposit" (January source) or "Over dep" (newest): the deposit does not cover the tokens.
        public static let exceedsDeposit = Code("exceedsDeposit")
        /// "Proof already used": this proof hash was submitted before.
        public static let proofAlreadyUsed = Code("proofAlreadyUsed")
        /// "Not depositor or host".
        public static let notDepositorOrHost = Code("notDepositorOrHost")
        /// "Dispute wait": the host must wait out the dispute window after the last proof.
        public static let disputeWait = Code("disputeWait")
        /// "Not timeout": the session has not timed out.
        public static let notTimeout = Code("notTimeout")
        /// "Bad index": no proof with that index.
        public static let badIndex = Code("badIndex")
        /// "Low deposit": the deposit is under 1e14 wei or does not cover `proofInterval` tokens.
        public static let lowDeposit = Code("lowDeposit")
        /// "Bad price": the price is zero.
        public static let badPrice = Code("badPrice")
        /// "Bad dur": the duration is 0 or over 365 days.
        public static let badDuration = Code("badDuration")
        /// "Low interval": `proofInterval` under 100.
        public static let lowInterval = Code("lowInterval")
        /// "Bad timeout": `proofTimeoutWindow` outside 60…3600.
        public static let badTimeout = Code("badTimeout")
        /// "No host": the host is the zero address.
        public static let noHost = Code("noHost")
        /// A revert whose reason is none of the above (see ``JobMarketplaceError/reason``).
        public static let otherRevert = Code("otherRevert")
        /// Not a revert: the node, the transport or the transaction manager failed (see the underlying errors).
        public static let failed = Code("failed")
        /// An argument that cannot be encoded (e.g. a proof hash that is not 32 bytes).
        public static let invalidArgument = Code("invalidArgument")
        /// The contract answered with data that does not decode.
        public static let invalidResponse = Code("invalidResponse")

        /// The contract's reason strings and their codes.
        static let byReason: [String: Code] = [
            "Not active": .notActive, "Not host": .notHost, "Min tokens": .minTokens, "Low first": .lowFirst,
            "Too many": .tooMany, "Exceeds deposit": .exceedsDeposit, "Over dep": .exceedsDeposit,
            "Proof already used": .proofAlreadyUsed, "Not depositor or host": .notDepositorOrHost,
            "Dispute wait": .disputeWait, "Not timeout": .notTimeout, "Bad index": .badIndex,
            "Low deposit": .lowDeposit, "Bad price": .badPrice, "Bad dur": .badDuration,
            "Low interval": .lowInterval, "Bad timeout": .badTimeout, "No host": .noHost,
        ]
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// The contract's revert reason verbatim, for reverts.
    public var reason: String?
    /// The transaction manager's error, when a transaction failed.
    public var transactionError: TransactionError?
    /// The node's error, when a call failed.
    public var rpcError: RPCError?

    /// Creates an error.
    public init(_ code: Code, _ message: String, reason: String? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
    }

    /// Whether the contract reverted (as opposed to a transport or node failure).
    public var isRevert: Bool { code != .failed && code != .invalidResponse && code != .invalidArgument }

    /// Classifies a revert reason.
    static func revert(reason: String?, doing what: String) -> JobMarketplaceError {
        guard let reason else { return JobMarketplaceError(.otherRevert, "\(what) reverted without a reason") }
        let code = Code.byReason[reason.trimmingCharacters(in: .whitespaces)] ?? .otherRevert
        return JobMarketplaceError(code, "\(what) reverted: \(reason)", reason: reason)
    }

    /// Wraps a node error: reverts by reason, everything else ``Code/failed``.
    static func from(_ error: RPCError, doing what: String) -> JobMarketplaceError {
        var result =
            error.isRevert
            ? revert(reason: error.revertReason, doing: what)
            : JobMarketplaceError(.failed, "\(what) failed: \(error.message)")
        result.rpcError = error
        return result
    }

    /// Wraps a transaction failure: reverts by reason, everything else ``Code/failed``.
    static func from(_ error: TransactionError, doing what: String) -> JobMarketplaceError {
        var result =
            error.code == .reverted
            ? revert(reason: error.revertReason, doing: what)
            : JobMarketplaceError(.failed, "\(what) failed: \(error.message)")
        result.transactionError = error
        result.rpcError = error.rpcError
        return result
    }

    /// `JobMarketplaceError.code: message`.
    public var description: String { "JobMarketplaceError.\(code): \(message)" }
}
