import Ethereum

/// A failure the MockChain reports to a JSON-RPC client: geth's error code, message and data.
///
/// `code` is the JSON-RPC error code (-32000 for rejected transactions and chain errors, 3 for
/// reverts, -32602 for bad parameters, -32601 for unknown methods), `message` the text geth would
/// send, `data` the optional `0x`-hex payload (revert data).
public struct MockChainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is, for programmatic matching.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The kind's name.
        public let name: String
        /// Creates a kind.
        public init(_ name: String) { self.name = name }
        /// The kind's name.
        public var description: String { name }

        /// A transaction the pool refused (nonce, fee, balance, chain id, signature, gas).
        public static let rejected = Kind("rejected")
        /// A call or estimate whose execution reverted.
        public static let reverted = Kind("reverted")
        /// A call that failed for another reason (out of gas, insufficient funds).
        public static let executionFailed = Kind("executionFailed")
        /// A parameter that is missing or malformed.
        public static let invalidParams = Kind("invalidParams")
        /// A method the MockChain does not serve.
        public static let methodNotFound = Kind("methodNotFound")
        /// A request envelope that is not JSON-RPC 2.0.
        public static let invalidRequest = Kind("invalidRequest")
        /// A body that is not JSON.
        public static let parseError = Kind("parseError")
        /// A block, snapshot or other object that does not exist.
        public static let notFound = Kind("notFound")
    }

    /// The kind of failure.
    public var kind: Kind
    /// The JSON-RPC error code sent to the client.
    public var rpcCode: Int
    /// The message sent to the client (geth's wording where geth has one).
    public var message: String
    /// The `data` member sent to the client (`0x`-hex), if any.
    public var data: String?

    /// Creates an error.
    public init(_ kind: Kind, rpcCode: Int, _ message: String, data: String? = nil) {
        self.kind = kind
        self.rpcCode = rpcCode
        self.message = message
        self.data = data
    }

    /// A transaction rejected by the pool: code -32000 and geth's message.
    public static func rejected(_ message: String) -> MockChainError {
        MockChainError(.rejected, rpcCode: -32000, message)
    }

    /// A chain error that is not a rejection (unknown block, bad range): code -32000.
    public static func chain(_ message: String, kind: Kind = .notFound) -> MockChainError {
        MockChainError(kind, rpcCode: -32000, message)
    }

    /// A malformed parameter: code -32602.
    public static func invalidParams(_ message: String) -> MockChainError {
        MockChainError(.invalidParams, rpcCode: -32602, "invalid argument: \(message)")
    }

    /// geth's revert error: code 3, `execution reverted[: reason]`, data = the raw revert bytes.
    public static func reverted(_ revertData: [UInt8]) -> MockChainError {
        var message = "execution reverted"
        if case .message(let reason) = RevertReason.decode(revertData) { message += ": \(reason)" }
        return MockChainError(.reverted, rpcCode: 3, message, data: Hex.encode(revertData))
    }

    /// The error object of a JSON-RPC response.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["code": .integer(Int64(rpcCode)), "message": .string(message)]
        if let data { object["data"] = .string(data) }
        return .object(object)
    }

    /// `MockChainError.<kind> (<code>): <message>`.
    public var description: String { "MockChainError.\(kind) (\(rpcCode)): \(message)" }
}
