/// An error from Groth16 setup, proving, verification or key/proof decoding.
///
/// "The proof is invalid" is not an error: ``Verifier/verify(_:publicInputs:)`` returns `false`.
/// Errors are for input that cannot be checked at all (malformed bytes, wrong sizes, corrupt key files)
/// and for a prover asked to prove a false statement.
public struct Groth16Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of Groth16 errors: a struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The witness does not satisfy the circuit: the prover refuses to prove a false statement.
        public static let unsatisfiedWitness = Code("unsatisfiedWitness")
        /// The number of public inputs or variables does not match the key.
        public static let sizeMismatch = Code("sizeMismatch")
        /// Proof bytes that do not decode to valid curve points.
        public static let malformedProof = Code("malformedProof")
        /// A public input that is not a canonical field element.
        public static let malformedPublicInput = Code("malformedPublicInput")
        /// A key file that is truncated, corrupt, of another format version or for another circuit.
        public static let malformedKey = Code("malformedKey")
        /// snarkjs JSON that does not have the expected shape.
        public static let malformedJSON = Code("malformedJSON")
        /// The circuit is too large for the supported FFT domain.
        public static let circuitTooLarge = Code("circuitTooLarge")
        /// The key cannot be exported as a verifier contract (no public inputs, too many, bad header text).
        public static let unsupportedExport = Code("unsupportedExport")
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

    /// `Groth16Error.code: message`.
    public var description: String { "Groth16Error.\(code): \(message)" }
}
