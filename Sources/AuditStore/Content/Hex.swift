import Foundation

/// Lower-case hexadecimal for the byte fields of exports and CLI output.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes `bytes` as lower-case hex, with a `0x` prefix when `prefixed`.
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - prefixed: Whether to start with `0x`.
    /// - Returns: The hex text.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes, prefixed: Bool = true) -> String
    where Bytes.Element == UInt8 {
        var output: [UInt8] = prefixed ? [UInt8(ascii: "0"), UInt8(ascii: "x")] : []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes hex text (optional `0x`, either case); nil for odd length or a non-hex character.
    /// - Parameter text: The hex text.
    /// - Returns: The bytes, or nil.
    public static func decode(_ text: String) -> Data? {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: "0x".utf8) || utf8.starts(with: "0X".utf8) { utf8 = utf8.dropFirst(2) }
        guard utf8.count % 2 == 0 else { return nil }
        var output = Data(capacity: utf8.count / 2)
        var high: UInt8?
        for character in utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                output.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return output
    }
}
