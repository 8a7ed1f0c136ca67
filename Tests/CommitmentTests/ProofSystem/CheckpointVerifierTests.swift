import BN254
import Commitment
import Groth16
import Testing

@Suite("Checkpoint verifier: verdicts and tampering")
struct CheckpointVerifierTests {
    let fixture = ProofFixture.shared

    @Test("an honest envelope is accepted with the stored result and the opening")
    func honestAccepted() throws {
        let result = ProofFixture.result()
        let statement = ProofFixture.statement(result: result)
        let envelope = try fixture.generator().prove(statement)
        let verdict = try fixture.verifier().verify(envelope, result: result, opening: statement.opening)
        #expect(verdict.isAccepted, "\(verdict)")
        #expect(verdict.checkedResult && verdict.checkedOpening)
        #expect(envelope.proofType == .groth16 && envelope.proofData.count == 256)
        #expect(envelope.keyFingerprint == fixture.key.verifyingKey.fingerprint)
    }

    @Test("changing any public input (with its named field) makes the proof invalid")
    func publicInputTamper() throws {
        let statement = ProofFixture.statement()
        let envelope = try fixture.generator().prove(statement)
        let verifier = fixture.verifier()
        for index in 0..<5 {
            var tampered = envelope
            switch index {
            case 0: tampered.jobId += 1
            case 1: tampered.host = try HostAddress(hex: "0x1234567890abcdef1234567890abcdef12345679")
            case 2: tampered.checkpointIndex += 1
            case 3: tampered.tokensClaimed += 1
            default: tampered.commitment = tampered.commitment + Fr.one
            }
            tampered.publicInputs = tampered.statedPublicInputs.fieldElements
            let verdict = try verifier.verify(tampered)
            #expect(verdict.reasons == [.invalidProof], "public input \(index): \(verdict)")
            // Only the vector changed: also a disagreement with the named field.
            var vectorOnly = envelope
            vectorOnly.publicInputs[index] = vectorOnly.publicInputs[index] + Fr.one
            let second = try verifier.verify(vectorOnly)
            #expect(second.reasons.contains(.publicInputMismatch(CheckpointPublicInputs.names[index])))
            #expect(second.reasons.contains(.invalidProof))
        }
    }

    @Test("changing any byte of the proof is rejected")
    func proofByteTamper() throws {
        let envelope = try fixture.generator().prove(ProofFixture.statement())
        let verifier = fixture.verifier()
        for index in 0..<envelope.proofData.count {
            var tampered = envelope
            tampered.proofData[index] ^= 0x01
            let verdict = try verifier.verify(tampered)
            #expect(!verdict.isAccepted, "byte \(index)")
            let onlyProofReasons = verdict.reasons.allSatisfy {
                if case .malformedProof = $0 { return true }
                return $0 == .invalidProof
            }
            #expect(onlyProofReasons, "byte \(index): \(verdict)")
        }
    }

    @Test("out-of-range public inputs are rejected before the pairing")
    func outOfRange() throws {
        let envelope = try fixture.generator().prove(ProofFixture.statement())
        var tampered = envelope
        tampered.publicInputs[0] = Fr(reducing: UInt256(0, 1, 0, 0))  // 2^64
        tampered.publicInputs[1] = Fr(reducing: UInt256(0, 0, 1 << 32, 0))  // 2^160
        let verdict = try fixture.verifier().verify(tampered)
        #expect(verdict.reasons == [.publicInputOutOfRange("jobId"), .publicInputOutOfRange("host")])
    }

    @Test("hashes recomputed from the stored result must match")
    func resultMismatch() throws {
        let result = ProofFixture.result()
        let statement = ProofFixture.statement(result: result)
        let envelope = try fixture.generator().prove(statement)
        var other = result
        other.prompt += " "
        other.response += "!"
        other.modelHash = .sha256(utf8: "another model")
        let verdict = try fixture.verifier().verify(envelope, result: other)
        #expect(verdict.reasons == [.inputHashMismatch, .outputHashMismatch, .modelHashMismatch])
    }

    @Test("the commitment must open with the stored salt and hashes")
    func openingMismatch() throws {
        let statement = ProofFixture.statement()
        let envelope = try fixture.generator().prove(statement)
        var wrongSalt = statement.opening
        wrongSalt.salt = wrongSalt.salt + Fr.one
        #expect(try fixture.verifier().verify(envelope, opening: wrongSalt).reasons == [.commitmentMismatch])
        var wrongHash = statement.opening
        wrongHash.inputHash = .sha256(utf8: "another prompt")
        #expect(
            try fixture.verifier().verify(envelope, opening: wrongHash).reasons == [
                .openingHashMismatch("input_hash"), .commitmentMismatch,
            ])
    }

    @Test("an unknown key fingerprint is a verdict, not an error")
    func unknownKey() throws {
        var envelope = try fixture.generator().prove(ProofFixture.statement())
        envelope.keyFingerprint = String(repeating: "ab", count: 32)
        #expect(try fixture.verifier().verify(envelope).reasons == [.unknownKey(envelope.keyFingerprint)])
    }

    @Test("mock proofs are rejected outside dev mode and checked in dev mode")
    func mockProofs() throws {
        var configuration = fixture.configuration
        configuration.backend = .mock
        #expect(throws: ProofSystemError.self) { try ProofGenerator(configuration: configuration) }
        configuration.devMode = true
        let statement = ProofFixture.statement()
        let mock = try ProofGenerator(configuration: configuration).prove(statement)
        #expect(mock.proofType == .mock && MockProof.isMock(mock.proofData) && mock.keyFingerprint == "mock")
        #expect(try fixture.verifier().verify(mock).reasons == [.mockProofInProduction])
        #expect(try fixture.verifier(devMode: true).verify(mock).isAccepted)
        // A mock disguised as a Groth16 proof is still recognised by its magic.
        var disguised = mock
        disguised.proofType = .groth16
        #expect(try fixture.verifier().verify(disguised).reasons == [.mockProofInProduction])
        var wrong = mock
        wrong.tokensClaimed += 1
        wrong.publicInputs = wrong.statedPublicInputs.fieldElements
        #expect(try fixture.verifier(devMode: true).verify(wrong).reasons == [.invalidMockProof])
    }

    @Test("a proof larger than the limit is rejected")
    func tooLarge() throws {
        var envelope = try fixture.generator().prove(ProofFixture.statement())
        envelope.proofData += [UInt8](repeating: 0, count: 20_000)
        let verdict = try fixture.verifier().verify(envelope)
        #expect(verdict.reasons == [.proofTooLarge(envelope.proofData.count)])
    }
}
