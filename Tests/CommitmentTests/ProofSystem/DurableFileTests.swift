import Commitment
import Foundation
import Testing

@Suite("Durable file writes")
struct DurableFileTests {
    @Test("writes the bytes, replaces an existing file and leaves no temporary file behind")
    func replaces() throws {
        let directory = ProofFixture.temporaryDirectory("durable-replace")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/file.bin"
        try DurableFile.write([1, 2, 3], to: path)
        try DurableFile.write(Array(repeating: 7, count: 100_000), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(repeating: 7, count: 100_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["file.bin"])
    }

    @Test("a secret file is created owner-only whatever the umask, and an empty file is fine")
    func permissions() throws {
        let directory = ProofFixture.temporaryDirectory("durable-permissions")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secret = directory + "/secret.json"
        try DurableFile.write([], to: secret, permissions: 0o600)
        let attributes = try FileManager.default.attributesOfItem(atPath: secret)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 0)
    }

    @Test("a missing directory is a typed error naming the path")
    func missingDirectory() {
        let path = "/nonexistent-proofnode-dir/file.bin"
        #expect {
            try DurableFile.write([1], to: path)
        } throws: { error in
            guard let error = error as? ProofSystemError else { return false }
            return error.code == .fileWrite && error.file == path && error.message.contains("No such file")
        }
    }
}
