import Foundation

/// A checkpoint that could not be proven, stored, signed, sent or confirmed.
///
/// Contract reverts carry the reason string (``revertReason``: "Not host", "Too many", "Exceeds
/// deposit"/"Over dep", "Proof already used", …) and its classification (``revertCode``); the same
/// reason is recorded on the checkpoint in the audit store.
public struct SubmissionError: Error, Sendable, CustomStringConvertible {
    /// The kinds of submission errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The contract refused the call (in gas estimation, nothing signed, or on-chain, receipt status 0).
        public static let reverted = Code("reverted")
        /// The node stayed unreachable (or kept failing transiently) past the retry budget; nothing was
        /// lost: a signed transaction stays in the store and is resumed on the next start.
        public static let nodeUnavailable = Code("nodeUnavailable")
        /// The node or the transaction manager failed in a way retrying does not fix.
        public static let transactionFailed = Code("transactionFailed")
        /// The proof could not be generated.
        public static let provingFailed = Code("provingFailed")
        /// The audit store refused or failed a write (the step was not taken).
        public static let storeFailed = Code("storeFailed")
        /// A checkpoint or session does not fit the rules (e.g. a checkpoint out of order).
        public static let invalidCheckpoint = Code("invalidCheckpoint")
        /// The session on chain is not one this host can serve (wrong host, not active, unknown).
        public static let sessionUnusable = Code("sessionUnusable")
        /// A second transaction for a checkpoint that already has one was about to be signed and was
        /// refused (a fee bump with the same nonce is the only allowed second version).
        public static let secondTransactionRefused = Code("secondTransactionRefused")
    }

    /// What kind of error this is.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// The contract's revert reason, for ``Code/reverted``.
    public var revertReason: String?
    /// The job.
    public var jobID: String?
    /// The checkpoint.
    public var checkpointIndex: Int64?
    /// The transaction hash (0x-hex), when one was signed.
    public var transactionHash: String?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, revertReason: String? = nil, jobID: String? = nil,
        checkpointIndex: Int64? = nil, transactionHash: String? = nil
    ) {
        self.code = code
        self.message = message
        self.revertReason = revertReason
        self.jobID = jobID
        self.checkpointIndex = checkpointIndex
        self.transactionHash = transactionHash
    }

    /// The classification of ``revertReason`` ("Exceeds deposit" and "Over dep" are both
    /// ``RevertKind/exceedsDeposit``); nil when the error is not a revert.
    public var revertKind: RevertKind? {
        guard code == .reverted else { return nil }
        return RevertKind(reason: revertReason)
    }

    /// `SubmissionError.code: message` with the checkpoint and reason.
    public var description: String {
        var text = "SubmissionError.\(code): \(message)"
        if let jobID, let checkpointIndex { text += " [checkpoint \(jobID)/\(checkpointIndex)]" }
        if let revertReason, !message.contains(revertReason) { text += " [reason \"\(revertReason)\"]" }
        if let transactionHash { text += " [tx \(transactionHash)]" }
        return text
    }
}

/// The JobMarketplace's `submitProofOfWork` revert reasons, classified.
public struct RevertKind: Hashable, Sendable, CustomStringConvertible {
    /// The kind's stable name.
    public let name: String
    /// Creates a kind.
    public init(_ name: String) { self.name = name }
    /// The kind's name.
    public var description: String { name }

    /// "Not active".
    public static let notActive = RevertKind("notActive")
    /// "Not host".
    public static let notHost = RevertKind("notHost")
    /// "Min tokens".
    public static let minTokens = RevertKind("minTokens")
    /// "Low first".
    public static let lowFirst = RevertKind("lowFirst")
    /// "Too many".
    public static let tooMany = RevertKind("tooMany")
    /// "Exceeds deposit" (January source) or "Over dep" (newest).
    public static let exceedsDeposit = RevertKind("exceedsDeposit")
    /// "Proof already used".
    public static let proofAlreadyUsed = RevertKind("proofAlreadyUsed")
    /// Any other reason, or none.
    public static let other = RevertKind("other")

    private static let byReason: [String: RevertKind] = [
        "Not active": .notActive, "Not host": .notHost, "Min tokens": .minTokens, "Low first": .lowFirst,
        "Too many": .tooMany, "Exceeds deposit": .exceedsDeposit, "Over dep": .exceedsDeposit,
        "Proof already used": .proofAlreadyUsed,
    ]

    /// Classifies a reason string.
    public init(reason: String?) {
        let trimmed = reason?.trimmingCharacters(in: .whitespaces) ?? ""
        self = Self.byReason[trimmed] ?? .other
    }
}
