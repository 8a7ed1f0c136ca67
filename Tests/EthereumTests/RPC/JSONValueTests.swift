import Ethereum
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("parses every JSON kind; integers that fit Int64 stay exact")
    func parsesKinds() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null],"b":"x\"y","max":9223372036854775807,"big":18446744073709551616}"#
        let value = try JSONValue.parse(text)
        #expect(value["a"] == [1, .number(-2500), true, false, nil])
        #expect(value["b"] == "x\"y")
        #expect(value["max"] == .integer(Int64.max))
        #expect(value["big"] == .number(18_446_744_073_709_551_616))
    }

    @Test("decodes escapes, including UTF-16 surrogate pairs (RFC 8259 section 7)")
    func decodesEscapes() throws {
        let value = try JSONValue.parse(#""\u0041\n\t\/\\ \ud834\udd1e é""#)
        #expect(value == .string("A\n\t/\\ \u{1D11E} é"))
    }

    @Test("serialization round-trips and sorts object keys")
    func roundTrips() throws {
        let value: JSONValue = ["z": [1, "two", nil], "a": ["nested": true], "ctl": "line\nbreak\u{01}\"q\""]
        let text = value.description
        #expect(text == #"{"a":{"nested":true},"ctl":"line\nbreak\u0001\"q\"","z":[1,"two",null]}"#)
        #expect(try JSONValue.parse(text) == value)
    }

    @Test(
        "rejects malformed JSON with a typed error",
        arguments: [
            "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"unterminated", "tru", "[1] x", "\"\\x\"",
            "\"\\ud834\"", "{\"a\":1,}", "\"\u{01}\"", "nul", "1e999",
        ])
    func rejectsMalformed(text: String) {
        #expect(throws: RPCError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.code == .invalidJSON)
        }
    }

    @Test("rejects nesting deeper than the limit instead of overflowing the stack")
    func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: RPCError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONValue.parse(fine) }
    }

    @Test("rejects invalid UTF-8 inside strings")
    func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xff, 0xfe, 0x22]
        #expect(throws: RPCError.self) { try JSONValue.parse(bytes) }
    }
}
