import AuditStore
import Foundation
import Prometheus
import Testing

@testable import ProofnodeService

/// The host endpoints' HTTP layer (validation, roles, status mapping) against a test ``SessionIngest``,
/// and `GET /v1/sessions/{job}` over the store.
@Suite("API: sessions", .serialized)
struct APISessionTests {
    let host = ServiceFixture.hostToken

    @Test("register → stream segments → complete; repeats are idempotent, gaps and late segments conflict")
    func lifecycle() async throws {
        let client = try await ServiceFixture.shared().client
        let created = try await client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "9007199254740993", "modelId": "llama-3", "chainId": 31337}"#
        )
        #expect(created.status == 201)
        #expect(created.json["jobId"] as? String == "9007199254740993")
        let job = "9007199254740993"
        var total = 0
        for sequence in 0..<5 {
            let reply = try await client.post(
                "/v1/sessions/\(job)/tokens", token: host,
                json: #"{"sequence": \#(sequence), "response": "word \#(sequence) ", "tokens": 300}"#)
            #expect(reply.status == 202)
            total += 300
            #expect(reply.json["totalTokens"] as? Int == total)
        }
        let repeated = try await client.post(
            "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 4, "response": "word 4 ", "tokens": 300}"#)
        #expect(repeated.status == 202)
        #expect(repeated.json["duplicate"] as? Bool == true)
        let gap = try await client.post(
            "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 9, "response": "x", "tokens": 1}"#)
        #expect(gap.status == 409)
        #expect(gap.errorCode == "sequenceConflict")
        let wrongTotal = try await client.post(
            "/v1/sessions/\(job)/complete", token: host, json: #"{"totalTokens": 1}"#)
        #expect(wrongTotal.status == 409)
        let complete = try await client.post(
            "/v1/sessions/\(job)/complete", token: host, json: #"{"totalTokens": 1500}"#)
        #expect(complete.status == 200)
        #expect(complete.json["checkpointsDue"] as? Int == 2)
        let late = try await client.post(
            "/v1/sessions/\(job)/tokens", token: host, json: #"{"sequence": 5, "response": "x", "tokens": 1}"#)
        #expect(late.status == 409)
        #expect(late.errorCode == "sessionClosed")
        let view = try await client.get("/v1/sessions/\(job)", token: ServiceFixture.auditorToken)
        #expect(view.status == 200)
        #expect((view.json["pipeline"] as? [String: Any])?["totalTokens"] as? Int == 1500)
    }

    @Test("validation lists every invalid field; unknown sessions are 404; conflicting registrations 409")
    func validation() async throws {
        let client = try await ServiceFixture.shared().client
        let bad = try await client.post(
            "/v1/sessions", token: host,
            json: #"{"jobId": -1, "modelId": "", "chainId": 1, "proofInterval": 5, "x": 1}"#)
        #expect(bad.status == 422)
        #expect(Set(bad.errorFields) == ["jobId", "modelId", "chainId", "proofInterval", "x"])
        let missing = try await client.post("/v1/sessions/77/tokens", token: host, json: #"{"prompt": 3}"#)
        #expect(missing.status == 422)
        #expect(Set(missing.errorFields) == ["sequence", "tokens", "prompt"])
        let badPath = try await client.post(
            "/v1/sessions/abc/tokens", token: host, json: #"{"sequence": 0, "tokens": 1}"#)
        #expect(badPath.status == 422)
        #expect(badPath.errorFields == ["path.job"])
        let unknown = try await client.post(
            "/v1/sessions/77/tokens", token: host, json: #"{"sequence": 0, "tokens": 1}"#)
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "unknownSession")
        _ = try await client.post("/v1/sessions", token: host, json: #"{"jobId": 78, "modelId": "a"}"#)
        let again = try await client.post("/v1/sessions", token: host, json: #"{"jobId": 78, "modelId": "a"}"#)
        #expect(again.status == 201)
        let conflict = try await client.post("/v1/sessions", token: host, json: #"{"jobId": 78, "modelId": "b"}"#)
        #expect(conflict.status == 409)
        let array = try await client.post("/v1/sessions", token: host, json: "[1, 2]")
        #expect(array.status == 400)
    }

    @Test("bodies over the limit get 413 before the handler runs")
    func bodyLimit() async throws {
        let client = try await ServiceFixture.shared().client
        let text = String(repeating: "a", count: 70 * 1024)
        let reply = try await client.post(
            "/v1/sessions/42/tokens", token: host, json: #"{"sequence": 0, "tokens": 1, "response": "\#(text)"}"#)
        #expect(reply.status == 413)
        #expect(reply.errorCode == "bodyTooLarge")
    }

    @Test("GET /v1/sessions/{job}: the store's report without salts; unknown → 404")
    func sessionView() async throws {
        let fixture = try await ServiceFixture.shared()
        let reply = try await fixture.client.get("/v1/sessions/42", token: ServiceFixture.auditorToken)
        #expect(reply.status == 200)
        let report = reply.json["report"] as? [String: Any]
        #expect((report?["proofs"] as? [[String: Any]])?.count == 2)
        #expect(!reply.text.contains("\"salt\":\"0x"))
        let unknown = try await fixture.client.get("/v1/sessions/4242", token: ServiceFixture.auditorToken)
        #expect(unknown.status == 404)
    }
}

/// Graceful shutdown: an in-flight request finishes, then the pipeline drains, then nothing is accepted.
@Suite("API: graceful shutdown", .serialized)
struct GracefulShutdownTests {
    @Test("stop() lets an in-flight request finish, then calls the ingest's shutdown, then refuses connections")
    func inFlightFinishes() async throws {
        let fixture = try await ServiceFixture.shared()
        let directory = ServiceFixture.temporaryDirectory("shutdown")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try AuditStore(path: directory + "/store.sqlite")
        let ingest = RecordingIngest(appendDelay: .milliseconds(800))
        let server = try await ProofnodeServer.start(
            dependencies: try ServiceFixture.dependencies(
                store: store, proofs: fixture.proofs, ingest: ingest, chainURL: nil,
                registry: PrometheusCollectorRegistry()))
        let client = HTTPTestClient(baseURL: server.url)
        _ = try await client.post(
            "/v1/sessions", token: ServiceFixture.hostToken, json: #"{"jobId": 5, "modelId": "m"}"#)
        let inFlight = Task {
            try await client.post(
                "/v1/sessions/5/tokens", token: ServiceFixture.hostToken, json: #"{"sequence": 0, "tokens": 10}"#)
        }
        try await Task.sleep(for: .milliseconds(300))
        await server.stop()
        let reply = try await inFlight.value
        #expect(reply.status == 202)
        #expect(await ingest.appendsFinished == 1)
        #expect(await ingest.shutdownCalls == 1)
        await #expect(throws: (any Error).self) { try await client.get("/healthz") }
    }
}
