import Commitment
import Foundation
import Testing

@Suite("Content hashes: prompt, response, model file (streamed, cached)")
struct ModelHasherTests {
    /// FIPS 180-2 appendix B.3: SHA-256 of one million 'a'.
    static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    /// FIPS 180-2 appendix B.1: SHA-256("abc").
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("a model file is hashed in chunks, matching the FIPS one-million-a vector")
    func streamed() throws {
        let path = ProofFixture.temporaryDirectory("model") + ".bin"
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: URL(fileURLWithPath: path))
        let hasher = ModelHasher(chunkSize: 4096)
        #expect(try hasher.modelHash(for: .file(path: path)).hex == Self.millionA)
        #expect(try ModelHasher().hashFile(at: path).hex == Self.millionA)
    }

    @Test("the digest is cached by path, size and modification time")
    func cached() throws {
        let path = ProofFixture.temporaryDirectory("model-cache") + ".bin"
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        let hasher = ModelHasher()
        #expect(try hasher.hashFile(at: path).hex == Self.abc)
        #expect(try hasher.hashFile(at: path).hex == Self.abc)
        #expect(hasher.fileReads == 1)
        try Data("abcd".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try hasher.hashFile(at: path).hex != Self.abc)
        #expect(hasher.fileReads == 2)
    }

    @Test("declared model ids, prompts and responses hash their UTF-8 bytes")
    func declared() throws {
        #expect(try ModelHasher().modelHash(for: .declared(id: "abc")).hex == Self.abc)
        let result = InferenceResult(prompt: "abc", response: "abc", modelHash: .sha256(utf8: "m"))
        #expect(result.inputHash.hex == Self.abc && result.outputHash.hex == Self.abc)
    }

    @Test("an unreadable model file is a typed error naming it")
    func missing() throws {
        let error = try #require(throws: ProofSystemError.self) {
            try ModelHasher().hashFile(at: "/nonexistent/model.gguf")
        }
        #expect(error.code == .modelFileUnreadable && error.file == "/nonexistent/model.gguf")
    }
}
