import Ethereum
import Testing

@Suite("ABI: strict decoding of malformed data")
struct ABIStrictnessTests {
    static func word(_ hexDigits: String) -> [UInt8] {
        let digits = String(repeating: "0", count: 64 - hexDigits.count) + hexDigits
        return hex(digits)
    }

    static func code(_ types: String, _ data: [UInt8]) -> EthereumError.Code? {
        do {
            _ = try ABICodec.decode(try ABIType.parseList(types), from: data)
            return nil
        } catch let error as EthereumError {
            return error.code
        } catch { return nil }
    }

    @Test("dirty high bytes in uintN, address, bool; bad sign extension in intN")
    func dirtyHighBytes() {
        #expect(Self.code("(uint8)", Self.word("1ff")) == .dirtyPadding)
        #expect(Self.code("(uint8)", Self.word("ff")) == nil)
        #expect(Self.code("(uint256)", Self.word("f" + String(repeating: "0", count: 63))) == nil)
        #expect(Self.code("(address)", Self.word("1" + String(repeating: "0", count: 40))) == .dirtyPadding)
        #expect(Self.code("(bool)", Self.word("2")) == .dirtyPadding)
        #expect(Self.code("(bool)", Self.word("100")) == .dirtyPadding)
        #expect(Self.code("(int8)", Self.word("80")) == .dirtyPadding)  // +128 does not fit int8
        #expect(Self.code("(int8)", Self.word(String(repeating: "f", count: 62) + "80")) == nil)  // -128
        #expect(Self.code("(int16)", Self.word(String(repeating: "f", count: 60) + "0080")) == .dirtyPadding)
    }

    @Test("dirty tails of bytesN and of dynamic bytes")
    func dirtyTails() {
        #expect(Self.code("(bytes1)", hex("0x0101" + String(repeating: "00", count: 30))) == .dirtyPadding)
        let goodBytes = Self.word("20") + Self.word("1") + hex("0xab" + String(repeating: "00", count: 31))
        #expect(Self.code("(bytes)", goodBytes) == nil)
        var dirty = goodBytes
        dirty[dirty.count - 1] = 1
        #expect(Self.code("(bytes)", dirty) == .dirtyPadding)
        let missingPadding = Self.word("20") + Self.word("1") + [0xAB]
        #expect(Self.code("(bytes)", missingPadding) == .truncated)
    }

    @Test("offsets and lengths out of range, huge lengths, truncation, bad UTF-8")
    func offsetsAndLengths() {
        #expect(Self.code("(bytes)", Self.word("40")) == .offsetOutOfRange)
        #expect(Self.code("(bytes)", Self.word("ffffffffffffffffffffffffffffffff")) == .offsetOutOfRange)
        #expect(Self.code("(uint256[])", Self.word("20") + Self.word("ffffffff")) == .lengthOverflow)
        #expect(Self.code("(uint256[])", Self.word("20") + Self.word("2") + Self.word("1")) == .lengthOverflow)
        #expect(
            Self.code("(uint256[])", Self.word("20") + Self.word(String(repeating: "f", count: 64))) == .lengthOverflow)
        #expect(Self.code("(uint256,uint256)", Self.word("1")) == .truncated)
        #expect(Self.code("(uint256[999999999])", Self.word("1")) == .truncated)
        #expect(
            Self.code("(string)", Self.word("20") + Self.word("1") + hex("0xff" + String(repeating: "00", count: 31)))
                == .invalidUTF8)
        #expect(Self.code("(uint256)", []) == .truncated)
    }

    @Test("every truncation and every single-byte corruption of valid encodings never crashes")
    func fuzzCorruptions() throws {
        let types = try ABIType.parseList("(uint256,(bytes,string)[],bytes32,int8,bool,address[2],string)")
        let values: [ABIValue] = [
            .uint(U256(7)),
            .array([.tuple([.bytes([1, 2, 3]), .string("hello")]), .tuple([.bytes([]), .string("é")])]),
            .fixedBytes([UInt8](repeating: 9, count: 32)), .int(I256(-5)), .bool(true),
            .array([.address(.zero), .address(try EthereumAddress(bytes: [UInt8](repeating: 0xAB, count: 20)))]),
            .string(String(repeating: "x", count: 40)),
        ]
        let encoded = try ABICodec.encode(values, as: types)
        #expect(try ABICodec.decode(types, from: encoded) == values)
        for cut in 0..<encoded.count where cut % 7 == 0 {
            #expect(throws: EthereumError.self) { _ = try ABICodec.decode(types, from: Array(encoded[0..<cut])) }
        }
        for index in 0..<encoded.count {
            var corrupted = encoded
            corrupted[index] ^= 0x80
            do {
                let decoded = try ABICodec.decode(types, from: corrupted)
                // Anything accepted must re-encode to a valid encoding of the same types.
                _ = try ABICodec.encode(decoded, as: types)
            } catch let error as EthereumError {
                _ = error.code
            }
        }
    }

    @Test("values that do not fit their types are encoding errors")
    func encodingMismatches() throws {
        #expect(throws: EthereumError.self) { try ABICodec.encode([.uint(U256(256))], as: [.uint(8)]) }
        #expect(throws: EthereumError.self) { try ABICodec.encode([.int(I256(-129))], as: [.int(8)]) }
        #expect(throws: EthereumError.self) { try ABICodec.encode([.fixedBytes([1])], as: [.fixedBytes(2)]) }
        #expect(throws: EthereumError.self) { try ABICodec.encode([.bool(true)], as: [.uint(256)]) }
        #expect(throws: EthereumError.self) { try ABICodec.encode([.array([])], as: [.fixedArray(.bool, 1)]) }
        #expect(throws: EthereumError.self) {
            try ABIValue.values(json: try JSONValue(parsing: #"["256"]"#), types: [.uint(8)])
        }
        #expect(throws: EthereumError.self) {
            try ABIValue.values(
                json: try JSONValue(parsing: #"["0xAbcdef0000000000000000000000000000000000"]"#), types: [.address])
        }
    }
}
