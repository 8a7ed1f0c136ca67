/// Reads the human-readable reason out of revert data: Solidity's `Error(string)` (selector
/// `0x08c379a0`) and `Panic(uint256)` (selector `0x4e487b71`). Other data (custom errors) has no
/// generic reason; contract bindings decode those with their ABI.
enum RevertReasonDecoder {
    /// The selector of `Error(string)`.
    static let errorSelector: [UInt8] = [0x08, 0xc3, 0x79, 0xa0]
    /// The selector of `Panic(uint256)`.
    static let panicSelector: [UInt8] = [0x4e, 0x48, 0x7b, 0x71]

    /// The reason string, `Panic(0x11: arithmetic overflow)`-style text, or nil when the data is
    /// neither (or malformed).
    static func reason(of data: [UInt8]) -> String? {
        guard data.count >= 4 else { return nil }
        let selector = Array(data[0..<4])
        let body = Array(data[4...])
        if selector == errorSelector { return decodeErrorString(body) }
        if selector == panicSelector, body.count == 32, body[0..<24].allSatisfy({ $0 == 0 }) {
            let code = body[24...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return "Panic(0x\(String(code, radix: 16)): \(panicMeaning(code)))"
        }
        return nil
    }

    /// ABI-decodes the single `string` argument of `Error(string)`, strictly.
    private static func decodeErrorString(_ body: [UInt8]) -> String? {
        guard body.count >= 64, let offset = word(body, at: 0), offset == 32, let length = word(body, at: 32),
            length <= body.count - 64
        else { return nil }
        let paddedLength = (length + 31) / 32 * 32
        guard 64 + paddedLength == body.count, body[(64 + length)...].allSatisfy({ $0 == 0 }) else { return nil }
        return String(validating: body[64..<(64 + length)], as: UTF8.self)
    }

    /// A 32-byte big-endian word as an Int, or nil when it does not fit.
    private static func word(_ bytes: [UInt8], at offset: Int) -> Int? {
        guard offset + 32 <= bytes.count, bytes[offset..<(offset + 24)].allSatisfy({ $0 == 0 }) else { return nil }
        let value = bytes[(offset + 24)..<(offset + 32)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return value <= UInt64(Int32.max) ? Int(value) : nil
    }

    /// The Solidity documentation's meanings of panic codes.
    static func panicMeaning(_ code: UInt64) -> String {
        switch code {
        case 0x00: return "generic compiler panic"
        case 0x01: return "assertion failed"
        case 0x11: return "arithmetic overflow or underflow"
        case 0x12: return "division or modulo by zero"
        case 0x21: return "conversion to an invalid enum value"
        case 0x22: return "incorrectly encoded storage byte array"
        case 0x31: return "pop on an empty array"
        case 0x32: return "array index out of bounds"
        case 0x41: return "too much memory allocated"
        case 0x51: return "call to a zero-initialised internal function"
        default: return "unknown panic code"
        }
    }
}
