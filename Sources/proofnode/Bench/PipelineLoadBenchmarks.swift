import AuditStore
import Commitment
import Dispatch
import Ethereum
import Foundation
import Groth16
import Logging
import MockChain
import Prometheus
import ProofnodeService
import Settlement

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The load test: token streaming (`POST /v1/sessions/{job}/tokens`) at 500 requests/s across 50
/// sessions for 60 s, over real HTTP on loopback, into the real pipeline — ``PipelineSessionIngest`` with
/// Groth16 proofs on freshly generated checkpoint keys, the audit store on disk (`synchronous = FULL`),
/// submissions to an in-process MockChain (1 s block timer, wall clock) over JSON-RPC.
///
/// Open loop: request *k* of session *s* is scheduled at `start + (k·sessions + s) / rate`, and its
/// latency is measured from that scheduled time, so a stall is counted in full (no coordinated
/// omission); a session's requests stay in order (the next waits for the previous reply). Segments carry
/// 10–40 tokens with text (mean 25), so at 500 req/s and `proofInterval` 1000 about 12.5 checkpoints
/// fall due per second. After the load the pipeline is drained (bounded) and every session is accounted
/// for (``CheckpointAccounting``): lost and duplicated checkpoints must be 0, otherwise the suite fails.
///
/// Environment overrides (for exploring, not for the recorded figures): `PROOFNODE_LOAD_SESSIONS`,
/// `PROOFNODE_LOAD_RATE`, `PROOFNODE_LOAD_SECONDS`, `PROOFNODE_LOAD_INTERVAL`, `PROOFNODE_LOAD_PROVER_THREADS`
/// (default 2, as `pipeline.prover_threads`), and `PROOFNODE_LOAD_INLINE_PROVING=1` (each proof split across
/// all cores on the pipeline's executor thread, as before the prover threads: for comparison), and
/// `PROOFNODE_LOAD_TRACE=<file>` (a CSV line per request: session, request, scheduled time, latency, session
/// tokens after it — to see whether slow requests cluster in time).
struct PipelineLoadBenchmarks: BenchmarkSuite {
    let name = "load"
    let summary =
        "token streaming at 500 req/s, 50 sessions, 60 s, through the real pipeline (Groth16, store, MockChain)"

    /// The load's shape.
    struct Shape: Sendable {
        var sessions = 50
        var rate = 500.0
        var seconds = 60.0
        var proofInterval: UInt64 = 1000
        var proverThreads = 2
        var inlineProving = false

        static func fromEnvironment() -> Shape {
            let environment = ProcessInfo.processInfo.environment
            var shape = Shape()
            if let value = environment["PROOFNODE_LOAD_SESSIONS"].flatMap(Int.init), value > 0 {
                shape.sessions = value
            }
            if let value = environment["PROOFNODE_LOAD_RATE"].flatMap(Double.init), value > 0 { shape.rate = value }
            if let value = environment["PROOFNODE_LOAD_SECONDS"].flatMap(Double.init), value > 0 {
                shape.seconds = value
            }
            if let value = environment["PROOFNODE_LOAD_INTERVAL"].flatMap(UInt64.init), value >= 100 {
                shape.proofInterval = value
            }
            if let value = environment["PROOFNODE_LOAD_PROVER_THREADS"].flatMap(Int.init), value > 0 {
                shape.proverThreads = value
            }
            shape.inlineProving = environment["PROOFNODE_LOAD_INLINE_PROVING"] == "1"
            return shape
        }

        var requestsPerSession: Int { Int((rate * seconds / Double(sessions)).rounded()) }
    }

    /// One run's figures.
    struct RunResult: Sendable, Encodable {
        var requests = 0
        var accepted = 0
        var overloaded = 0
        var errors = 0
        var achievedRate = 0.0
        var p50 = 0.0
        var p95 = 0.0
        var p99 = 0.0
        var max = 0.0
        var tokens: UInt64 = 0
        var checkpointsDue = 0
        var checkpointsConfirmed = 0
        var checkpointsDueRate = 0.0
        var drainSeconds = 0.0
        var lost = 0
        var duplicated = 0
    }

    private final class Samples: @unchecked Sendable {
        var runs: [RunResult] = []
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let runs = min(recorder.runs, 3)
        let shape = Shape.fromEnvironment()
        let samples = Samples()
        try runBlocking("load") {
            samples.runs = try await LoadWorld.measure(shape: shape, runs: runs)
        }
        let results = samples.runs
        let label = "\(shape.sessions) sessions, \(Int(shape.rate)) req/s, \(Int(shape.seconds)) s"
        recorder.record("tokens: scheduled \(label), achieved", unit: "req/s", samples: results.map(\.achievedRate))
        recorder.record("tokens: p50 latency (from scheduled time)", unit: "ms", samples: results.map(\.p50))
        recorder.record("tokens: p95 latency", unit: "ms", samples: results.map(\.p95))
        recorder.record("tokens: p99 latency", unit: "ms", samples: results.map(\.p99))
        recorder.record("tokens: max latency", unit: "ms", samples: results.map(\.max))
        recorder.record(
            "tokens: refused (503 overloaded)", unit: "requests", samples: results.map { Double($0.overloaded) })
        recorder.record("tokens: failed (other non-202)", unit: "requests", samples: results.map { Double($0.errors) })
        recorder.record(
            "checkpoints due (interval \(shape.proofInterval))", unit: "ckpt",
            samples: results.map { Double($0.checkpointsDue) })
        recorder.record(
            "checkpoints due per second of load", unit: "ckpt/s", samples: results.map(\.checkpointsDueRate))
        recorder.record(
            "checkpoints confirmed on chain", unit: "ckpt", samples: results.map { Double($0.checkpointsConfirmed) })
        recorder.record("drain after the load (all due confirmed)", unit: "s", samples: results.map(\.drainSeconds))
        recorder.record("checkpoints lost", unit: "ckpt", samples: results.map { Double($0.lost) })
        recorder.record("checkpoints duplicated", unit: "ckpt", samples: results.map { Double($0.duplicated) })
        let lost = results.reduce(0) { $0 + $1.lost + $1.duplicated }
        let failed = results.reduce(0) { $0 + $1.errors }
        print(
            "  check: lost = \(results.map(\.lost)), duplicated = \(results.map(\.duplicated)), failed requests = \(failed)"
        )
        if lost > 0 { throw CommandFailure("the load benchmark lost or duplicated checkpoints: \(lost)") }
        if failed > 0 { throw CommandFailure("the load benchmark saw \(failed) failed requests") }
    }
}
