import Ethereum
import Foundation
import TestSupport
import Testing

@Suite("RLP")
struct RLPTests {
    struct ValidFile: Decodable {
        struct Case: Decodable {
            let name: String
            let input: JSONValue
            let out: String
            enum CodingKeys: String, CodingKey {
                case name
                case input = "in"
                case out
            }
        }
        let cases: [Case]
    }
    struct InvalidFile: Decodable {
        struct Case: Decodable {
            let name: String
            let out: String
        }
        let cases: [Case]
    }

    /// Builds the item the ethereum/tests JSON describes (integers and `#bigint`s big-endian, minimal).
    static func item(_ json: JSONValue) throws -> RLPItem {
        switch json {
        case .string(let text) where text.hasPrefix("#"):
            return .bytes(decimalToBigEndian(String(text.dropFirst())))
        case .string(let text):
            return .bytes(Array(text.utf8))
        case .integer(let value):
            return .bytes(decimalToBigEndian(String(value)))
        case .array(let items):
            return .list(try items.map(item))
        default:
            throw EthereumError(.invalidJSON, "unexpected RLP test input \(json)")
        }
    }

    /// Schoolbook decimal → big-endian bytes, independent of the module's U256.
    static func decimalToBigEndian(_ digits: String) -> [UInt8] {
        var bytes: [UInt8] = []  // little-endian during the computation
        for digit in digits.utf8 {
            var carry = Int(digit - 48)
            for index in bytes.indices {
                let value = Int(bytes[index]) * 10 + carry
                bytes[index] = UInt8(value & 0xFF)
                carry = value >> 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        while bytes.last == 0 { bytes.removeLast() }
        return bytes.reversed()
    }

    @Test("ethereum/tests rlptest.json: encode, and decode back")
    func validVectors() throws {
        let file = try VectorLoader.load("rlp_valid", as: ValidFile.self)
        #expect(file.cases.count >= 25)
        for vector in file.cases {
            let item = try Self.item(vector.input)
            #expect(Hex.encode(item.encoded()) == vector.out, "\(vector.name)")
            #expect(item.encodedLength == item.encoded().count, "\(vector.name)")
            #expect(try RLPItem.decode(try Hex.decode(vector.out)) == item, "\(vector.name)")
        }
    }

    @Test("ethereum/tests invalidRLPTest.json and truncations: typed errors, no crash")
    func invalidVectors() throws {
        let file = try VectorLoader.load("rlp_invalid", as: InvalidFile.self)
        for vector in file.cases {
            #expect(throws: EthereumError.self, "\(vector.name)") {
                _ = try RLPItem.decode(try Hex.decode(vector.out))
            }
        }
    }

    @Test("specific strictness rules report their codes")
    func strictCodes() throws {
        func code(_ text: String) -> EthereumError.Code? {
            do {
                _ = try RLPItem.decode(hex(text))
                return nil
            } catch let error as EthereumError {
                return error.code
            } catch { return nil }
        }
        #expect(code("0x8100") == .nonCanonical)
        #expect(code("0xb801ff") == .nonCanonical)
        #expect(code("0xb90040") == .nonCanonical)
        #expect(code("0x83646f") == .truncated)
        #expect(code("0x8000") == .trailingBytes)
        #expect(code("0xbf0f000000000000021111") == .lengthOverflow)
        #expect(try RLPItem.decode(hex("0x8180")).u256Value() == U256(128))
        #expect(throws: EthereumError.self) { try RLPItem.bytes([0, 1]).u256Value() }
    }

    @Test("deep nesting is a typed error, not a stack overflow")
    func deepNesting() {
        let depth = 100_000
        let bytes = [UInt8](repeating: 0xC1, count: depth - 1) + [0xC0]
        #expect(throws: EthereumError.self) { _ = try RLPItem.decode(bytes) }
    }

    @Test("generated items round-trip; every truncation and one-byte corruption never crashes")
    func roundTrips() throws {
        var random = SplitMix64(seed: 0x524C50)
        func generate(_ depth: Int) -> RLPItem {
            if depth > 3 || Bool.random(using: &random) {
                let length = [0, 1, 1, 2, 55, 56, 57, 300][Int.random(in: 0..<8, using: &random)]
                return .bytes((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            }
            return .list((0..<Int.random(in: 0..<6, using: &random)).map { _ in generate(depth + 1) })
        }
        for _ in 0..<300 {
            let item = generate(0)
            let encoded = item.encoded()
            #expect(try RLPItem.decode(encoded) == item)
            for cut in stride(from: 0, to: encoded.count, by: max(1, encoded.count / 16)) {
                #expect(throws: EthereumError.self) { _ = try RLPItem.decode(Array(encoded[0..<cut])) }
            }
            var corrupted = encoded
            let index = Int.random(in: 0..<corrupted.count, using: &random)
            corrupted[index] ^= UInt8.random(in: 1...255, using: &random)
            if let decoded = try? RLPItem.decode(corrupted) {
                #expect(decoded.encoded() == corrupted, "a decoded item must be canonical")
            }
        }
    }
}
