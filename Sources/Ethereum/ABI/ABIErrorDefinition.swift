/// A custom error of a contract ABI (`error InsufficientBalance(uint256 available)`).
public struct ABIErrorDefinition: Sendable, Hashable {
    /// The name.
    public let name: String
    /// The parameters.
    public let inputs: [ABIParameter]

    /// Creates an error description.
    public init(name: String, inputs: [ABIParameter]) {
        self.name = name
        self.inputs = inputs
    }

    /// The canonical signature.
    public var signature: String { ABIFunctionSignature(name: name, inputs: inputs.map(\.type)).signature }

    /// The 4-byte selector that starts its revert data.
    public var selector: [UInt8] { ABIFunctionSignature(name: name, inputs: inputs.map(\.type)).selector }
}
