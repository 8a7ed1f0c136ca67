/// An error from the R1CS layer: an unsatisfied constraint, an assignment of the wrong shape,
/// or a gadget asked for something it cannot do.
public struct R1CSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of R1CS errors: a struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A constraint a·b = c does not hold for the assignment.
        public static let unsatisfied = Code("unsatisfied")
        /// The assignment's size differs from the system's variable count, or its first value is not one.
        public static let malformedAssignment = Code("malformedAssignment")
        /// A gadget parameter out of its supported range (e.g. more than 253 bits).
        public static let invalidParameter = Code("invalidParameter")
        /// A variable that belongs to another system (its index is out of range).
        public static let unknownVariable = Code("unknownVariable")
    }

    /// What kind of error this is.
    public let code: Code
    /// What was wrong and what is expected.
    public let message: String
    /// The index of the first failing constraint, for `.unsatisfied`.
    public let constraintIndex: Int?
    /// That constraint's annotation, when it has one.
    public let annotation: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, constraintIndex: Int? = nil, annotation: String? = nil) {
        self.code = code
        self.message = message
        self.constraintIndex = constraintIndex
        self.annotation = annotation
    }

    /// `R1CSError.code: message`.
    public var description: String { "R1CSError.\(code): \(message)" }
}
