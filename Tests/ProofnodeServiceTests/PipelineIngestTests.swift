import AuditStore
import Ethereum
import Foundation
import ProofnodeService
import Testing

/// The real pipeline behind the host endpoints, over loopback HTTP on a MockChain with a manual clock and
/// a 10 s dispute window, with test keys: checkpoints are proven and land on chain, completion settles,
/// segments are idempotent, and a restarted ingest resumes from the store.
@Suite("API: session pipeline", .serialized)
struct PipelineIngestTests {
    let host = ServiceFixture.hostToken

    /// Posts segments `range` of 100 tokens each and requires 202.
    func stream(_ client: HTTPTestClient, job: String, _ range: Range<Int>) async throws {
        for sequence in range {
            let reply = try await client.post(
                "/v1/sessions/\(job)/tokens", token: host,
                json:
                    #"{"sequence": \#(sequence), "prompt": "q\#(sequence)", "response": "a\#(sequence) ", "tokens": 100}"#
            )
            try #require(reply.status == 202, "segment \(sequence): \(reply.status) \(reply.json)")
            #expect(reply.json["totalTokens"] as? Int == (sequence + 1) * 100)
        }
    }

    /// Polls `GET /v1/sessions/{job}` until the pipeline reports `phase` (bounded; not a timing assertion).
    func waitForPhase(_ harness: PipelineHarness, job: String, _ phase: String) async throws -> [String: Any] {
        var last: [String: Any] = [:]
        for _ in 0..<1200 {
            let view = try await harness.client.get("/v1/sessions/\(job)", token: ServiceFixture.auditorToken)
            last = view.json["pipeline"] as? [String: Any] ?? [:]
            if last["phase"] as? String == phase { return last }
            if let current = last["phase"] as? String, current.hasSuffix("Failed") || current == "refused" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("session \(job) did not reach \(phase): \(last)")
        return last
    }

    @Test("register → 2,500 tokens → checkpoints on chain → complete → settled; segment replays are idempotent")
    func fullSession() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession()
        let client = harness.client
        let created = try await client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": \#(harness.chainID)}"#)
        #expect(created.status == 201, "\(created.json)")
        #expect(created.json["proofInterval"] as? Int == 1000)
        let again = try await client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": \#(harness.chainID)}"#)
        #expect(again.status == 201 || again.status == 200)
        try await stream(client, job: job, 0..<12)
        let replay = try await client.post(
            "/v1/sessions/\(job)/tokens", token: host,
            json: #"{"sequence": 5, "prompt": "q5", "response": "a5 ", "tokens": 100}"#)
        #expect(replay.status == 202)
        #expect(replay.json["duplicate"] as? Bool == true)
        #expect(replay.json["totalTokens"] as? Int == 600)
        let changed = try await client.post(
            "/v1/sessions/\(job)/tokens", token: host,
            json: #"{"sequence": 5, "prompt": "q5", "response": "changed", "tokens": 100}"#)
        #expect(changed.status == 409)
        #expect(changed.errorCode == "sequenceConflict")
        try await stream(client, job: job, 12..<25)
        let complete = try await client.post(
            "/v1/sessions/\(job)/complete", token: host, json: #"{"totalTokens": 2500}"#)
        #expect(complete.status == 200, "\(complete.json)")
        #expect(complete.json["checkpointsDue"] as? Int == 3)
        let settled = try await waitForPhase(harness, job: job, "settled")
        #expect(settled["checkpointsDue"] as? Int == 3)
        #expect(try await harness.proofSubmittedLogs(job) == 3)
        let checkpoints = try harness.store.checkpoints(jobID: job)
        #expect(checkpoints.map(\.status) == [.confirmed, .confirmed, .confirmed])
        #expect(checkpoints.map(\.tokensClaimed) == [1000, 1000, 500])
        #expect(try await harness.sessionJob(job).status == .completed)
        let settlement = try #require(try harness.store.settlement(jobID: job))
        #expect(settlement.status == .confirmed)
        #expect(settlement.tokensUsed == 2500)
        #expect(try harness.store.tokenSegments(jobID: job).count == 25)
    }

    @Test("a new ingest on the same store resumes the session: sequence, tokens, checkpoints, settlement")
    func restartResumes() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession()
        let created = try await harness.client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": \#(harness.chainID)}"#)
        #expect(created.status == 201, "\(created.json)")
        try await stream(harness.client, job: job, 0..<15)
        try await harness.restart()
        let view = try await harness.client.get("/v1/sessions/\(job)", token: ServiceFixture.auditorToken)
        let pipeline = try #require(view.json["pipeline"] as? [String: Any])
        #expect(pipeline["nextSequence"] as? Int == 15)
        #expect(pipeline["totalTokens"] as? Int == 1500)
        let replay = try await harness.client.post(
            "/v1/sessions/\(job)/tokens", token: host,
            json: #"{"sequence": 14, "prompt": "q14", "response": "a14 ", "tokens": 100}"#)
        #expect(replay.json["duplicate"] as? Bool == true)
        try await stream(harness.client, job: job, 15..<25)
        let complete = try await harness.client.post(
            "/v1/sessions/\(job)/complete", token: host, json: #"{"totalTokens": 2500}"#)
        #expect(complete.status == 200, "\(complete.json)")
        _ = try await waitForPhase(harness, job: job, "settled")
        #expect(try await harness.proofSubmittedLogs(job) == 3)
        #expect(try await harness.sessionJob(job).status == .completed)
        #expect(try harness.store.settlement(jobID: job)?.status == .confirmed)
    }

    @Test("a session of another host is refused with 422")
    func otherHostRejected() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.stop() } }
        let intent = try harness.marketplace.createSessionJobForModel(
            host: harness.server.chain.devAccounts[2].address, modelId: [UInt8](repeating: 0x4D, count: 32),
            pricePerToken: U256(1_000_000_000_000), maxDuration: U256(86_400), proofInterval: U256(1000),
            proofTimeoutWindow: U256(3600), deposit: U256(1_000_000_000_000_000_000))
        let outcome = try await TransactionManager(client: harness.eth).send(intent, signer: harness.depositor) { _ in }
        var job = ""
        for event in try harness.marketplace.events(in: outcome.receipt) {
            if case .sessionJobCreatedForModel(let jobId, _, _, _, _) = event { job = jobId.description }
        }
        let reply = try await harness.client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": \#(harness.chainID)}"#)
        #expect(reply.status == 422)
        #expect(reply.errorCode == "rejected")
        let unknown = try await harness.client.post(
            "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 0, "response": "x", "tokens": 1}"#)
        #expect(unknown.status == 404)
    }
}
