/// A function of a contract ABI: its signature, selector, and call/return encodings.
public struct ABIFunction: Sendable, Hashable {
    /// The name.
    public let name: String
    /// The parameters.
    public let inputs: [ABIParameter]
    /// The return values.
    public let outputs: [ABIParameter]
    /// `pure`, `view`, `nonpayable` or `payable`.
    public let stateMutability: String
    /// The canonical signature, e.g. `completeSessionJob(uint256,string)`.
    public let signature: String
    /// The 4-byte selector (computed once).
    public let selector: [UInt8]

    /// Creates a function description.
    public init(name: String, inputs: [ABIParameter], outputs: [ABIParameter], stateMutability: String) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.stateMutability = stateMutability
        let parsed = ABIFunctionSignature(name: name, inputs: inputs.map(\.type))
        self.signature = parsed.signature
        self.selector = parsed.selector
    }

    /// The call data for `values`: selector followed by the encoded arguments.
    /// - Throws: ``EthereumError/Code/valueMismatch``.
    public func encodeCall(_ values: [ABIValue]) throws -> [UInt8] {
        selector + (try ABICodec.encode(values, as: inputs.map(\.type)))
    }

    /// Decodes the return data of a call (strict).
    /// - Throws: ``EthereumError`` for malformed data.
    public func decodeOutput(_ data: [UInt8]) throws -> [ABIValue] {
        try ABICodec.decode(outputs.map(\.type), from: data)
    }
}
