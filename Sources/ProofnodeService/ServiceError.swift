/// An error from the service layer: configuration, start-up, readiness, and the HTTP API.
///
/// The ``code`` says what kind of problem it is; the ``message`` says what is wrong and what to do;
/// ``problems`` lists every individual problem when there are several (an invalid configuration lists
/// all of them at once). Messages never contain secrets: configuration values that are secrets are
/// named, never printed.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of service errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The configuration file or environment is invalid; ``ServiceError/problems`` lists every problem.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The configuration file cannot be read or is not a JSON object.
        public static let configurationUnreadable = Code("configurationUnreadable")
        /// The proof keys are missing or invalid and could not be generated.
        public static let keysUnavailable = Code("keysUnavailable")
        /// The audit store cannot be opened or written.
        public static let storeUnavailable = Code("storeUnavailable")
        /// The chain does not answer, or answers with another chain id.
        public static let chainUnavailable = Code("chainUnavailable")
        /// The HTTP server could not start (e.g. the port is in use).
        public static let serverStartFailed = Code("serverStartFailed")
        /// A bearer token could not be made.
        public static let tokenGenerationFailed = Code("tokenGenerationFailed")
    }

    /// What kind of error this is.
    public let code: Code
    /// What is wrong and what to do.
    public let message: String
    /// Every individual problem (configuration errors), in the order found.
    public let problems: [String]

    /// Creates an error.
    public init(_ code: Code, _ message: String, problems: [String] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    /// `ServiceError.code: message`, then one line per problem.
    public var description: String {
        (["ServiceError.\(code): \(message)"] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}
