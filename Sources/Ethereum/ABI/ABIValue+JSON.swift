/// JSON conversion in the command line's conventions: integers as decimal strings, bytes, `bytesN`
/// and addresses as `0x`-hex strings, bools as `true`/`false`, arrays and tuples as JSON arrays.
extension ABIValue {
    /// The value as JSON.
    public var json: JSONValue {
        switch self {
        case .uint(let number): return .string(number.description)
        case .int(let number): return .string(number.description)
        case .address(let address): return .string(address.checksummed)
        case .bool(let flag): return .bool(flag)
        case .fixedBytes(let bytes), .bytes(let bytes): return .string(Hex.encode(bytes))
        case .string(let text): return .string(text)
        case .array(let values), .tuple(let values): return .array(values.map(\.json))
        }
    }

    /// Reads a value of `type` from JSON. Integers may also be JSON numbers or `0x`-hex strings.
    /// - Throws: ``EthereumError/Code/valueMismatch`` (or a parsing code) naming the type and the JSON.
    public init(json: JSONValue, type: ABIType) throws {
        func mismatch() -> EthereumError {
            EthereumError(.valueMismatch, "JSON \(Hex.preview(json.serialized)) is not a valid \(type)")
        }
        switch (type, json) {
        case (.uint(let bits), .string(let text)):
            self = .uint(try U256(parsing: text))
            guard try uintValue().bitWidth <= bits else {
                throw EthereumError(.valueMismatch, "\(text) does not fit \(type)")
            }
        case (.uint(let bits), .integer(let integer)):
            guard integer >= 0, U256(UInt64(integer)).bitWidth <= bits else { throw mismatch() }
            self = .uint(U256(UInt64(integer)))
        case (.int(let bits), .string(let text)):
            let number = try I256(parsing: text)
            guard number.signedBitWidth <= bits else {
                throw EthereumError(.valueMismatch, "\(text) does not fit \(type)")
            }
            self = .int(number)
        case (.int(let bits), .integer(let integer)):
            guard I256(integer).signedBitWidth <= bits else { throw mismatch() }
            self = .int(I256(integer))
        case (.address, .string(let text)):
            self = .address(try EthereumAddress(parsing: text))
        case (.bool, .bool(let flag)):
            self = .bool(flag)
        case (.fixedBytes(let size), .string(let text)):
            let bytes = try Hex.decode(text, requirePrefix: true)
            guard bytes.count == size else {
                throw EthereumError(.valueMismatch, "\(type) needs exactly \(size) bytes, got \(bytes.count): \(text)")
            }
            self = .fixedBytes(bytes)
        case (.bytes, .string(let text)):
            self = .bytes(try Hex.decode(text, requirePrefix: true))
        case (.string, .string(let text)):
            self = .string(text)
        case (.array(let element), .array(let items)):
            self = .array(try items.map { try ABIValue(json: $0, type: element) })
        case (.fixedArray(let element, let size), .array(let items)):
            guard items.count == size else {
                throw EthereumError(.valueMismatch, "\(type) needs \(size) elements, got \(items.count)")
            }
            self = .array(try items.map { try ABIValue(json: $0, type: element) })
        case (.tuple(let elements), .array(let items)):
            guard items.count == elements.count else {
                throw EthereumError(.valueMismatch, "\(type) needs \(elements.count) components, got \(items.count)")
            }
            self = .tuple(try zip(items, elements).map { try ABIValue(json: $0, type: $1) })
        default:
            throw mismatch()
        }
    }

    /// Reads one value per type from a JSON array.
    /// - Throws: ``EthereumError/Code/valueMismatch`` when the JSON is not an array of the right length.
    public static func values(json: JSONValue, types: [ABIType]) throws -> [ABIValue] {
        guard case .array(let items) = json, items.count == types.count else {
            throw EthereumError(
                .valueMismatch,
                "expected a JSON array of \(types.count) values for (\(types.map(\.description).joined(separator: ",")))"
            )
        }
        return try zip(items, types).map { try ABIValue(json: $0, type: $1) }
    }
}
