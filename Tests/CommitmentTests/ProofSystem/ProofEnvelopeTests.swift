import BN254
import Commitment
import Foundation
import Testing

@Suite("Proof envelope: canonical JSON and binary forms")
struct ProofEnvelopeTests {
    func envelope() throws -> ProofEnvelope {
        try ProofFixture.shared.generator(metrics: ProofMetrics()).prove(ProofFixture.statement())
    }

    @Test("canonical JSON round-trips byte for byte, keys sorted, no whitespace, Fabstir fields present")
    func canonicalJSON() throws {
        let original = try envelope()
        let json = original.canonicalJSON()
        let decoded = try ProofEnvelope(json: json)
        #expect(decoded == original)
        #expect(decoded.canonicalJSON() == json)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains(" ") && !text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        for field in [
            "job_id", "model_hash", "input_hash", "output_hash", "proof_data", "proof_type", "timestamp", "prover_id",
            "host", "checkpoint_index", "tokens_claimed", "commitment", "public_inputs", "key_fingerprint", "version",
        ] {
            #expect(object[field] != nil, "\(field)")
        }
        #expect(object.count == 15)
        #expect(object["salt"] == nil)
        // Keys appear in sorted order.
        let keys = object.keys.sorted()
        var position = text.startIndex
        for key in keys {
            let range = try #require(text.range(of: "\"\(key)\":", range: position..<text.endIndex))
            position = range.upperBound
        }
        #expect((object["proof_data"] as? String)?.count == 512)
        #expect((object["model_hash"] as? String) == original.modelHash.hex)
        #expect((object["public_inputs"] as? [String]) == original.publicInputs.map(\.description))
    }

    @Test("the binary form round-trips")
    func binary() throws {
        let original = try envelope()
        let decoded = try ProofEnvelope(binary: original.binary)
        #expect(decoded == original)
        #expect(throws: ProofSystemError.self) { try ProofEnvelope(binary: Array(original.binary.dropLast())) }
        #expect(throws: ProofSystemError.self) { try ProofEnvelope(binary: original.binary + [0]) }
    }

    @Test("malformed JSON is a typed error naming the problem")
    func malformed() throws {
        let original = try envelope()
        func mutate(_ change: (inout [String: Any]) -> Void) throws -> Data {
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(original.canonicalJSON())) as? [String: Any])
            change(&object)
            return try JSONSerialization.data(withJSONObject: object)
        }
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("no job_id", { $0["job_id"] = nil }),
            ("bad hash", { $0["input_hash"] = "xyz" }),
            ("bad proof hex", { $0["proof_data"] = "0g" }),
            ("unknown type", { $0["proof_type"] = "ezkl" }),
            ("four public inputs", { $0["public_inputs"] = ["1", "2", "3", "4"] }),
            ("non-canonical input", { $0["public_inputs"] = ["1", "2", "3", "4", String(repeating: "9", count: 80)] }),
            ("bad fingerprint", { $0["key_fingerprint"] = "short" }),
            ("version 2", { $0["version"] = 2 }),
            ("negative job", { $0["job_id"] = "-1" }),
        ]
        for (name, change) in cases {
            let data = try mutate(change)
            let error = try #require(throws: ProofSystemError.self, "\(name)") { try ProofEnvelope(json: data) }
            #expect(error.code == .malformedEnvelope, "\(name)")
        }
        let tooLarge = try #require(throws: ProofSystemError.self) {
            try ProofEnvelope(json: original.canonicalJSON(), maxProofBytes: 255)
        }
        #expect(tooLarge.code == .malformedEnvelope)
        #expect(throws: ProofSystemError.self) { try ProofEnvelope(json: Array("not json".utf8)) }
    }

    @Test("the opening's JSON carries the salt and round-trips; its description does not")
    func opening() throws {
        let opening = ProofFixture.statement().opening
        let data = try JSONEncoder().encode(opening)
        #expect(try JSONDecoder().decode(CheckpointOpening.self, from: data) == opening)
        #expect(String(decoding: data, as: UTF8.self).contains(opening.salt.description))
        #expect(!opening.description.contains(opening.salt.description))
    }
}
