/// A named, typed parameter of a function, event or error in a contract ABI.
public struct ABIParameter: Sendable, Hashable {
    /// The parameter's name (may be empty).
    public let name: String
    /// The parameter's type.
    public let type: ABIType
    /// Whether an event parameter is indexed (stored in a topic rather than in the data).
    public let indexed: Bool

    /// Creates a parameter.
    public init(name: String, type: ABIType, indexed: Bool = false) {
        self.name = name
        self.type = type
        self.indexed = indexed
    }
}
