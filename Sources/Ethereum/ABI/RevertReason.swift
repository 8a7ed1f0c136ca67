/// Why a call reverted, decoded from its revert data.
public enum RevertReason: Sendable, Hashable, CustomStringConvertible {
    /// No revert data (`revert()` or `require(cond)` without a message, or out of gas).
    case empty
    /// `Error(string)` (selector 0x08c379a0): a `require`/`revert` message.
    case message(String)
    /// `Panic(uint256)` (selector 0x4e487b71): an assertion-class failure with its code.
    case panic(U256)
    /// A custom error from the contract ABI, with its decoded arguments.
    case custom(ABIErrorDefinition, [ABIValue])
    /// Data that matches no known error (kept verbatim).
    case unknown([UInt8])

    /// The selector of `Error(string)`.
    public static let errorSelector: [UInt8] = [0x08, 0xC3, 0x79, 0xA0]
    /// The selector of `Panic(uint256)`.
    public static let panicSelector: [UInt8] = [0x4E, 0x48, 0x7B, 0x71]

    /// Decodes revert data, trying `Error(string)`, `Panic(uint256)`, then the custom errors given.
    /// Data with a known selector but a malformed body is ``unknown(_:)`` (never a crash).
    /// - Parameters:
    ///   - data: the revert data (from `eth_call`'s error data or a trace).
    ///   - errors: the contract's custom errors.
    /// - Returns: the reason.
    public static func decode(_ data: [UInt8], errors: [ABIErrorDefinition] = []) -> RevertReason {
        guard !data.isEmpty else { return .empty }
        guard data.count >= 4 else { return .unknown(data) }
        let selector = Array(data[0..<4])
        let body = Array(data[4...])
        do {
            if selector == errorSelector, case .string(let text) = try ABICodec.decode([.string], from: body)[0] {
                return .message(text)
            }
            if selector == panicSelector, case .uint(let code) = try ABICodec.decode([.uint(256)], from: body)[0] {
                return .panic(code)
            }
            if let error = errors.first(where: { $0.selector == selector }) {
                return .custom(error, try ABICodec.decode(error.inputs.map(\.type), from: body))
            }
        } catch {
            return .unknown(data)
        }
        return .unknown(data)
    }

    /// What a `Panic` code means (Solidity documentation, "Panic via assert and Error via require").
    public static func panicMeaning(_ code: U256) -> String {
        switch code.uint64 {
        case 0x00: return "generic compiler-inserted panic"
        case 0x01: return "assert failed"
        case 0x11: return "arithmetic overflow or underflow"
        case 0x12: return "division or modulo by zero"
        case 0x21: return "conversion to an invalid enum value"
        case 0x22: return "incorrectly encoded storage byte array"
        case 0x31: return "pop() on an empty array"
        case 0x32: return "array index out of bounds"
        case 0x41: return "too much memory allocated"
        case 0x51: return "call to a zero-initialised internal function"
        default: return "unknown panic code"
        }
    }

    /// A human-readable reason, e.g. `Not host` or `Panic(0x11: arithmetic overflow or underflow)`.
    public var description: String {
        switch self {
        case .empty: return "reverted without data"
        case .message(let text): return text
        case .panic(let code): return "Panic(\(code.hexQuantity): \(Self.panicMeaning(code)))"
        case .custom(let error, let values):
            return error.name + "(" + values.map(\.json.serialized).joined(separator: ", ") + ")"
        case .unknown(let data): return "unknown revert data \(Hex.encode(data))"
        }
    }
}
