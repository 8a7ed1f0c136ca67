import BN254
import Commitment
import Foundation
import Groth16
import TestSupport
import Testing

@Suite("Proof generation: concurrency, metrics, hashes")
struct ProofGenerationTests {
    @Test("16 proofs generated in parallel are all valid")
    func parallelProofs() async throws {
        let fixture = ProofFixture.shared
        let generator = try fixture.generator(cache: .some(nil))
        let verifier = fixture.verifier()
        let results = (0..<16).map { ProofFixture.result(UInt64($0)) }
        let statements = results.enumerated().map { index, result in
            ProofFixture.statement(job: 100 + UInt64(index), index: UInt64(index), tokens: 1000, result: result)
        }
        let envelopes = try await withThrowingTaskGroup(of: (Int, ProofEnvelope).self) { group in
            for index in statements.indices {
                group.addTask { (index, try generator.prove(statements[index])) }
            }
            var collected = [ProofEnvelope?](repeating: nil, count: statements.count)
            for try await (index, envelope) in group { collected[index] = envelope }
            return collected
        }
        for (index, envelope) in envelopes.enumerated() {
            let envelope = try #require(envelope)
            let verdict = try verifier.verify(envelope, result: results[index], opening: statements[index].opening)
            #expect(verdict.isAccepted, "\(index): \(verdict)")
            #expect(envelope.jobId == 100 + UInt64(index))
        }
        // Also in one batch under the key.
        let batch = try envelopes.map { envelope in
            let envelope = try #require(envelope)
            return (proof: try Proof(encoded: envelope.proofData), publicInputs: envelope.publicInputs)
        }
        #expect(try Verifier(key: fixture.key.verifyingKey).verifyBatch(batch))
    }

    @Test("metrics: errors by kind and verifications by result")
    func metrics() throws {
        let factory = TestMetricsFactory()
        let metrics = ProofMetrics(factory: factory)
        let fixture = ProofFixture.shared
        let envelope = try fixture.generator(metrics: metrics).prove(ProofFixture.statement())
        let verifier = fixture.verifier(metrics: metrics)
        _ = try verifier.verify(envelope)
        var tampered = envelope
        tampered.proofData[100] ^= 1
        _ = try verifier.verify(tampered)
        #expect(factory.counter(ProofMetrics.Name.verifications, [("result", "valid")]) == 1)
        #expect(factory.counter(ProofMetrics.Name.verifications, [("result", "invalid")]) == 1)
        #expect(factory.timerValues(ProofMetrics.Name.verificationSeconds).count == 2)
        #expect(factory.timerValues(ProofMetrics.Name.keyLoadSeconds, [("key", "proving")]).count == 1)
        #expect(factory.timerValues(ProofMetrics.Name.keyLoadSeconds, [("key", "verifying")]).count == 1)
        let missing = ProofConfiguration(keysDirectory: ProofFixture.temporaryDirectory("none"))
        #expect(throws: ProofSystemError.self) {
            try ProofGenerator(configuration: missing, metrics: metrics).prove(ProofFixture.statement())
        }
        #expect(factory.counter(ProofMetrics.Name.proofErrors, [("kind", "keyFileMissing")]) == 1)
    }

    @Test("a statement whose commitment does not match is refused with a typed error")
    func falseStatement() throws {
        let statement = ProofFixture.statement()
        var opening = statement.opening
        opening.salt = opening.salt + Fr.one
        // Pair the public inputs with another opening by building the statement unchecked is impossible;
        // the checked initialiser refuses it.
        #expect(throws: CommitmentError.self) {
            try CheckpointStatement(publicInputs: statement.publicInputs, opening: opening)
        }
    }
}
