import AuditStore
import Foundation
import Logging
import ProofnodeService
import Testing

/// The real pipeline under concurrent sessions: a short bounded load (no latency assertions — the load
/// benchmark measures those), twenty sessions shut down gracefully while proofs are in flight, the
/// shutdown grace timeout with recovery at the next start, and backpressure. Every check accounts for
/// each checkpoint the tokens crossed: stored, confirmed and on the chain exactly once.
@Suite("API: concurrent sessions and shutdown", .serialized)
struct PipelineConcurrencyTests {
    let host = ServiceFixture.hostToken

    /// Streams `count` segments of `tokens(k)` tokens into `job`, in order; returns the tokens accepted.
    func stream(
        _ client: HTTPTestClient, job: String, count: Int, from first: Int = 0, tokens: (Int) -> UInt64
    ) async throws -> UInt64 {
        var total: UInt64 = 0
        for sequence in first..<(first + count) {
            let n = tokens(sequence)
            let reply = try await client.post(
                "/v1/sessions/\(job)/tokens", token: host,
                json: #"{"sequence": \#(sequence), "response": "segment \#(sequence) of \#(job) ", "tokens": \#(n)}"#)
            try #require(reply.status == 202, "segment \(sequence) of \(job): \(reply.status) \(reply.json)")
            total += n
        }
        return total
    }

    @Test("bounded load: 5 sessions streaming concurrently, 10–40 tokens a segment — no checkpoint lost or doubled")
    func boundedLoad() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.stop() } }
        var jobs: [String] = []
        for _ in 0..<5 {
            let job = try await harness.openSession(interval: 100)
            try await harness.register(job)
            jobs.append(job)
        }
        let client = harness.client
        // 5 sessions × 15 segments, each session pacing itself at 10 segments/s: about 1.5 s of load.
        let totals = try await withThrowingTaskGroup(of: (String, UInt64).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask {
                    var total: UInt64 = 0
                    for sequence in 0..<15 {
                        total += try await stream(client, job: job, count: 1, from: sequence) {
                            10 + UInt64(($0 * 7 + index * 13) % 31)
                        }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return (job, total)
                }
            }
            var totals: [String: UInt64] = [:]
            for try await (job, total) in group { totals[job] = total }
            return totals
        }
        let accounts = try await harness.waitForCheckpoints(totals, interval: 100)
        #expect(accounts.count == 5)
        for account in accounts {
            #expect(account.expected >= 1)
            #expect(account.isExact, "\(account)")
            #expect(account.onChain == account.expected, "\(account)")
        }
        // A replayed segment is a duplicate, not a new checkpoint.
        let replay = try await client.post(
            "/v1/sessions/\(jobs[0])/tokens", token: host,
            json: #"{"sequence": 3, "response": "segment 3 of \#(jobs[0]) ", "tokens": \#(10 + (3 * 7) % 31)}"#)
        #expect(replay.status == 202)
        #expect(replay.json["duplicate"] as? Bool == true)
    }

    @Test(
        "20 sessions at once; a graceful stop with proofs in flight finishes them, refuses new work, flushes the store")
    func twentySessionsGracefulStop() async throws {
        let gate = StepGate()
        // 40 proofs remain when the stop begins. Under ThreadSanitizer with a build beside it they took 64 s,
        // past the harness's 60 s grace, and the drain then abandoned work by design; the grace here is
        // generous so that the test checks the drain, not the machine's speed.
        let harness = try await PipelineHarness(observer: gate.observer, shutdownGrace: .seconds(600))
        defer { Task { await harness.stop() } }
        var jobs: [String] = []
        for _ in 0..<20 {
            let job = try await harness.openSession(interval: 100)
            try await harness.register(job)
            jobs.append(job)
        }
        let client = harness.client
        let totals = try await withThrowingTaskGroup(of: (String, UInt64).self) { group in
            for job in jobs {
                group.addTask { (job, try await stream(client, job: job, count: 3) { _ in 100 }) }
            }
            var totals: [String: UInt64] = [:]
            for try await (job, total) in group { totals[job] = total }
            return totals
        }
        // Every session's first proof is stored and held at the gate: work is in flight.
        for _ in 0..<600 where await gate.held < 20 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await gate.held == 20)
        let before = try jobs.map { try harness.store.checkpoints(jobID: $0).filter { $0.status == .confirmed }.count }
        #expect(before.allSatisfy { $0 == 0 })
        let stopping = Task { await harness.api.stop() }
        // The drain is waiting for the held proofs; new work is refused meanwhile (probed with an unknown
        // job: `unknownSession` while accepting, `unavailable` once shutting down — no state changes).
        var refusal: SessionIngestError.Code?
        for _ in 0..<200 {
            do {
                _ = try await harness.ingest.append(
                    TokenSegment(jobID: 999_999, sequence: 0, prompt: "", response: "late", tokens: 10))
            } catch {
                refusal = error.code
                if error.code == .unavailable { break }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(refusal == .unavailable)
        await gate.release()
        await stopping.value
        // Graceful stop waited for all 60 checkpoints: stored, confirmed, on chain exactly once.
        for job in jobs {
            let account = try await harness.account(job, tokens: totals[job] ?? 0, interval: 100)
            #expect(account.expected == 3)
            #expect(account.confirmed == 3, "\(account)")
            #expect(account.isExact, "\(account)")
        }
        // The server no longer listens, and the store's write-ahead log was checkpointed into the database.
        await #expect(throws: (any Error).self) {
            _ = try await client.get("/healthz")
        }
        let wal = harness.store.database.path + "-wal"
        let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(size == 0, "the WAL still holds \(size) bytes after the flush")
    }

    @Test("a submission stuck past the shutdown grace is abandoned with a warning and finished by the next start")
    func graceTimeoutRecovered() async throws {
        let gate = StepGate()
        let box = RecordingLogHandler.Box()
        var logger = Logger(label: "proofnode.tests.grace") { _ in RecordingLogHandler(box: box) }
        logger.logLevel = .info
        let harness = try await PipelineHarness(observer: gate.observer, shutdownGrace: .seconds(1), logger: logger)
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession(interval: 100)
        try await harness.register(job)
        let total = try await stream(harness.client, job: job, count: 2) { _ in 100 }
        for _ in 0..<600 where await gate.held < 1 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await gate.held == 1)
        await harness.api.stop()  // the drain gives up after 1 s
        #expect(
            box.messages(atLeast: .warning).contains { $0.contains("still running after the grace period") },
            "\(box.messages(atLeast: .warning))")
        let stored = try harness.store.checkpoints(jobID: job)
        #expect(stored.map(\.status) == [.stored], "checkpoint 0 is stored (proven) but not submitted")
        // The next start (same store) recovers checkpoint 0 and proves checkpoint 1.
        try await harness.restart()
        let accounts = try await harness.waitForCheckpoints([job: total], interval: 100)
        #expect(accounts.first?.isExact == true, "\(accounts)")
        #expect(accounts.first?.confirmed == 2)
        // The abandoned task, let go now, finds its checkpoint confirmed and sends nothing again.
        await gate.release()
        try await Task.sleep(for: .milliseconds(500))
        let after = try await harness.account(job, tokens: total, interval: 100)
        #expect(after.isExact, "\(after)")
        #expect(after.onChain == 2)
    }

    @Test("backpressure: with the checkpoint backlog full, segments get 503 overloaded with Retry-After")
    func backpressure() async throws {
        let gate = StepGate()
        let harness = try await PipelineHarness(observer: gate.observer, maxPendingCheckpoints: 2)
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession(interval: 100)
        try await harness.register(job)
        _ = try await stream(harness.client, job: job, count: 2) { _ in 100 }  // two checkpoints pending
        let refused = try await harness.client.post(
            "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 2, "response": "more", "tokens": 100}"#)
        #expect(refused.status == 503)
        #expect(refused.errorCode == "overloaded")
        #expect(refused.header("Retry-After") == "1")
        await gate.release()
        _ = try await harness.waitForCheckpoints([job: 200], interval: 100)
        var accepted = refused
        for _ in 0..<100 {
            accepted = try await harness.client.post(
                "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 2, "response": "more", "tokens": 100}"#)
            if accepted.status != 503 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(accepted.status == 202, "\(accepted.json)")
        let accounts = try await harness.waitForCheckpoints([job: 300], interval: 100)
        #expect(accounts.first?.isExact == true, "\(accounts)")
    }
}
