import BN254
import Commitment
import Foundation
import Groth16

/// The proof system's per-checkpoint costs: prove, verify, key load, cached lookups, and the peak RSS
/// of a process proving 1,000 checkpoints. Part of the `commitment` suite.
enum CommitmentProofBenchmarks {
    static func run(into recorder: inout BenchmarkRecorder, statement: CheckpointStatement) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-bench-keys-\(getpid())"
        ).path
        defer {
            do { try FileManager.default.removeItem(atPath: directory) } catch {
                print("  (could not remove \(directory))")
            }
        }
        let key = try Setup.generateKeys(for: CheckpointCircuit.shared.system)
        try KeySetup.write(key, into: directory, force: true)
        var configuration = ProofConfiguration(keysDirectory: directory)
        configuration.cacheEntries = 0

        try recorder.measure("key load (proving key + prover)", unit: "ms") {
            _ = try KeyManager(configuration: configuration).prover()
        }
        try recorder.measure("key load (verifying key + prepared verifier)", unit: "ms") {
            _ = try KeyManager(configuration: configuration).currentFingerprint()
        }

        let generator = try ProofGenerator(configuration: configuration)
        let verifier = CheckpointVerifier(configuration: configuration)
        var envelope = try generator.prove(statement)
        try recorder.measure("prove (groth16, uncached)", unit: "ms") { envelope = try generator.prove(statement) }
        var accepted = true
        try recorder.measure("verify (envelope, proof only)", unit: "ms") {
            accepted = try verifier.verify(envelope).isAccepted && accepted
        }
        try recorder.measure("verify (envelope + result + opening)", unit: "ms") {
            accepted = try verifier.verify(envelope, result: nil, opening: statement.opening).isAccepted && accepted
        }
        precondition(accepted, "benchmark proofs must verify")

        let cache = ProofCache(maximumEntries: 1024, maximumBytes: 16 << 20)
        let statements = (0..<256).map { index in
            CheckpointStatement(
                jobId: 1, host: statement.publicInputs.host, checkpointIndex: UInt64(index), tokensClaimed: 1000,
                opening: statement.opening)
        }
        for item in statements { cache.insert(envelope, for: item) }
        let lookups = 1_000_000
        var found = 0
        var samples: [Double] = []
        for _ in 0..<recorder.runs {
            let start = DispatchTime.now().uptimeNanoseconds
            for index in 0..<lookups where cache.envelope(for: statements[index & 255]) != nil { found += 1 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            samples.append(Double(lookups) / seconds)
        }
        precondition(found > 0)
        recorder.record("cache lookups (hit, 256 entries)", unit: "ops/s", samples: samples, batch: lookups)
    }

    /// Proves `count` checkpoints in this process and returns VmHWM (peak resident set) in MB.
    static func peakResidentMegabytes(provingCheckpoints count: Int) throws -> (peak: Double, before: Double) {
        let before = residentHighWaterMark()
        let key = try Setup.generateKeys(for: CheckpointCircuit.shared.system)
        let keys = KeyManager(configuration: ProofConfiguration(keysDirectory: "/nonexistent"))
        try keys.install(provingKey: key)
        let generator = try ProofGenerator(configuration: ProofConfiguration(keysDirectory: "/nonexistent"), keys: keys)
        let host = try HostAddress(hex: "0x1234567890abcdef1234567890abcdef12345678")
        for index in 0..<count {
            let opening = CheckpointOpening(
                modelHash: .sha256(utf8: "model"), inputHash: .sha256(utf8: "prompt \(index)"),
                outputHash: .sha256(utf8: "response \(index)"))
            let statement = CheckpointStatement(
                jobId: 9, host: host, checkpointIndex: UInt64(index), tokensClaimed: 1000, opening: opening)
            _ = try generator.prove(statement)
        }
        return (residentHighWaterMark(), before)
    }

    /// VmHWM from /proc/self/status in MB (0 where /proc is unavailable).
    static func residentHighWaterMark() -> Double {
        let status: String
        do { status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8) } catch { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
