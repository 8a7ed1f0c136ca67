/// A failure of the validator or the auto-settler that is not a validation verdict: the store, the
/// chain or the configuration could not be used. (A proof that does not verify is a *finding* in a
/// ``SessionValidationReport``, not an error.)
public struct SettlerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; a struct over names so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        /// - Parameter name: The stable name.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The session is not in the audit store.
        public static let unknownSession = Code("unknownSession")
        /// A stored value cannot be used (e.g. a job id that is not a 64-bit number).
        public static let invalidStoredData = Code("invalidStoredData")
        /// The audit store failed.
        public static let store = Code("store")
        /// The chain (node, transport, contract call) failed.
        public static let chain = Code("chain")
        /// The settlement transaction reverted with a reason other than "Dispute wait".
        public static let reverted = Code("reverted")
        /// "Dispute wait" persisted through every retry.
        public static let disputeWaitExhausted = Code("disputeWaitExhausted")
        /// The configuration is unusable.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The proof keys could not be loaded.
        public static let keys = Code("keys")
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// The contract's revert reason, for ``Code/reverted``.
    public var revertReason: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind.
    ///   - message: What happened and what to do.
    ///   - revertReason: The revert reason, if any.
    public init(_ code: Code, _ message: String, revertReason: String? = nil) {
        self.code = code
        self.message = message
        self.revertReason = revertReason
    }

    /// `SettlerError.code: message`.
    public var description: String { "SettlerError.\(code): \(message)" }
}
