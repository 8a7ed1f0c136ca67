/// An error from the commitment module: Poseidon misuse, malformed hashes or addresses, a statement
/// whose commitment does not match its opening.
///
/// Messages never contain the salt or any other secret of a statement.
public struct CommitmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of commitment errors: a struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Poseidon was given no inputs or more than 16.
        public static let invalidInputCount = Code("invalidInputCount")
        /// Bytes or text of the wrong length or alphabet for a digest or an address.
        public static let malformedValue = Code("malformedValue")
        /// A statement's public commitment is not the Poseidon hash of its opening.
        public static let commitmentMismatch = Code("commitmentMismatch")
        /// A circuit could not be built (a gadget refused its parameters).
        public static let circuitConstruction = Code("circuitConstruction")
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

    /// `CommitmentError.code: message`.
    public var description: String { "CommitmentError.\(code): \(message)" }
}
