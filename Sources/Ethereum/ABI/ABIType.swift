/// A Solidity ABI type (ABI specification v2): the elementary types, arrays and tuples.
///
/// Parse from text with ``init(parsing:)`` (`uint256`, `bytes32[]`, `(uint256,(bytes,string)[])`);
/// ``description`` gives the canonical spelling used in signatures (`uint` becomes `uint256`).
public indirect enum ABIType: Sendable, Hashable, CustomStringConvertible {
    /// `uintN`, N a multiple of 8 in 8…256.
    case uint(Int)
    /// `intN`, N a multiple of 8 in 8…256.
    case int(Int)
    /// `address`: 20 bytes.
    case address
    /// `bool`.
    case bool
    /// `bytesN`, N in 1…32.
    case fixedBytes(Int)
    /// `bytes`: a dynamic byte string.
    case bytes
    /// `string`: dynamic UTF-8 text.
    case string
    /// `T[]`: a dynamic array.
    case array(ABIType)
    /// `T[k]`: a fixed-size array, k ≥ 1 (Solidity has no zero-length fixed arrays).
    case fixedArray(ABIType, Int)
    /// `(T1,…,Tn)`: a tuple (a Solidity struct).
    case tuple([ABIType])

    /// The canonical type string, as hashed into selectors and event topics.
    public var description: String {
        switch self {
        case .uint(let bits): return "uint\(bits)"
        case .int(let bits): return "int\(bits)"
        case .address: return "address"
        case .bool: return "bool"
        case .fixedBytes(let count): return "bytes\(count)"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array(let element): return "\(element)[]"
        case .fixedArray(let element, let count): return "\(element)[\(count)]"
        case .tuple(let elements): return "(" + elements.map(\.description).joined(separator: ",") + ")"
        }
    }

    /// Whether the encoding has a dynamic size (and is therefore referenced by an offset in its parent).
    public var isDynamic: Bool {
        switch self {
        case .bytes, .string, .array: return true
        case .fixedArray(let element, _): return element.isDynamic
        case .tuple(let elements): return elements.contains { $0.isDynamic }
        default: return false
        }
    }

    /// The number of bytes this type occupies in its parent's head: 32 for dynamic types (an offset),
    /// the full static encoding size otherwise (saturating at `Int.max` for absurd fixed-array sizes).
    public var headSize: Int {
        if isDynamic { return 32 }
        switch self {
        case .fixedArray(let element, let count):
            let (size, overflow) = element.headSize.multipliedReportingOverflow(by: count)
            return overflow ? Int.max : size
        case .tuple(let elements):
            var total = 0
            for element in elements {
                let (sum, overflow) = total.addingReportingOverflow(element.headSize)
                total = overflow ? Int.max : sum
            }
            return total
        default: return 32
        }
    }
}
