import BN254
import Ceremony
import Commitment
import Foundation
import Groth16
import Testing

/// The whole ceremony for the checkpoint circuit (domain 2^11): our own phase 1 with two participants and
/// a beacon, phase 2 with three participants and a beacon, written and re-read through the file formats;
/// checkpoint proofs made with the final key verify with our verifier and with the key read back from
/// `verification_key.json`.
@Suite struct CheckpointCeremonyTests {
    @Test func threePartyCeremonyProducesWorkingCheckpointKeys() throws {
        let system = CheckpointCircuit.shared.system
        let qap = try QuadraticArithmeticProgram(system)
        #expect(qap.domain.logSize == 11)

        var phase1 = try PowersOfTau(power: 11)
        try Phase1Contributor.contribute(to: &phase1, name: "alice")
        phase1 = try PowersOfTau(ptau: phase1.ptauBytes(), fileName: "phase1_1.ptau")
        try Phase1Contributor.contribute(to: &phase1, name: "bob")
        try Phase1Contributor.beacon(
            to: &phase1, beaconHash: Array(repeating: 0xAB, count: 32), iterationsExponent: 4, name: "beacon")
        phase1 = try PowersOfTau(ptau: phase1.ptauBytes(), fileName: "phase1_final.ptau")
        let phase1Report = try Phase1Verifier.verify(phase1)
        #expect(phase1Report.contributionCount == 3)

        let prepared = try PreparedPhase1(phase1, logSize: 11)
        let initial = try Phase2Transcript(system: system, prepared: prepared)
        var phase2 = initial
        for name in ["alice", "bob", "carol"] {
            Phase2Contributor.contribute(to: &phase2, name: name)
            phase2 = try Phase2Transcript(encoded: phase2.encoded, fileName: "phase2.p2")
        }
        try Phase2Contributor.beacon(
            to: &phase2, beaconHash: Array(repeating: 0xCD, count: 32), iterationsExponent: 4, name: "beacon")
        let report = try Phase2Verifier.verify(phase2, initial: initial)
        #expect(report.contributionHashes.count == 4)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceremony-\(UUID().uuidString)")
        defer { _ = try? FileManager.default.removeItem(at: directory) }
        let fingerprint = try KeySetup.write(phase2.key, into: directory.path, force: false)
        let summary = CeremonySummary(transcript: phase2, phase1: phase1Report, verifyingKeyFingerprint: fingerprint)
        #expect(summary.contributions.count == 4)
        #expect(summary.contributions[3].beaconIterationsExponent == 4)

        let statement = CheckpointStatement(
            jobId: 7, host: try HostAddress(hex: "0x1234567890abcdef1234567890abcdef12345678"), checkpointIndex: 1,
            tokensClaimed: 1000,
            opening: CheckpointOpening(
                modelHash: .sha256(utf8: "model"), inputHash: .sha256(utf8: "input"),
                outputHash: .sha256(utf8: "output")))
        let assignment = try CheckpointWitnessBuilder().assignment(for: statement)
        let proof = try Prover(key: phase2.key, system: system).prove(assignment)
        let inputs = statement.publicInputs.fieldElements
        #expect(try Verifier(key: phase2.key.verifyingKey).verify(proof, publicInputs: inputs))

        let json = try Data(contentsOf: directory.appendingPathComponent(KeyFileNames.snarkjsVerifyingKey))
        let snarkjsKey = try SnarkjsJSON.verifyingKey(
            from: try JSONDecoder().decode(SnarkjsJSON.VerificationKey.self, from: json))
        #expect(try Verifier(key: snarkjsKey).verify(proof, publicInputs: inputs))
        var wrong = inputs
        wrong[3] += Fr.one
        #expect(try !Verifier(key: snarkjsKey).verify(proof, publicInputs: wrong))
    }
}
