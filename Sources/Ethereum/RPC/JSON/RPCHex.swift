/// Hex text as JSON-RPC uses it: `0x`-prefixed data (an even number of digits) and quantities
/// (`0x0` for zero). Parsing reports what was wrong as an ``RPCError`` (``Hex`` is the general codec).
enum RPCHex {
    /// Lower-case hex digits of `bytes`, without a prefix.
    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String { Hex.encode(bytes, prefix: false) }

    /// `0x` followed by the lower-case hex digits of `bytes`.
    static func prefixed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String { "0x" + encode(bytes) }

    /// The value of one ASCII hex digit, or nil.
    @inline(__always)
    static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Decodes `0x`-prefixed data with an even number of digits (`0x` alone is empty data).
    /// - Parameter what: names the value in the error message.
    static func decodeData(_ text: String, what: String) throws(RPCError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "0"),
            utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
        else {
            throw RPCError(.invalidResponse, "\(what) \"\(clip(text))\" is not 0x-prefixed hex data")
        }
        guard utf8.count % 2 == 0 else {
            throw RPCError(.invalidResponse, "\(what) \"\(clip(text))\" has an odd number of hex digits")
        }
        var out = [UInt8]()
        out.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw RPCError(.invalidResponse, "\(what) \"\(clip(text))\" contains a character that is not hex")
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// The bytes of `text` when it is `0x`-prefixed hex data, or nil when it is anything else (a
    /// probe for optional content such as revert data, not a validation).
    static func dataIfHex(_ text: String) -> [UInt8]? {
        switch Result(catching: { () throws(RPCError) -> [UInt8] in try decodeData(text, what: "data") }) {
        case .success(let bytes): return bytes
        case .failure: return nil
        }
    }

    /// The significant hex digits of a `0x` quantity (`0x0` is zero; leading zeros, which the spec
    /// forbids but some nodes write, are accepted). Returns the digits' values, most significant
    /// first, with zero represented as an empty array.
    static func quantityDigits(_ text: String, what: String) throws(RPCError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 3, utf8[0] == UInt8(ascii: "0"),
            utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X")
        else {
            throw RPCError(.invalidResponse, "\(what) \"\(clip(text))\" is not a 0x-prefixed hex quantity")
        }
        var values: [UInt8] = []
        values.reserveCapacity(utf8.count - 2)
        for character in utf8[2...] {
            guard let value = nibble(character) else {
                throw RPCError(.invalidResponse, "\(what) \"\(clip(text))\" contains a character that is not hex")
            }
            if values.isEmpty && value == 0 { continue }
            values.append(value)
        }
        return values
    }

    /// `text` cut to a length that is safe to put in an error message.
    static func clip(_ text: String, limit: Int = 80) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
