import BN254
import Commitment
import Foundation
import Groth16
import TestSupport

typealias SeededGenerator = SplitMix64

/// Two key sets for the checkpoint circuit (made once per test process), written to a temporary
/// directory, and helpers to build statements and results.
struct ProofFixture: Sendable {
    let key: ProvingKey
    let rotatedKey: ProvingKey
    let directory: String
    let rotatedDirectory: String

    static let shared: ProofFixture = {
        do { return try ProofFixture() } catch { fatalError("proof fixture: \(error)") }
    }()

    private init() throws {
        var first = SeededGenerator(state: 11)
        var second = SeededGenerator(state: 22)
        let system = CheckpointCircuit.shared.system
        key = try Setup.generateKeysForTestingOnly(for: system, insecureGenerator: &first)
        rotatedKey = try Setup.generateKeysForTestingOnly(for: system, insecureGenerator: &second)
        directory = Self.temporaryDirectory("keys-a")
        rotatedDirectory = Self.temporaryDirectory("keys-b")
        try KeySetup.write(key, into: directory, force: false)
        try KeySetup.write(rotatedKey, into: rotatedDirectory, force: false)
    }

    static func temporaryDirectory(_ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        return url.path
    }

    var configuration: ProofConfiguration { ProofConfiguration(keysDirectory: directory) }

    func generator(
        _ configuration: ProofConfiguration? = nil, metrics: ProofMetrics = ProofMetrics(), cache: ProofCache?? = nil
    ) throws -> ProofGenerator {
        try ProofGenerator(configuration: configuration ?? self.configuration, cache: cache, metrics: metrics)
    }

    func verifier(devMode: Bool = false, metrics: ProofMetrics = ProofMetrics()) -> CheckpointVerifier {
        var configuration = self.configuration
        configuration.devMode = devMode
        return CheckpointVerifier(configuration: configuration, metrics: metrics)
    }

    static let host: HostAddress = {
        do { return try HostAddress(hex: "0x1234567890abcdef1234567890abcdef12345678") } catch {
            fatalError("\(error)")
        }
    }()

    static func result(_ index: UInt64 = 1) -> InferenceResult {
        InferenceResult(
            prompt: "What is the capital of France?", response: "Paris, checkpoint \(index).",
            modelHash: .sha256(utf8: "llama-3-8b-instruct.Q4_K_M.gguf"))
    }

    static func statement(
        job: UInt64 = 42, index: UInt64 = 1, tokens: UInt64 = 1000, result: InferenceResult? = nil
    ) -> CheckpointStatement {
        let result = result ?? Self.result(index)
        let opening = CheckpointOpening(
            modelHash: result.modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
        return CheckpointStatement(
            jobId: job, host: host, checkpointIndex: index, tokensClaimed: tokens, opening: opening)
    }
}
