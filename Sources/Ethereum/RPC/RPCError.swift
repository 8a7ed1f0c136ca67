/// An error from talking to an Ethereum node: the transport failed, the node answered with an HTTP
/// error or with a JSON-RPC error object, or its answer was not what the method promises.
///
/// Nothing the node said is lost: ``nodeCode``, ``nodeMessage`` and ``data`` hold the JSON-RPC error
/// object verbatim, ``revertData`` the revert bytes wherever the node put them (`error.data` as a hex
/// string, or nested in an object), and ``revertReason`` the reason when the node only gave it in the
/// message (`execution reverted: Not host`) or when it could be decoded from the data.
/// ``code`` classifies the error (geth's well-known messages get their own codes) and can be matched.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of RPC errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        // Transport
        /// The TCP connection could not be made (refused, unreachable, name not resolved).
        public static let connectionFailed = Code("connectionFailed")
        /// The request did not complete within its timeout.
        public static let timeout = Code("timeout")
        /// The connection broke while sending or receiving.
        public static let transport = Code("transport")
        /// The node answered with an HTTP status other than 200.
        public static let httpStatus = Code("httpStatus")
        /// The calling task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The client was configured or called with something unusable (a bad URL, bad parameters).
        public static let invalidRequest = Code("invalidRequest")

        // The node's answer
        /// The response body is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")
        /// The response is JSON but not a valid JSON-RPC response or not the promised result shape.
        public static let invalidResponse = Code("invalidResponse")
        /// A JSON-RPC error object without a more specific classification.
        public static let nodeError = Code("nodeError")
        /// The call or transaction reverted (`execution reverted`, JSON-RPC code 3).
        public static let executionReverted = Code("executionReverted")
        /// The method does not exist on this node (JSON-RPC code -32601).
        public static let methodNotFound = Code("methodNotFound")
        /// geth's `nonce too low`: the nonce was already used; resynchronise with the chain.
        public static let nonceTooLow = Code("nonceTooLow")
        /// geth's `nonce too high`: there is a gap before this nonce.
        public static let nonceTooHigh = Code("nonceTooHigh")
        /// geth's `replacement transaction underpriced`: a replacement must raise both fees by ≥ 10 %.
        public static let replacementUnderpriced = Code("replacementUnderpriced")
        /// geth's `already known`: the node already has exactly this transaction.
        public static let alreadyKnown = Code("alreadyKnown")
        /// `transaction underpriced` or `max fee per gas less than block base fee`.
        public static let feeTooLow = Code("feeTooLow")
        /// `insufficient funds for gas * price + value`.
        public static let insufficientFunds = Code("insufficientFunds")
        /// `intrinsic gas too low` or `gas limit reached`-style gas problems.
        public static let gasTooLow = Code("gasTooLow")
        /// `invalid chain id`: the transaction was signed for another chain.
        public static let invalidChainID = Code("invalidChainID")
        /// The node rate-limits this client (HTTP 429 or a rate-limit error object).
        public static let rateLimited = Code("rateLimited")
    }

    /// What kind of error this is.
    public var code: Code
    /// What happened and what to do about it.
    public var message: String
    /// The JSON-RPC method that failed, when known.
    public var method: String?
    /// The HTTP status, when the node answered with one other than 200.
    public var httpStatus: Int?
    /// The JSON-RPC error object's `code`, when the node sent one.
    public var nodeCode: Int?
    /// The JSON-RPC error object's `message`, when the node sent one.
    public var nodeMessage: String?
    /// The JSON-RPC error object's `data`, verbatim.
    public var data: JSONValue?
    /// The revert data (ABI-encoded `Error(string)`, `Panic(uint256)` or a custom error), when the
    /// node sent any.
    public var revertData: [UInt8]?
    /// The revert reason: decoded from ``revertData`` or taken from the node's message.
    public var revertReason: String?
    /// How many attempts were made before giving up (1 when there was no retry).
    public var attempts: Int
    /// The server's `Retry-After` header in seconds, when it sent one with an HTTP error.
    public var retryAfterSeconds: Double?

    /// Creates an error.
    public init(_ code: Code, _ message: String, method: String? = nil) {
        self.code = code
        self.message = message
        self.method = method
        self.httpStatus = nil
        self.nodeCode = nil
        self.nodeMessage = nil
        self.data = nil
        self.revertData = nil
        self.revertReason = nil
        self.attempts = 1
        self.retryAfterSeconds = nil
    }

    /// Whether this is a revert (of an `eth_call`, `eth_estimateGas` or a mined transaction).
    public var isRevert: Bool { code == .executionReverted }

    /// The revert decoded with a contract's custom errors: `Error(string)`, `Panic(uint256)`, one of
    /// `errors`, or — when the node gave no data — the reason from its message. Nil when this is not
    /// a revert.
    /// - Parameter errors: the contract's custom errors (``ContractABI/errors``).
    public func revert(errors: [ABIErrorDefinition] = []) -> RevertReason? {
        guard isRevert else { return nil }
        if let revertData, !revertData.isEmpty { return RevertReason.decode(revertData, errors: errors) }
        if let revertReason { return .message(revertReason) }
        return .empty
    }

    /// Whether retrying the same request may succeed: transport failures, timeouts, HTTP 429 and
    /// 5xx. Never a revert or any other JSON-RPC error object: the node understood the request.
    public var isRetryable: Bool {
        switch code {
        case .connectionFailed, .timeout, .transport: return true
        case .httpStatus, .rateLimited:
            guard let status = httpStatus else { return false }
            return status == 429 || (500...599).contains(status)
        default: return false
        }
    }

    /// `RPCError.code: message` with the node's code, message and revert details when present.
    public var description: String {
        var text = "RPCError.\(code): \(message)"
        if let method { text += " [method \(method)]" }
        if let httpStatus { text += " [HTTP \(httpStatus)]" }
        if let nodeCode { text += " [node code \(nodeCode)]" }
        if let revertReason { text += " [revert reason \"\(revertReason)\"]" }
        if let revertData { text += " [revert data 0x\(RPCHex.encode(revertData))]" }
        if attempts > 1 { text += " [after \(attempts) attempts]" }
        return text
    }
}
