/// A verifier-contract call that could not be made or answered: bad arguments, a node or transport
/// failure, or an answer that is not what a proofnode verifier returns. A wrong proof is not an error
/// (``VerifierCallOutcome/Result/notVerified``), nor is a revert (``VerifierCallOutcome/Result/reverted(reason:)``).
public struct VerifierContractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// An argument that cannot be encoded (a proof that is not 256 bytes, a wrong input count).
        public static let invalidArgument = Code("invalidArgument")
        /// The node or the transport failed (see ``VerifierContractError/rpcError``).
        public static let failed = Code("failed")
        /// The contract answered with data that is not what a verifier returns.
        public static let invalidResponse = Code("invalidResponse")
        /// The deployed verifier embeds another key than the one expected.
        public static let keyMismatch = Code("keyMismatch")
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// The node's error, when a call failed.
    public var rpcError: RPCError?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Wraps a node error.
    static func failed(_ error: RPCError, doing what: String) -> VerifierContractError {
        var result = VerifierContractError(.failed, "\(what) failed: \(error.message)")
        result.rpcError = error
        return result
    }

    /// `VerifierContractError.code: message`.
    public var description: String { "VerifierContractError.\(code): \(message)" }
}
