/// An error from the proof system around the checkpoint circuit: key files, configuration, proof
/// generation and envelope decoding.
///
/// A proof that does not verify is not an error: ``CheckpointVerifier`` returns a
/// ``VerificationVerdict`` with the reasons. Errors are for things that cannot be checked at all
/// (missing or corrupt key files, malformed envelopes) and for configuration mistakes. Messages name the
/// file involved and say what to run; they never contain a salt.
public struct ProofSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of proof-system errors: a struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name (also the `kind` dimension of the error metric).
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A key file does not exist or cannot be read.
        public static let keyFileMissing = Code("keyFileMissing")
        /// A key file is truncated, corrupt, of another format version or has invalid points.
        public static let keyFileCorrupt = Code("keyFileCorrupt")
        /// A key file is valid but was made for another circuit.
        public static let keyCircuitMismatch = Code("keyCircuitMismatch")
        /// A key file already exists and `--force` was not given.
        public static let keyFileExists = Code("keyFileExists")
        /// Writing a key file failed.
        public static let keyFileWrite = Code("keyFileWrite")
        /// Writing a file (an export, an opening) failed.
        public static let fileWrite = Code("fileWrite")
        /// The configuration (environment variables or flags) is invalid; ``problems`` lists each problem.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The statement could not be proven (its witness does not satisfy the circuit, or the prover failed).
        public static let provingFailed = Code("provingFailed")
        /// An envelope (JSON or binary) that does not have the expected shape or values.
        public static let malformedEnvelope = Code("malformedEnvelope")
        /// A model file could not be read for hashing.
        public static let modelFileUnreadable = Code("modelFileUnreadable")
        /// The requested backend is not enabled (the mock backend outside dev mode).
        public static let backendDisabled = Code("backendDisabled")
    }

    /// What kind of error this is.
    public let code: Code
    /// What was wrong and what to do.
    public let message: String
    /// The file concerned, when there is one.
    public let file: String?
    /// Every individual problem, for configuration errors (empty otherwise).
    public let problems: [String]

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, problems: [String] = []) {
        self.code = code
        self.message = message
        self.file = file
        self.problems = problems
    }

    /// `ProofSystemError.code: message`, followed by the problems one per line.
    public var description: String {
        let head = "ProofSystemError.\(code): \(message)"
        return problems.isEmpty ? head : ([head] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}
