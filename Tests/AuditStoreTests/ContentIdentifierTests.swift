import AuditStore
import Foundation
import Testing

/// CIDv1 raw/sha2-256 against published and independently computed vectors.
@Suite("Content identifiers")
struct ContentIdentifierTests {
    struct VectorFile: Decodable {
        struct Vector: Decodable {
            let inputUTF8: String
            let cid: String
            let sha256: String?

            enum CodingKeys: String, CodingKey {
                case inputUTF8 = "input_utf8"
                case cid, sha256
            }
        }
        struct Invalid: Decodable {
            let cid: String
            let why: String
        }
        let vectors: [Vector]
        let invalid: [Invalid]
    }

    static func load() throws -> VectorFile {
        let url = try #require(
            Bundle.module.url(forResource: "cid-vectors", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: url))
    }

    @Test("computes the published CID of each vector's bytes")
    func computes() throws {
        for vector in try Self.load().vectors {
            let cid = ContentIdentifier(of: Data(vector.inputUTF8.utf8))
            #expect(cid.description == vector.cid, "input \(vector.inputUTF8)")
            if let digest = vector.sha256 {
                #expect(Hex.encode(cid.digest, prefixed: false) == digest)
            }
        }
    }

    @Test("parses each vector back to its digest and re-encodes it unchanged")
    func parses() throws {
        for vector in try Self.load().vectors {
            let parsed = try ContentIdentifier(parsing: vector.cid)
            #expect(parsed.description == vector.cid)
            #expect(parsed.names(Data(vector.inputUTF8.utf8)))
            #expect(parsed == ContentIdentifier(of: Data(vector.inputUTF8.utf8)))
            #expect(try ContentIdentifier(digest: parsed.digest) == parsed)
        }
    }

    @Test("refuses CIDs of another version, codec, case or length with invalidCID")
    func refusesInvalid() throws {
        for invalid in try Self.load().invalid {
            #expect(throws: AuditStoreError.self, "\(invalid.why)") { try ContentIdentifier(parsing: invalid.cid) }
            do {
                _ = try ContentIdentifier(parsing: invalid.cid)
            } catch let error as AuditStoreError {
                #expect(error.code == .invalidCID)
            }
        }
        #expect(throws: AuditStoreError.self) { try ContentIdentifier(digest: Data(count: 31)) }
    }

    @Test("round-trips random bytes of every length through the CID string")
    func roundTrips() throws {
        for length in 0..<200 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255) })
            let cid = ContentIdentifier(of: bytes)
            #expect(try ContentIdentifier(parsing: cid.description) == cid)
            #expect(cid.description.hasPrefix("bafkrei"))
            #expect(cid.description.count == 59)
        }
    }
}
