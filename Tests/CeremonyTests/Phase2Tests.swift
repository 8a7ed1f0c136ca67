import BN254
import Ceremony
import Foundation
import Groth16
import Testing

/// Phase 2 on a small synthetic circuit: contributions and a beacon verify and give working keys; a
/// zero-contribution key, a key for another circuit, tampered queries and forged records are refused.
@Suite struct Phase2Tests {
    static let circuit = SyntheticCircuit(constraintCount: 9, publicInputCount: 2)

    static func prepared(for system: R1CS) throws -> PreparedPhase1 {
        let transcript = try Phase1Tests.ceremony(power: 5, contributors: 1, beacon: true)
        let qap = try QuadraticArithmeticProgram(system)
        return try PreparedPhase1(transcript, logSize: qap.domain.logSize)
    }

    static func ceremony(contributors: Int, beacon: Bool) throws -> (Phase2Transcript, PreparedPhase1) {
        let prepared = try prepared(for: circuit.system)
        var transcript = try Phase2Transcript(system: circuit.system, prepared: prepared)
        for index in 0..<contributors { Phase2Contributor.contribute(to: &transcript, name: "p\(index + 1)") }
        if beacon {
            try Phase2Contributor.beacon(to: &transcript, beaconHash: [7, 7, 7], iterationsExponent: 2, name: "beacon")
        }
        return (transcript, prepared)
    }

    @Test func contributionsAndBeaconGiveAKeyThatProves() throws {
        let (transcript, prepared) = try Self.ceremony(contributors: 2, beacon: true)
        let report = try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        #expect(report.contributionHashes.count == 3)
        #expect(report.endsWithBeacon)
        let inputs = [Fr(3), Fr(5)]
        let prover = try Prover(key: transcript.key, system: Self.circuit.system)
        let proof = try prover.prove(Self.circuit.assignment(publicInputs: inputs, start: Fr(2)))
        let verifier = Verifier(key: transcript.key.verifyingKey)
        #expect(try verifier.verify(proof, publicInputs: inputs))
        #expect(try !verifier.verify(proof, publicInputs: [Fr(3), Fr(6)]))
    }

    @Test func fileRoundTripPreservesTheTranscript() throws {
        let (transcript, prepared) = try Self.ceremony(contributors: 1, beacon: true)
        let decoded = try Phase2Transcript(encoded: transcript.encoded, fileName: "t.p2")
        #expect(decoded.key == transcript.key)
        #expect(decoded.contributions == transcript.contributions)
        _ = try Phase2Verifier.verify(decoded, system: Self.circuit.system, prepared: prepared)
        var corrupt = transcript.encoded
        corrupt[100] ^= 1
        let error = #expect(throws: CeremonyError.self) { try Phase2Transcript(encoded: corrupt, fileName: "t.p2") }
        #expect(error?.code == .malformedFile)
    }

    @Test func zeroContributionKeyIsRefused() throws {
        let (transcript, prepared) = try Self.ceremony(contributors: 0, beacon: false)
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .noContribution)
    }

    @Test func keyForAnotherCircuitIsRefused() throws {
        let (transcript, prepared) = try Self.ceremony(contributors: 1, beacon: false)
        let other = SyntheticCircuit(constraintCount: 10, publicInputCount: 2)
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: other.system, prepared: prepared)
        }
        #expect(error?.code == .circuitMismatch)
    }

    @Test func tamperedLPointIsRefused() throws {
        var (transcript, prepared) = try Self.ceremony(contributors: 1, beacon: false)
        transcript.key.lQuery[0] = (G1Projective(transcript.key.lQuery[0]) * Fr(2)).affine
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .invalidContribution)
        #expect(error?.message.contains("L query") == true)
    }

    @Test func tamperedAQueryIsRefused() throws {
        var (transcript, prepared) = try Self.ceremony(contributors: 1, beacon: false)
        transcript.key.aQuery[1] = transcript.key.aQuery[2]
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .circuitMismatch)
    }

    @Test func proofOfKnowledgeForAnotherTranscriptIsRefused() throws {
        let (a, prepared) = try Self.ceremony(contributors: 2, beacon: false)
        let (b, _) = try Self.ceremony(contributors: 2, beacon: false)
        var spliced = a
        spliced.contributions[1] = b.contributions[1]
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(spliced, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .invalidContribution)
        #expect(error?.message.contains("phase-2 contribution 2") == true)
    }

    @Test func skippedContributionIsRefused() throws {
        var (transcript, prepared) = try Self.ceremony(contributors: 3, beacon: false)
        transcript.contributions.remove(at: 1)
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .invalidContribution)
        #expect(error?.message.contains("phase-2 contribution 2") == true)
    }

    @Test func beaconWithOtherValueIsRefused() throws {
        var (transcript, prepared) = try Self.ceremony(contributors: 1, beacon: true)
        transcript.contributions[1].beacon?.hash = [8, 8, 8]
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(transcript, system: Self.circuit.system, prepared: prepared)
        }
        #expect(error?.code == .beaconMismatch)
    }
}
