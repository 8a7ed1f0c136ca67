import Foundation
import Testing

@testable import ProofnodeService

/// Authentication and roles over real HTTP: 401 without or with an unknown token, 403 with the wrong role,
/// JSON error bodies with a request id, and the open operational endpoints.
@Suite("API: authentication, roles, errors", .serialized)
struct APIAuthTests {
    @Test("health and metrics need no token; readiness reports keys, store and chain")
    func openEndpoints() async throws {
        let client = try await ServiceFixture.shared().client
        let health = try await client.get("/healthz")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")
        let ready = try await client.get("/readyz")
        #expect(ready.status == 200)
        let checks = ready.json["checks"] as? [[String: Any]] ?? []
        #expect(Set(checks.compactMap { $0["name"] as? String }) == ["keys", "store", "chain"])
        #expect(checks.allSatisfy { $0["ok"] as? Bool == true })
        let metrics = try await client.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
    }

    @Test("no token → 401 with a JSON error, WWW-Authenticate and a request id")
    func missingToken() async throws {
        let client = try await ServiceFixture.shared().client
        for path in ["/v1/proofs", "/v1/sessions/42", "/v1/proofs/x/opening"] {
            let reply = try await client.get(path)
            #expect(reply.status == 401, "\(path)")
            #expect(reply.errorCode == "unauthorized")
            #expect(reply.header("WWW-Authenticate") == "Bearer")
            let requestID = (reply.json["error"] as? [String: Any])?["requestId"] as? String
            #expect(requestID != nil && requestID == reply.header("X-Request-Id"))
        }
        let post = try await client.post("/v1/sessions", json: #"{"jobId": 1, "modelId": "m"}"#)
        #expect(post.status == 401)
    }

    @Test("an unknown token or a malformed header → 401")
    func badToken() async throws {
        let client = try await ServiceFixture.shared().client
        let unknown = try await client.get("/v1/proofs", token: "not-a-token")
        #expect(unknown.status == 401)
        #expect(!unknown.text.contains("not-a-token"))
        let basic = try await client.get("/v1/proofs", headers: ["Authorization": "Basic dXNlcjpwYXNz"])
        #expect(basic.status == 401)
    }

    @Test("the wrong role → 403: hosts cannot read openings, auditors cannot write")
    func wrongRole() async throws {
        let fixture = try await ServiceFixture.shared()
        let client = fixture.client
        let opening = try await client.get(
            "/v1/proofs/\(fixture.proofCIDs[0])/opening", token: ServiceFixture.hostToken)
        #expect(opening.status == 403)
        #expect(opening.errorCode == "forbidden")
        for path in ["/v1/sessions", "/v1/sessions/42/tokens", "/v1/sessions/42/complete"] {
            let reply = try await client.post(path, token: ServiceFixture.auditorToken, json: "{}")
            #expect(reply.status == 403, "\(path)")
        }
    }

    @Test("unknown routes are JSON 404s; a client's X-Request-Id is echoed when well-formed")
    func notFoundAndRequestID() async throws {
        let client = try await ServiceFixture.shared().client
        let missing = try await client.get("/v2/nothing", token: ServiceFixture.auditorToken)
        #expect(missing.status == 404)
        #expect(missing.errorCode == "notFound")
        let echoed = try await client.get("/healthz", headers: ["X-Request-Id": "client-abc-123"])
        #expect(echoed.header("X-Request-Id") == "client-abc-123")
        let replaced = try await client.get("/healthz", headers: ["X-Request-Id": "bad id with spaces"])
        #expect(replaced.header("X-Request-Id") != "bad id with spaces")
    }
}
