/// Hexadecimal encoding and decoding of byte strings, the way Ethereum tools write them.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`, with a `0x` prefix unless `prefix` is false.
    /// - Parameters:
    ///   - bytes: the bytes to encode.
    ///   - prefix: whether to start with `0x`.
    /// - Returns: the hex text.
    public static func encode(_ bytes: some Sequence<UInt8>, prefix: Bool = true) -> String {
        var out: [UInt8] = prefix ? [0x30, 0x78] : []
        out.reserveCapacity(out.count + bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex text (an optional `0x`/`0X` prefix, an even number of digits of either case).
    /// - Parameters:
    ///   - text: the hex text.
    ///   - requirePrefix: whether a missing `0x` is an error.
    /// - Returns: the bytes.
    /// - Throws: ``EthereumError/Code/invalidHex`` for odd lengths or non-hex characters.
    public static func decode(_ text: String, requirePrefix: Bool = false) throws -> [UInt8] {
        var utf8 = Array(text.utf8)
        if utf8.count >= 2, utf8[0] == 0x30, utf8[1] == 0x78 || utf8[1] == 0x58 {
            utf8.removeFirst(2)
        } else if requirePrefix {
            throw EthereumError(.invalidHex, "hex must start with 0x, got \(preview(text))")
        }
        guard utf8.count % 2 == 0 else {
            throw EthereumError(.invalidHex, "hex has an odd number of digits (\(utf8.count)): \(preview(text))")
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else {
                throw EthereumError(.invalidHex, "not a hex digit at position \(index): \(preview(text))")
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// The value of one hex digit, or nil.
    static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case 0x30...0x39: return character - 0x30
        case 0x61...0x66: return character - 0x61 + 10
        case 0x41...0x46: return character - 0x41 + 10
        default: return nil
        }
    }

    /// The first characters of `text`, for error messages about public data.
    static func preview(_ text: String) -> String {
        text.count <= 80 ? "'\(text)'" : "'\(text.prefix(77))...'"
    }
}
