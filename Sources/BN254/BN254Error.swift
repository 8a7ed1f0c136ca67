/// An error from the BN254 module: malformed encodings, values out of range, points off the curve.
///
/// The ``code`` tells what kind of problem it is (and can be matched on); the ``message`` says what
/// was wrong with the input and what a valid input looks like.
public struct BN254Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of BN254 errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Input of the wrong byte length.
        public static let wrongLength = Code("wrongLength")
        /// A field element encoding whose value is not below the modulus.
        public static let nonCanonical = Code("nonCanonical")
        /// Text that is not a valid number.
        public static let invalidNumber = Code("invalidNumber")
        /// A point whose coordinates do not satisfy the curve equation.
        public static let notOnCurve = Code("notOnCurve")
        /// A G2 point outside the order-r subgroup.
        public static let notInSubgroup = Code("notInSubgroup")
        /// A compressed encoding with invalid flag bits or no square root.
        public static let invalidCompression = Code("invalidCompression")
        /// A value that has no inverse or square root where one is required.
        public static let noInverse = Code("noInverse")
        /// Inputs whose sizes do not match each other.
        public static let sizeMismatch = Code("sizeMismatch")
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

    /// `BN254Error.code: message`.
    public var description: String { "BN254Error.\(code): \(message)" }
}
