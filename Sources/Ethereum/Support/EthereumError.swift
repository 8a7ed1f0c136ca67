/// An error from the Ethereum module: malformed hex, RLP, ABI data, keys, signatures or transactions.
///
/// The ``code`` tells what kind of problem it is (and can be matched on); the ``message`` says what
/// was wrong with the input and what a valid input looks like. Messages never contain private keys.
public struct EthereumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of Ethereum errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Text that is not valid hexadecimal (or lacks a required `0x`).
        public static let invalidHex = Code("invalidHex")
        /// Text that is not a valid number, or a number out of range for its type.
        public static let invalidNumber = Code("invalidNumber")
        /// Input of the wrong byte length.
        public static let wrongLength = Code("wrongLength")
        /// Input that ends before the structure it describes.
        public static let truncated = Code("truncated")
        /// An RLP or ABI encoding that is valid in shape but not the canonical (shortest, clean) form.
        public static let nonCanonical = Code("nonCanonical")
        /// Bytes left over after a complete item.
        public static let trailingBytes = Code("trailingBytes")
        /// An RLP item of the wrong kind (a list where bytes were expected, or the reverse).
        public static let unexpectedItem = Code("unexpectedItem")
        /// Nesting deeper than the decoder accepts.
        public static let tooDeep = Code("tooDeep")
        /// An ABI type string that does not parse.
        public static let invalidType = Code("invalidType")
        /// An ABI value that does not fit its type.
        public static let valueMismatch = Code("valueMismatch")
        /// ABI data whose offset points outside the data.
        public static let offsetOutOfRange = Code("offsetOutOfRange")
        /// A length that overflows or exceeds the data.
        public static let lengthOverflow = Code("lengthOverflow")
        /// Non-zero bytes where the ABI requires zero padding (or a bool other than 0 and 1).
        public static let dirtyPadding = Code("dirtyPadding")
        /// Bytes that are not valid UTF-8 where a string is expected.
        public static let invalidUTF8 = Code("invalidUTF8")
        /// An address whose mixed-case spelling does not match its EIP-55 checksum.
        public static let badChecksum = Code("badChecksum")
        /// A private key that is missing, malformed or outside the secp256k1 range.
        public static let invalidPrivateKey = Code("invalidPrivateKey")
        /// A key file readable by group or others.
        public static let insecureKeyFile = Code("insecureKeyFile")
        /// A key file that cannot be read.
        public static let unreadableKeyFile = Code("unreadableKeyFile")
        /// A signature that is malformed or from which no public key can be recovered.
        public static let invalidSignature = Code("invalidSignature")
        /// A transaction that is malformed or of an unknown type.
        public static let invalidTransaction = Code("invalidTransaction")
        /// JSON of the wrong shape.
        public static let invalidJSON = Code("invalidJSON")
        /// A contract ABI entry (function, event, error) that is not present.
        public static let notFound = Code("notFound")
        /// An internal libsecp256k1 failure.
        public static let cryptoFailure = Code("cryptoFailure")
    }

    /// What kind of error this is.
    public let code: Code
    /// What was wrong and what is expected.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `EthereumError.code: message`.
    public var description: String { "EthereumError.\(code): \(message)" }
}
