/// A value identified by a stable name stored as text: the store's extensible statuses and audit
/// event kinds. Conforming types declare `name` and `init(_:)`; the description and the Codable
/// form (the bare name as a single JSON string) come from here.
public protocol NamedValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value's stable name.
    var name: String { get }
    /// Creates a value from its name.
    init(_ name: String)
}

extension NamedValue {
    /// The value's name.
    public var description: String { name }

    /// Decodes from its name.
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

    /// Encodes as its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
