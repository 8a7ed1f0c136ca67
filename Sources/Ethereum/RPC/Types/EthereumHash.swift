/// A 32-byte hash as JSON-RPC exchanges them: transaction and block hashes, log topics.
public struct EthereumHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes.
    /// - Throws: ``EthereumError/Code/wrongLength`` for any other length.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else {
            throw EthereumError(.wrongLength, "a hash has 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses `0x` and 64 hex digits.
    /// - Throws: ``EthereumError`` for other text.
    public init(parsing text: String) throws {
        try self.init(bytes: try Hex.decode(text, requirePrefix: true))
    }

    /// A hash that is known to be 32 bytes.
    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// `0x` and 64 lower-case hex digits.
    public var hex: String { Hex.encode(bytes) }

    /// `0x` and 64 lower-case hex digits.
    public var description: String { hex }

    /// The hash as a JSON string.
    public var json: JSONValue { .string(hex) }
}
