import AuditStore
import Commitment
import Dispatch
import Foundation
import Logging
import Prometheus
import ProofnodeService

/// A bounded loopback load test of the HTTP API's token streaming: 50 sessions, one client each, posting
/// `POST /v1/sessions/{job}/tokens` segments (auth, body limit, field validation, JSON, metrics) to a
/// ``ProofnodeServer`` whose ``SessionIngest`` is an in-memory one — this measures the HTTP layer, not
/// proving. Paced at 500 requests/s for 10 s (achieved rate, p50, p99), then unpaced for 5 s (capacity).
struct ServiceLoadBenchmarks: BenchmarkSuite {
    let name = "service"
    let summary = "HTTP API token streaming over loopback: 50 sessions, paced 500 req/s and unpaced"

    static let sessions = 50
    static let token = "bench-host-token"

    private final class Samples: @unchecked Sendable {
        var pacedRate: [Double] = []
        var pacedP50: [Double] = []
        var pacedP99: [Double] = []
        var capacity: [Double] = []
        var capacityP99: [Double] = []
        var errors = 0
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let runs = min(recorder.runs, 3)
        let samples = Samples()
        try runBlocking("service") {
            try await Self.measure(runs: runs, into: samples)
        }
        if samples.errors > 0 { throw CommandFailure("the service benchmark saw \(samples.errors) failed requests") }
        recorder.record("tokens: paced 500 req/s, achieved", unit: "req/s", samples: samples.pacedRate)
        recorder.record("tokens: paced 500 req/s, p50 latency", unit: "ms", samples: samples.pacedP50)
        recorder.record("tokens: paced 500 req/s, p99 latency", unit: "ms", samples: samples.pacedP99)
        recorder.record("tokens: unpaced, 50 clients", unit: "req/s", samples: samples.capacity)
        recorder.record("tokens: unpaced, p99 latency", unit: "ms", samples: samples.capacityP99)
    }

    private static func measure(runs: Int, into samples: Samples) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-bench-service-\(getpid())"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try AuditStore(path: directory + "/store.sqlite")
        let registry = PrometheusCollectorRegistry()
        let metrics = ServiceMetrics(factory: ServiceMetrics.makeFactory(registry: registry))
        let verifier = CheckpointVerifier(configuration: ProofConfiguration(keysDirectory: directory + "/keys"))
        let logger = Logger(label: "proofnode.bench") { _ in SwiftLogNoOpLogHandler() }
        guard let digest = AuthToken.parseDigest(AuthToken.hash(of: token)) else { return }
        let dependencies = ServiceDependencies(
            store: store, verifier: verifier, ingest: MemoryIngest(),
            readiness: ReadinessChecker(
                verifier: verifier, store: store, chain: nil, chainID: 31337, metrics: metrics),
            authenticator: TokenAuthenticator(tokens: [AuthToken(name: "bench", role: .host, sha256: digest)]),
            chainID: 31337, maxBodyBytes: 1 << 20, maxProofBytes: 10_000, metrics: metrics, registry: registry,
            logger: logger)
        let server = try await ProofnodeServer.start(dependencies: dependencies)
        let client = try LoadHTTPClient(baseURL: server.url, token: token)
        var failure: (any Error)?
        var nextJob: UInt64 = 1
        do {
            for _ in 0..<runs {
                let paced = try await load(client: client, firstJob: nextJob, seconds: 10, perSessionRate: 10)
                nextJob += UInt64(sessions)
                samples.pacedRate.append(paced.rate)
                samples.pacedP50.append(paced.p50)
                samples.pacedP99.append(paced.p99)
                samples.errors += paced.errors
                let unpaced = try await load(client: client, firstJob: nextJob, seconds: 5, perSessionRate: nil)
                nextJob += UInt64(sessions)
                samples.capacity.append(unpaced.rate)
                samples.capacityP99.append(unpaced.p99)
                samples.errors += unpaced.errors
            }
        } catch {
            failure = error
        }
        try await client.shutdown()
        await server.stop()
        if let failure { throw failure }
    }

    private struct LoadResult {
        var rate: Double
        var p50: Double
        var p99: Double
        var errors: Int
    }

    /// One client per session, each registering its session then streaming segments for `seconds`,
    /// paced at `perSessionRate` requests/s (or as fast as replies come).
    private static func load(
        client: LoadHTTPClient, firstJob: UInt64, seconds: Double, perSessionRate: Double?
    ) async throws -> LoadResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        let results = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for offset in 0..<UInt64(sessions) {
                let job = firstJob + offset
                group.addTask {
                    try await client.withConnection { connection in
                        var latencies: [Double] = []
                        var errors = 0
                        let registered = try await connection.post(
                            "/v1/sessions", #"{"jobId": \#(job), "modelId": "bench"}"#)
                        if registered != 201 { errors += 1 }
                        var sequence: UInt64 = 0
                        let interval = perSessionRate.map { UInt64(1e9 / $0) }
                        var next =
                            DispatchTime.now().uptimeNanoseconds + UInt64(offset) * (interval ?? 0) / UInt64(sessions)
                        while DispatchTime.now().uptimeNanoseconds < deadline {
                            if let interval {
                                let now = DispatchTime.now().uptimeNanoseconds
                                if next > now { try await Task.sleep(nanoseconds: next - now) }
                                next += interval
                            }
                            let body =
                                #"{"sequence": \#(sequence), "response": "lorem ipsum dolor sit amet ", "tokens": 20}"#
                            let sent = DispatchTime.now().uptimeNanoseconds
                            let status = try await connection.post("/v1/sessions/\(job)/tokens", body)
                            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6)
                            if status != 202 { errors += 1 }
                            sequence += 1
                        }
                        return (latencies, errors)
                    }
                }
            }
            var all: [Double] = []
            var errors = 0
            for try await (latencies, failed) in group {
                all += latencies
                errors += failed
            }
            return (all, errors)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let sorted = results.0.sorted()
        func percentile(_ fraction: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(fraction * Double(sorted.count - 1)))]
        }
        return LoadResult(
            rate: Double(sorted.count) / elapsed, p50: percentile(0.5), p99: percentile(0.99), errors: results.1)
    }
}

/// An in-memory ``SessionIngest`` for the load test: counts tokens per session, checks sequences.
private actor MemoryIngest: SessionIngest {
    private var totals: [UInt64: (next: UInt64, tokens: UInt64)] = [:]

    func register(_ registration: SessionRegistration) async throws(SessionIngestError) -> SessionIngestState {
        totals[registration.jobID] = totals[registration.jobID] ?? (0, 0)
        return SessionIngestState(
            jobID: registration.jobID, phase: "open", nextSequence: 0, totalTokens: 0, checkpointsDue: 0,
            proofInterval: 1000)
    }

    func append(_ segment: TokenSegment) async throws(SessionIngestError) -> SegmentReceipt {
        guard var entry = totals[segment.jobID] else { throw SessionIngestError(.unknownSession, "unknown job") }
        guard segment.sequence == entry.next else { throw SessionIngestError(.sequenceConflict, "out of order") }
        entry.next += 1
        entry.tokens += segment.tokens
        totals[segment.jobID] = entry
        return SegmentReceipt(
            jobID: segment.jobID, sequence: segment.sequence, totalTokens: entry.tokens,
            checkpointsDue: entry.tokens / 1000, duplicate: false)
    }

    func complete(_ completion: SessionCompletion) async throws(SessionIngestError) -> SessionIngestState {
        throw SessionIngestError(.rejected, "not used by the benchmark")
    }

    func state(jobID: UInt64) async throws(SessionIngestError) -> SessionIngestState? { nil }

    func shutdown() async {}
}
