import Ceremony
import Foundation
import Testing

/// BLAKE2b-512 against RFC 7693's example and vectors generated with Python's `hashlib.blake2b`.
@Suite struct BLAKE2bTests {
    struct Vector: Decodable {
        let inputHex: String
        let digestHex: String
    }

    struct VectorFile: Decodable {
        let source: String
        let vectors: [Vector]
    }

    @Test func rfc7693Abc() {
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        let expected =
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        #expect(hex(BLAKE2b.hash(Array("abc".utf8))) == expected)
    }

    @Test func emptyInputKnownAnswer() {
        let expected =
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
        #expect(hex(BLAKE2b.hash([UInt8]())) == expected)
    }

    @Test func hashlibVectors() throws {
        let file = try loadVectors(VectorFile.self, "blake2b.json")
        for vector in file.vectors {
            #expect(hex(BLAKE2b.hash(try unhex(vector.inputHex))) == vector.digestHex)
        }
    }

    @Test func streamingEqualsOneShotAndPartialStateRoundTrips() throws {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 127, 128, 129, 256, 999] {
            var hasher = BLAKE2b()
            hasher.update(data[0..<split])
            let restored = try #require(BLAKE2b(partialState: hasher.partialState))
            var resumed = restored
            resumed.update(data[split...])
            #expect(resumed.finalize() == BLAKE2b.hash(data))
        }
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

func unhex(_ text: String) throws -> [UInt8] {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { throw VectorError(message: "odd hex length") }
    return try stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
            throw VectorError(message: "bad hex")
        }
        return byte
    }
}

struct VectorError: Error { let message: String }

func loadVectors<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    let url = try #require(Bundle.module.url(forResource: "Vectors/\(name)", withExtension: nil))
    return try JSONDecoder().decode(T.self, from: try Data(contentsOf: url))
}
