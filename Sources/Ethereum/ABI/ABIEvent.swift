/// An event of a contract ABI, with log decoding.
public struct ABIEvent: Sendable, Hashable {
    /// The name.
    public let name: String
    /// The parameters, indexed and not, in declaration order.
    public let inputs: [ABIParameter]
    /// Whether the event is anonymous (no topic 0).
    public let anonymous: Bool

    /// Creates an event description.
    public init(name: String, inputs: [ABIParameter], anonymous: Bool = false) {
        self.name = name
        self.inputs = inputs
        self.anonymous = anonymous
    }

    /// The canonical signature, e.g. `SessionTimedOut(uint256,uint256,uint256)`.
    public var signature: String { ABIFunctionSignature(name: name, inputs: inputs.map(\.type)).signature }

    /// Topic 0: Keccak-256 of the signature.
    public var topic: [UInt8] { Keccak256.hash(signature) }

    /// Decodes a log of this event.
    ///
    /// Indexed parameters come from topics 1…; an indexed dynamic type (string, bytes, array, tuple)
    /// is stored only as its Keccak-256, returned as `.fixedBytes` of 32 bytes. The others come from
    /// the data, decoded strictly.
    /// - Parameters:
    ///   - topics: the log's topics (32 bytes each).
    ///   - data: the log's data.
    /// - Returns: one value per input, in declaration order.
    /// - Throws: ``EthereumError/Code/valueMismatch`` when topic 0 or the topic count does not match;
    ///   decoding codes for malformed topics or data.
    public func decodeLog(topics: [[UInt8]], data: [UInt8]) throws -> DecodedEvent {
        var remaining = topics[...]
        if !anonymous {
            guard let first = remaining.popFirst(), first == topic else {
                throw EthereumError(.valueMismatch, "the log's topic 0 is not the topic of \(signature)")
            }
        }
        let indexed = inputs.filter(\.indexed)
        guard remaining.count == indexed.count else {
            throw EthereumError(
                .valueMismatch,
                "\(signature) has \(indexed.count) indexed parameters but the log has \(remaining.count) topics after topic 0"
            )
        }
        var indexedValues: [ABIValue] = []
        for (parameter, topic) in zip(indexed, remaining) {
            guard topic.count == 32 else {
                throw EthereumError(.wrongLength, "a log topic has 32 bytes, got \(topic.count)")
            }
            if parameter.type.isDynamic || isComposite(parameter.type) {
                indexedValues.append(.fixedBytes(topic))
            } else {
                indexedValues.append(try ABICodec.decode([parameter.type], from: topic)[0])
            }
        }
        let dataValues = try ABICodec.decode(inputs.filter { !$0.indexed }.map(\.type), from: data)
        var values: [ABIValue] = []
        var nextIndexed = indexedValues.makeIterator()
        var nextData = dataValues.makeIterator()
        for parameter in inputs {
            if let value = parameter.indexed ? nextIndexed.next() : nextData.next() { values.append(value) }
        }
        return DecodedEvent(event: self, values: values)
    }

    private func isComposite(_ type: ABIType) -> Bool {
        switch type {
        case .tuple, .fixedArray, .array: return true
        default: return false
        }
    }
}
