/// An error from a trusted-setup ceremony: a malformed file, or a transcript that fails a check.
///
/// Every rejection names where it happened: the file, the section, the element, and for transcript checks
/// the contribution (1-based, in ceremony order) and the check that failed.
public struct CeremonyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of ceremony errors: a struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A file that is truncated, of another format, or whose structure is inconsistent.
        public static let malformedFile = Code("malformedFile")
        /// A point that is not canonical, not on its curve, outside the G2 subgroup, or the identity.
        public static let invalidPoint = Code("invalidPoint")
        /// A contribution's proof of knowledge or its link to the previous state does not hold.
        public static let invalidContribution = Code("invalidContribution")
        /// The accumulated state is not a consistent set of powers (batched check failed).
        public static let inconsistentState = Code("inconsistentState")
        /// The hash chain of the transcript is broken.
        public static let brokenHashChain = Code("brokenHashChain")
        /// A beacon contribution does not match the values derived from its announced beacon.
        public static let beaconMismatch = Code("beaconMismatch")
        /// A phase-2 key has no real contribution (δ = 1), so its setup randomness is public.
        public static let noContribution = Code("noContribution")
        /// A phase-2 key that is not the key the circuit and phase 1 determine.
        public static let circuitMismatch = Code("circuitMismatch")
        /// A parameter (power, circuit size, iteration count) outside what is supported.
        public static let unsupported = Code("unsupported")
        /// A file could not be read or written.
        public static let fileSystem = Code("fileSystem")
    }

    /// What kind of error this is.
    public let code: Code
    /// What was wrong and what to do.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `CeremonyError.code: message`.
    public var description: String { "CeremonyError.\(code): \(message)" }
}
