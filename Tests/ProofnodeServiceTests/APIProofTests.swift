import Commitment
import Crypto
import Foundation
import Testing

@testable import ProofnodeService

/// The auditor endpoints over real HTTP against a store holding real Groth16 proofs.
@Suite("API: proofs, openings, verification", .serialized)
struct APIProofTests {
    @Test("GET /v1/proofs filters by job and host; invalid parameters are listed field by field")
    func listing() async throws {
        let fixture = try await ServiceFixture.shared()
        let client = fixture.client
        let all = try await client.get("/v1/proofs?job=42", token: ServiceFixture.auditorToken)
        #expect(all.status == 200)
        let proofs = all.json["proofs"] as? [[String: Any]] ?? []
        #expect(Set(proofs.compactMap { $0["proofCID"] as? String }) == Set(fixture.proofCIDs))
        let byHost = try await client.get(
            "/v1/proofs?host=\(ServiceFixture.hostAddress)&from=2000-01-01T00:00:00Z", token: ServiceFixture.hostToken)
        #expect((byHost.json["proofs"] as? [[String: Any]])?.count == 2)
        let none = try await client.get("/v1/proofs?job=7", token: ServiceFixture.auditorToken)
        #expect((none.json["proofs"] as? [[String: Any]])?.isEmpty == true)
        let invalid = try await client.get(
            "/v1/proofs?job=abc&host=0x12&from=yesterday&limit=0&colour=red", token: ServiceFixture.auditorToken)
        #expect(invalid.status == 422)
        #expect(invalid.errorCode == "invalidFields")
        #expect(
            Set(invalid.errorFields) == ["query.job", "query.host", "query.from", "query.limit", "query.colour"])
    }

    @Test("GET /v1/proofs/{id}: the envelope JSON, or the raw bytes whose SHA-256 is the proof hash")
    func oneProof() async throws {
        let fixture = try await ServiceFixture.shared()
        let client = fixture.client
        let json = try await client.get("/v1/proofs/\(fixture.proofCIDs[0])", token: ServiceFixture.auditorToken)
        #expect(json.status == 200)
        #expect(json.text == fixture.envelopes[0].canonicalJSONString)
        let raw = try await client.get(
            "/v1/proofs/\(fixture.proofCIDs[0])", token: ServiceFixture.auditorToken,
            headers: ["Accept": "application/octet-stream"])
        #expect(raw.status == 200)
        #expect(raw.header("Content-Type") == "application/octet-stream")
        #expect(Array(raw.body) == fixture.envelopes[0].proofData)
        let digest = SHA256.hash(data: raw.body).map { String(format: "%02x", $0) }.joined()
        #expect(raw.header("X-Proof-Hash") == "0x" + digest)
        let byHash = try await client.get("/v1/proofs/0x\(digest)", token: ServiceFixture.auditorToken)
        #expect(byHash.status == 200)
        let unknown = try await client.get(
            "/v1/proofs/0x" + String(repeating: "00", count: 32), token: ServiceFixture.auditorToken)
        #expect(unknown.status == 404)
        let malformed = try await client.get("/v1/proofs/not-a-cid", token: ServiceFixture.auditorToken)
        #expect(malformed.status == 400)
        #expect(malformed.errorCode == "invalidProofID")
    }

    @Test("GET /v1/proofs/{id}/opening gives auditors the opening, which verifies with the envelope")
    func opening() async throws {
        let fixture = try await ServiceFixture.shared()
        let client = fixture.client
        let reply = try await client.get(
            "/v1/proofs/\(fixture.proofCIDs[1])/opening", token: ServiceFixture.auditorToken)
        #expect(reply.status == 200)
        #expect(reply.header("Cache-Control") == "no-store")
        let opening = try JSONDecoder().decode(CheckpointOpening.self, from: reply.body)
        #expect(opening == fixture.openings[1])
        let body = #"{"envelope": \#(fixture.envelopes[1].canonicalJSONString), "opening": \#(reply.text)}"#
        let verdict = try await client.post("/v1/verify", token: ServiceFixture.auditorToken, json: body)
        #expect(verdict.status == 200)
        #expect(verdict.json["accepted"] as? Bool == true)
        #expect(verdict.json["checkedOpening"] as? Bool == true)
    }

    @Test("POST /v1/verify accepts a valid envelope and rejects a tampered one with reasons")
    func verify() async throws {
        let fixture = try await ServiceFixture.shared()
        let client = fixture.client
        let valid = try await client.post(
            "/v1/verify", token: ServiceFixture.hostToken, json: fixture.envelopes[0].canonicalJSONString)
        #expect(valid.status == 200)
        #expect(valid.json["accepted"] as? Bool == true)
        #expect((valid.json["reasons"] as? [Any])?.isEmpty == true)
        var tampered = fixture.envelopes[0]
        tampered.tokensClaimed = 999_999
        let rejected = try await client.post(
            "/v1/verify", token: ServiceFixture.auditorToken, json: tampered.canonicalJSONString)
        #expect(rejected.status == 200)
        #expect(rejected.json["accepted"] as? Bool == false)
        let codes = (rejected.json["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("publicInputMismatch"))
        var forged = fixture.envelopes[0]
        forged.proofData = fixture.envelopes[1].proofData
        let invalid = try await client.post(
            "/v1/verify", token: ServiceFixture.auditorToken, json: forged.canonicalJSONString)
        #expect(invalid.json["accepted"] as? Bool == false)
        #expect(
            (invalid.json["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } == ["invalidProof"]
        )
    }

    @Test("POST /v1/verify: not JSON → 400, a malformed envelope → 422 naming the field")
    func verifyValidation() async throws {
        let client = try await ServiceFixture.shared().client
        let notJSON = try await client.post("/v1/verify", token: ServiceFixture.auditorToken, json: "{nope")
        #expect(notJSON.status == 400)
        #expect(notJSON.errorCode == "invalidJSON")
        let malformed = try await client.post(
            "/v1/verify", token: ServiceFixture.auditorToken, json: #"{"job_id": "1"}"#)
        #expect(malformed.status == 422)
        #expect(malformed.errorFields == ["envelope"])
        let badOpening = try await client.post(
            "/v1/verify", token: ServiceFixture.auditorToken, json: #"{"envelope": {}, "opening": {"salt": 1}}"#)
        #expect(badOpening.status == 422)
    }

    @Test("/metrics exports the proof system's and the service's metrics in Prometheus text")
    func metrics() async throws {
        let fixture = try await ServiceFixture.shared()
        _ = try await fixture.client.get("/readyz")
        _ = try await fixture.client.post(
            "/v1/verify", token: ServiceFixture.auditorToken, json: fixture.envelopes[0].canonicalJSONString)
        let text = try await fixture.client.get("/metrics").text
        for name in [
            "proofnode_http_requests_total", "proofnode_http_request_duration_seconds_bucket",
            "proofnode_verifications_total", "proofnode_verification_seconds_bucket", "proofnode_sessions",
            "proofnode_submissions_pending", "proofnode_disputes", "proofnode_ready",
        ] {
            #expect(text.contains(name), "\(name) missing from /metrics")
        }
        #expect(text.contains(#"proofnode_verifications_total{result="valid"}"#))
    }
}
