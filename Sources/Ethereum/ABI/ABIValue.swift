/// A Solidity ABI value: what ``ABICodec`` encodes and decodes.
///
/// Values do not carry their exact type (`uint8` and `uint256` are both ``uint(_:)``): encoding takes
/// the ``ABIType`` alongside and checks that each value fits it.
public indirect enum ABIValue: Sendable, Hashable {
    /// An unsigned integer (`uintN`).
    case uint(U256)
    /// A signed integer (`intN`).
    case int(I256)
    /// An `address`.
    case address(EthereumAddress)
    /// A `bool`.
    case bool(Bool)
    /// A `bytesN` value: exactly N bytes.
    case fixedBytes([UInt8])
    /// A dynamic `bytes` value.
    case bytes([UInt8])
    /// A `string`.
    case string(String)
    /// The elements of `T[]` or `T[k]`.
    case array([ABIValue])
    /// The components of a tuple.
    case tuple([ABIValue])

    /// The unsigned integer, or ``EthereumError/Code/valueMismatch``.
    public func uintValue() throws -> U256 {
        guard case .uint(let value) = self else { throw mismatch("uint") }
        return value
    }

    /// The signed integer, or ``EthereumError/Code/valueMismatch``.
    public func intValue() throws -> I256 {
        guard case .int(let value) = self else { throw mismatch("int") }
        return value
    }

    /// The address, or ``EthereumError/Code/valueMismatch``.
    public func addressValue() throws -> EthereumAddress {
        guard case .address(let value) = self else { throw mismatch("address") }
        return value
    }

    /// The bool, or ``EthereumError/Code/valueMismatch``.
    public func boolValue() throws -> Bool {
        guard case .bool(let value) = self else { throw mismatch("bool") }
        return value
    }

    /// The bytes of a `bytes` or `bytesN` value, or ``EthereumError/Code/valueMismatch``.
    public func bytesValue() throws -> [UInt8] {
        switch self {
        case .bytes(let value), .fixedBytes(let value): return value
        default: throw mismatch("bytes")
        }
    }

    /// The string, or ``EthereumError/Code/valueMismatch``.
    public func stringValue() throws -> String {
        guard case .string(let value) = self else { throw mismatch("string") }
        return value
    }

    /// The elements of an array or the components of a tuple, or ``EthereumError/Code/valueMismatch``.
    public func elements() throws -> [ABIValue] {
        switch self {
        case .array(let values), .tuple(let values): return values
        default: throw mismatch("array or tuple")
        }
    }

    private func mismatch(_ expected: String) -> EthereumError {
        EthereumError(.valueMismatch, "expected an ABI \(expected) value, found \(kind)")
    }

    /// A short name of the value's case, for error messages.
    var kind: String {
        switch self {
        case .uint: return "uint"
        case .int: return "int"
        case .address: return "address"
        case .bool: return "bool"
        case .fixedBytes(let bytes): return "bytes\(bytes.count)"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array(let values): return "array of \(values.count)"
        case .tuple(let values): return "tuple of \(values.count)"
        }
    }
}
