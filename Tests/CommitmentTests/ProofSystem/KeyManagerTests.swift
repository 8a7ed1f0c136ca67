import BN254
import Commitment
import Foundation
import Groth16
import TestSupport
import Testing

@Suite("Key manager: loading, validation, rotation, setup files")
struct KeyManagerTests {
    let fixture = ProofFixture.shared

    @Test("proofs under two keys both verify, each by its fingerprint")
    func rotation() throws {
        var old = ProofConfiguration(keysDirectory: fixture.directory)
        let oldEnvelope = try ProofGenerator(configuration: old, cache: .some(nil)).prove(ProofFixture.statement())
        var new = ProofConfiguration(keysDirectory: fixture.rotatedDirectory)
        let newEnvelope = try ProofGenerator(configuration: new, cache: .some(nil)).prove(ProofFixture.statement())
        #expect(oldEnvelope.keyFingerprint != newEnvelope.keyFingerprint)
        // A verifier that knows the new key first and keeps the old one.
        new.verifyingKeyPaths += old.verifyingKeyPaths
        let verifier = CheckpointVerifier(configuration: new)
        #expect(try verifier.verify(oldEnvelope).isAccepted)
        #expect(try verifier.verify(newEnvelope).isAccepted)
        #expect(try verifier.keys.currentFingerprint() == fixture.rotatedKey.verifyingKey.fingerprint)
        // One that only knows the old key does not know the new one.
        old.verifyingKeyPaths = [old.verifyingKeyPaths[0]]
        let oldOnly = CheckpointVerifier(configuration: old)
        #expect(try oldOnly.verify(newEnvelope).reasons == [.unknownKey(newEnvelope.keyFingerprint)])
        // An envelope claiming the wrong key fails the pairing.
        var swapped = newEnvelope
        swapped.keyFingerprint = oldEnvelope.keyFingerprint
        #expect(try verifier.verify(swapped).reasons == [.invalidProof])
    }

    @Test("a missing key file is a typed error naming the file and `proofnode setup`")
    func missingKey() throws {
        let directory = ProofFixture.temporaryDirectory("missing")
        let configuration = ProofConfiguration(keysDirectory: directory)
        let generator = try ProofGenerator(configuration: configuration)
        let error = try #require(throws: ProofSystemError.self) { try generator.prove(ProofFixture.statement()) }
        #expect(error.code == .keyFileMissing)
        #expect(error.file == configuration.provingKeyPath)
        #expect(error.message.contains("proofnode setup") && error.message.contains(configuration.provingKeyPath))
        let verifyError = try #require(throws: ProofSystemError.self) {
            try CheckpointVerifier(configuration: configuration).keys.currentFingerprint()
        }
        #expect(verifyError.code == .keyFileMissing && verifyError.file == configuration.verifyingKeyPaths[0])
    }

    @Test("a corrupt key file is a typed error, never a fallback to mock")
    func corruptKey() throws {
        let directory = ProofFixture.temporaryDirectory("corrupt")
        try KeySetup.write(fixture.key, into: directory, force: false)
        let configuration = ProofConfiguration(keysDirectory: directory)
        for path in [configuration.provingKeyPath, configuration.verifyingKeyPaths[0]] {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[bytes.count / 2] ^= 0xff
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let generator = try ProofGenerator(configuration: configuration)
        let error = try #require(throws: ProofSystemError.self) { try generator.prove(ProofFixture.statement()) }
        #expect(error.code == .keyFileCorrupt && error.file == configuration.provingKeyPath)
        #expect(error.message.contains("checksum"))
        let vkError = try #require(throws: ProofSystemError.self) {
            try KeyManager.loadVerifyingKey(at: configuration.verifyingKeyPaths[0])
        }
        #expect(vkError.code == .keyFileCorrupt)
        // Truncated.
        try Data([0x50, 0x4e]).write(to: URL(fileURLWithPath: configuration.verifyingKeyPaths[0]))
        let truncated = try #require(throws: ProofSystemError.self) {
            try KeyManager.loadVerifyingKey(at: configuration.verifyingKeyPaths[0])
        }
        #expect(truncated.code == .keyFileCorrupt)
    }

    @Test("a key for another circuit is refused")
    func otherCircuit() throws {
        let other = SyntheticCircuit(constraintCount: 10, publicInputCount: 5)
        var generator = SeededGenerator(state: 3)
        let key = try Setup.generateKeysForTestingOnly(for: other.system, insecureGenerator: &generator)
        let directory = ProofFixture.temporaryDirectory("other-circuit")
        try KeySetup.write(key, into: directory, force: false)
        let configuration = ProofConfiguration(keysDirectory: directory)
        let error = try #require(throws: ProofSystemError.self) {
            try KeyManager(configuration: configuration).prover()
        }
        #expect(error.code == .keyCircuitMismatch)
        let vkError = try #require(throws: ProofSystemError.self) {
            try KeyManager.loadVerifyingKey(at: configuration.verifyingKeyPaths[0])
        }
        #expect(vkError.code == .keyCircuitMismatch)
    }

    @Test("setup files: three files, snarkjs JSON readable, no overwrite without force")
    func setupFiles() throws {
        let directory = ProofFixture.temporaryDirectory("setup")
        try KeySetup.write(fixture.key, into: directory, force: false)
        let files = KeySetup.files(in: directory)
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let error = try #require(throws: ProofSystemError.self) {
            try KeySetup.write(fixture.rotatedKey, into: directory, force: false)
        }
        #expect(error.code == .keyFileExists)
        try KeySetup.write(fixture.rotatedKey, into: directory, force: true)
        let loaded = try KeyManager.loadVerifyingKey(at: files[1])
        #expect(loaded == fixture.rotatedKey.verifyingKey)
        let json = try JSONDecoder().decode(
            SnarkjsJSON.VerificationKey.self, from: Data(contentsOf: URL(fileURLWithPath: files[2])))
        let fromJSON = try SnarkjsJSON.verifyingKey(from: json, circuitDigest: loaded.circuitDigest)
        #expect(fromJSON == loaded)
    }

    @Test("keys load lazily and once")
    func lazyLoading() throws {
        let factory = TestMetricsFactory()
        let keys = KeyManager(configuration: fixture.configuration, metrics: ProofMetrics(factory: factory))
        #expect(keys.knownFingerprints.isEmpty)
        let first = try keys.prover()
        let second = try keys.prover()
        #expect(first.fingerprint == second.fingerprint)
        #expect(factory.timerValues(ProofMetrics.Name.keyLoadSeconds, [("key", "proving")]).count == 1)
        #expect(keys.knownFingerprints == [fixture.key.verifyingKey.fingerprint])
    }
}
