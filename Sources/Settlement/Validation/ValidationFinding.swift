/// One reason a checkpoint (or a session) fails validation: a stable code and a message that says what
/// was compared. Findings never contain a salt or a key.
public struct ValidationFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of finding; a struct over names so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        /// - Parameter name: The stable name.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Decodes the bare name.
        /// - Parameter decoder: The decoder.
        public init(from decoder: any Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }

        /// Encodes the bare name.
        /// - Parameter encoder: The encoder.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }

        /// The stored envelope does not decode.
        public static let malformedEnvelope = Code("malformedEnvelope")
        /// The stored proof bytes are not what the stored `proofHash` names (the bytes were altered).
        public static let proofHashMismatch = Code("proofHashMismatch")
        /// The envelope's proof, key or backend differs from the stored proof record.
        public static let envelopeMismatch = Code("envelopeMismatch")
        /// The proof names a verifying key the key manager does not know.
        public static let unknownKey = Code("unknownKey")
        /// A mock proof outside dev mode (or a mock proof that does not match its inputs).
        public static let mockProof = Code("mockProof")
        /// The proof bytes are not a Groth16 proof.
        public static let malformedProof = Code("malformedProof")
        /// The Groth16 proof does not verify for the session's public inputs.
        public static let invalidProof = Code("invalidProof")
        /// A public input differs from the session (job, host, checkpoint index, tokens) or the envelope.
        public static let publicInputMismatch = Code("publicInputMismatch")
        /// A hash recomputed from the stored result text differs from the stored or proven hash.
        public static let resultHashMismatch = Code("resultHashMismatch")
        /// The commitment does not open to the stored hashes and salt.
        public static let commitmentMismatch = Code("commitmentMismatch")
        /// The checkpoint has no stored proof or result.
        public static let missingRecord = Code("missingRecord")
        /// No `ProofSubmitted` log on chain carries the stored `proofHash`.
        public static let proofNotOnChain = Code("proofNotOnChain")
        /// The chain's `ProofSubmitted` log claims other tokens (or another host) than the store.
        public static let chainClaimMismatch = Code("chainClaimMismatch")
        /// A `ProofSubmitted` log of the session whose `proofHash` the store does not hold.
        public static let unknownProofOnChain = Code("unknownProofOnChain")
        /// The session has no checkpoint to settle.
        public static let noCheckpoints = Code("noCheckpoints")
        /// The required on-chain verifier (`settlement.require_onchain_verifier`) returned false for the
        /// proof, reverted, or cannot take it: the chain would refuse the proof.
        public static let onChainVerifierRejected = Code("onChainVerifierRejected")
        /// The session's stored terms cannot be checked (e.g. a host that is not an address).
        public static let invalidSession = Code("invalidSession")
    }

    /// The kind.
    public var code: Code
    /// What was compared and what differed.
    public var message: String

    /// Creates a finding.
    /// - Parameters:
    ///   - code: The kind.
    ///   - message: What differed.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

/// Whether a checkpoint's result text could be hashed again.
public enum ResultTextStatus: String, Sendable, Hashable, Codable {
    /// The stored text was hashed again and compared.
    case verified
    /// The retention policy purged the text; only the stored hashes were compared.
    case purgedByRetention
    /// The text was never kept; only the stored hashes were compared.
    case notKept
}
