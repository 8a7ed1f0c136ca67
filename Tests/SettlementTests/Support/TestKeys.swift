import BN254
import Commitment
import Foundation
import Groth16
import TestSupport

typealias SeededGenerator = SplitMix64

/// Two checkpoint-circuit key sets (made once per test process, as in CommitmentTests), written to
/// temporary directories: key A (current) and key B (the rotated one).
struct TestKeys: Sendable {
    let keyA: ProvingKey
    let keyB: ProvingKey
    let directoryA: String
    let directoryB: String

    static let shared: TestKeys = {
        do { return try TestKeys() } catch { fatalError("test keys: \(error)") }
    }()

    private init() throws {
        var first = SeededGenerator(state: 31)
        var second = SeededGenerator(state: 47)
        let system = CheckpointCircuit.shared.system
        keyA = try Setup.generateKeysForTestingOnly(for: system, insecureGenerator: &first)
        keyB = try Setup.generateKeysForTestingOnly(for: system, insecureGenerator: &second)
        let base =
            FileManager.default.temporaryDirectory.path
            + "/proofnode-settlement-\(getpid())-\(UUID().uuidString.prefix(8))"
        directoryA = base + "-keys-a"
        directoryB = base + "-keys-b"
        try KeySetup.write(keyA, into: directoryA, force: false)
        try KeySetup.write(keyB, into: directoryB, force: false)
    }

    var fingerprintA: String { keyA.verifyingKey.fingerprint }
    var fingerprintB: String { keyB.verifyingKey.fingerprint }

    /// A generator proving with key A (or B).
    func generator(rotated: Bool = false) throws -> ProofGenerator {
        let keys = KeyManager(configuration: ProofConfiguration(keysDirectory: directoryA))
        try keys.install(provingKey: rotated ? keyB : keyA)
        return try ProofGenerator(
            configuration: ProofConfiguration(keysDirectory: directoryA), keys: keys, cache: .some(nil))
    }

    /// The settler's known keys: A only, or A and B (after a rotation).
    func knownKeys(includingRotated: Bool) -> KeyManager {
        var configuration = ProofConfiguration(keysDirectory: directoryA)
        if includingRotated { configuration.verifyingKeyPaths.append(directoryB + "/" + KeyFileNames.verifyingKey) }
        return KeyManager(configuration: configuration)
    }
}
