import BN254
import Commitment
import Foundation
import Groth16

/// A deterministic generator for reproducible test keys (never for real keys).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
