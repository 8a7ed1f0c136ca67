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
