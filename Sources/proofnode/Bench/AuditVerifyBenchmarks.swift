import AuditStore
import Commitment
import Dispatch
import Ethereum
import Foundation
import Groth16
import MockChain
import Settlement

/// `audit verify` of one job with 1,000 stored checkpoint proofs: batch Groth16 verification under the
/// known key, the stored hashes, envelopes, openings and public inputs, and the match of every proofHash
/// against the chain's `ProofSubmitted` logs (read from the loopback MockChain with `eth_getLogs`).
///
/// Setup (not timed) runs a real session of 1,000 checkpoints through the submission pipeline, so the
/// store and the chain hold exactly what a host's node would: about 40 s on two cores.
struct AuditVerifyBenchmarks: BenchmarkSuite {
    let name = "auditverify"
    let summary = "audit verify of a job with 1,000 stored proofs (local checks, and with the chain's logs)"

    /// Checkpoints of the measured job.
    static let checkpoints = 1_000

    private final class Samples: @unchecked Sendable {
        var local: [Double] = []
        var withChain: [Double] = []
        var setupSeconds = 0.0
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let runs = recorder.runs
        let samples = Samples()
        try runBlocking("audit verify") {
            try await Self.measure(runs: runs, into: samples)
        }
        print(
            String(
                format: "  (setup: %d checkpoints proven and submitted in %.1f s)", Self.checkpoints,
                samples.setupSeconds))
        recorder.record("audit verify, \(Self.checkpoints) proofs, local checks", unit: "ms", samples: samples.local)
        recorder.record(
            "audit verify, \(Self.checkpoints) proofs, with ProofSubmitted logs", unit: "ms", samples: samples.withChain
        )
    }

    private static func measure(runs: Int, into samples: Samples) async throws {
        let fast = SettlementBenchmarks.FastClock()
        var configuration = MockChainConfiguration()
        configuration.clock = { fast.next() }
        let server = try await MockChainServer.start(configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-bench-auditverify-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // Benchmark scratch space; a leftover directory in the temp folder is harmless.
            do { try FileManager.default.removeItem(at: directory) } catch {}
        }
        do {
            let key = try Setup.generateKeys(for: CheckpointCircuit.shared.system)
            // On disk, as a host's node has them: the validator loads the verifying key from the file.
            try KeySetup.write(key, into: directory.path, force: false)
            let proofConfiguration = ProofConfiguration(keysDirectory: directory.path)
            let keys = KeyManager(configuration: proofConfiguration)
            let generator = try ProofGenerator(configuration: proofConfiguration, keys: keys, cache: .some(nil))
            let store = try AuditStore(path: directory.appendingPathComponent("audit.sqlite").path)
            let bench = try SettlementBenchmarks.Bench(server: server, store: store, generator: generator)

            let setupStart = DispatchTime.now().uptimeNanoseconds
            let job = try await bench.openSession()
            let messages = (0..<checkpoints).map {
                SessionMessage(prompt: "prompt \($0)", response: "response \($0)", tokens: 100)
            }
            let proven = try await bench.runner.run(jobID: job, messages: messages).checkpoints.count
            samples.setupSeconds = Double(DispatchTime.now().uptimeNanoseconds - setupStart) / 1e9
            guard proven == checkpoints else {
                throw CommandFailure("the setup session made \(proven) checkpoints, not \(checkpoints)")
            }

            let chain = SettlementChain(client: bench.eth, marketplace: bench.market)
            let local = SessionValidator(store: store, keys: keys, chain: nil)
            let onChain = SessionValidator(store: store, keys: keys, chain: chain)
            for (validator, checksChain) in [(local, false), (onChain, true)] {
                for run in 0...runs {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let report = try await validator.validate(jobID: job)
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    guard report.passed, report.checkpoints.count == checkpoints, report.chainChecked == checksChain
                    else {
                        throw CommandFailure(
                            "audit verify did not pass all \(checkpoints) checkpoints: \(report.reasons.prefix(3))")
                    }
                    if run == 0 { continue }  // warm-up
                    if checksChain {
                        samples.withChain.append(milliseconds)
                    } else {
                        samples.local.append(milliseconds)
                    }
                }
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
