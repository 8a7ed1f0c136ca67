import Foundation
import Testing

/// `proofnode setup`, `prove` and `verify` run as real child processes, end to end: the interface a
/// host or an auditor uses without writing Swift.
@Suite("proofnode setup/prove/verify CLI", .serialized)
struct ProofCLITests {
    struct Outcome {
        let status: Int32
        let output: String
        let error: String
    }

    static func executable() throws -> URL {
        let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("proofnode")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "run `swift build --build-tests` first")
        return url
    }

    static func run(_ arguments: [String], stdoutTo file: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let file { try outData.write(to: file) }
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    @Test("setup writes keys once; prove → verify accepts; a tampered envelope exits 1 with reasons")
    func endToEnd() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proofnode-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = directory.appendingPathComponent("keys").path

        let setup = try Self.run(["setup", "--keys", keys])
        #expect(setup.status == 0, "\(setup.error)")
        #expect((setup.output + setup.error).contains("single-party"))
        for file in ["commitment.pk", "commitment.vk", "verification_key.json"] {
            #expect(FileManager.default.fileExists(atPath: keys + "/" + file))
        }
        let again = try Self.run(["setup", "--keys", keys])
        #expect(again.status != 0)
        #expect(again.error.contains("--force"))

        let envelope = directory.appendingPathComponent("envelope.json")
        let opening = directory.appendingPathComponent("opening.json").path
        let prove = try Self.run(
            [
                "prove", "--keys", keys, "--job", "7", "--host", "0x70997970C51812dc3A010C8d50f12AECf2C6b79C",
                "--checkpoint", "1", "--tokens", "1000", "--prompt", "hello", "--response", "world",
                "--model-id", "test-model", "--opening-out", opening,
            ], stdoutTo: envelope)
        #expect(prove.status == 0, "\(prove.error)")
        // The salt goes to the opening file only, never to the envelope on standard output.
        #expect(!prove.output.contains("salt"))
        #expect(try String(contentsOfFile: opening, encoding: .utf8).contains("salt"))
        let permissions = try FileManager.default.attributesOfItem(atPath: opening)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600, "the opening holds the salt: owner-only")

        let envelopeObject = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: envelope)) as? [String: Any])
        let modelHash = try #require(envelopeObject["model_hash"] as? String)
        let result = directory.appendingPathComponent("result.json")
        try JSONSerialization.data(withJSONObject: ["prompt": "hello", "response": "world", "model_hash": modelHash])
            .write(to: result)

        let verify = try Self.run([
            "verify", "--keys", keys, envelope.path, "--result", result.path, "--opening", opening,
        ])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")

        let wrongResult = directory.appendingPathComponent("wrong-result.json")
        try JSONSerialization.data(withJSONObject: ["prompt": "hello", "response": "WORLD", "model_hash": modelHash])
            .write(to: wrongResult)
        let rejected = try Self.run([
            "verify", "--keys", keys, envelope.path, "--result", wrongResult.path, "--opening", opening,
        ])
        #expect(rejected.status == 1)
        #expect((rejected.output + rejected.error).contains("rejected"))

        let missing = try Self.run(["verify", "--keys", directory.appendingPathComponent("nokeys").path, envelope.path])
        #expect(missing.status != 0)
        #expect((missing.output + missing.error).contains("proofnode setup"))
    }
}
