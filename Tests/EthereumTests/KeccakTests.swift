import Ethereum
import Testing

@Suite("Keccak-256")
struct KeccakTests {
    struct File: Decodable {
        struct Case: Decodable {
            let name: String
            let hex: String
            let digest: String
        }
        let cases: [Case]
    }

    @Test("published and independently generated vectors, one-shot")
    func vectors() throws {
        let file = try VectorLoader.load("keccak256", as: File.self)
        #expect(file.cases.count >= 10)
        for vector in file.cases {
            let digest = Keccak256.hash(try Hex.decode(vector.hex))
            #expect(Hex.encode(digest, prefix: false) == vector.digest, "\(vector.name)")
        }
    }

    @Test("incremental hashing in uneven chunks equals one-shot")
    func incremental() throws {
        let file = try VectorLoader.load("keccak256", as: File.self)
        for vector in file.cases {
            let message = try Hex.decode(vector.hex)
            for chunk in [1, 7, 135, 136, 137] {
                var hasher = Keccak256()
                var index = 0
                while index < message.count {
                    hasher.update(Array(message[index..<min(index + chunk, message.count)]))
                    index += chunk
                }
                #expect(Hex.encode(hasher.finalize(), prefix: false) == vector.digest, "\(vector.name) chunk \(chunk)")
            }
        }
    }
}
