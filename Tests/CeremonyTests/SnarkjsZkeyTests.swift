import BN254
import Ceremony
import Foundation
import Groth16
import Testing

/// `.zkey` export and import against snarkjs's own output: zkpy 0.2.0's `zkey_groth16.zkey` is snarkjs's
/// `zkey new` of `example_circuit.r1cs` on `phase2.ptau`; the key we build from the same two files must
/// encode to the same bytes (IC, A, B₁, B₂, C, the coefficients, H in snarkjs's odd-point basis and the
/// circuit hash), and decode back to our layout.
@Suite struct SnarkjsZkeyTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Vectors/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    static func system() throws -> R1CS {
        try SnarkjsR1CS.decode(try bytes("snarkjs-example.r1cs"), fileName: "example_circuit.r1cs")
    }

    static func snarkjsPhase1() throws -> PowersOfTau {
        try PowersOfTau(ptau: try bytes("snarkjs-prepared-power12.ptau"), fileName: "phase2.ptau")
    }

    static func initial() throws -> (Phase2Transcript, PreparedPhase1, R1CS) {
        let system = try system()
        let phase1 = try snarkjsPhase1()
        let qap = try QuadraticArithmeticProgram(system)
        let prepared = try PreparedPhase1(phase1, logSize: qap.domain.logSize)
        return (try Phase2Transcript(system: system, prepared: prepared), prepared, system)
    }

    @Test func initialKeyEncodesToSnarkjsZkeyNewOutput() throws {
        let (transcript, _, system) = try Self.initial()
        #expect(system.publicInputCount == 1)
        #expect(system.variableCount == 4)
        let expected = try Self.bytes("snarkjs-example-0contrib.zkey")
        let encoded = try SnarkjsZkey.encode(transcript, system: system)
        #expect(encoded.count == expected.count)
        #expect(encoded == expected)
    }

    @Test func snarkjsZkeyDecodesToOurKeyAndIsRefusedWithoutContribution() throws {
        let (initial, prepared, system) = try Self.initial()
        let decoded = try SnarkjsZkey.decode(
            try Self.bytes("snarkjs-example-0contrib.zkey"), fileName: "zkey_groth16.zkey", system: system,
            phase1Hash: prepared.phase1Hash)
        #expect(decoded.key == initial.key)
        #expect(decoded.hTail == initial.hTail)
        #expect(decoded.circuitHash == initial.circuitHash)
        #expect(decoded.contributions.isEmpty)
        _ = try Phase2Verifier.verify(decoded, system: system, prepared: prepared, requireContribution: false)
        // snarkjs's `zkey verify` accepts this key; with δ = γ = 1 anyone can forge proofs.
        let error = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(decoded, system: system, prepared: prepared)
        }
        #expect(error?.code == .noContribution)
    }

    @Test func ceremonyRoundTripsThroughZkeyAndProves() throws {
        let (transcript, prepared) = try Phase2Tests.ceremony(contributors: 2, beacon: true)
        let system = Phase2Tests.circuit.system
        let zkey = try SnarkjsZkey.encode(transcript, system: system)
        let decoded = try SnarkjsZkey.decode(zkey, fileName: "t.zkey", system: system, phase1Hash: prepared.phase1Hash)
        #expect(decoded.key == transcript.key)
        #expect(decoded.hTail == transcript.hTail)
        #expect(decoded.contributions == transcript.contributions)
        #expect(try SnarkjsZkey.encode(decoded, system: system) == zkey)
        let report = try Phase2Verifier.verify(decoded, system: system, prepared: prepared)
        #expect(report.contributionHashes.count == 3)
        #expect(report.endsWithBeacon)
        let inputs = [Fr(3), Fr(5)]
        let assignment = try Phase2Tests.circuit.assignment(publicInputs: inputs, start: Fr(2))
        let proof = try Prover(key: decoded.key, system: system).prove(assignment)
        #expect(try Verifier(key: transcript.key.verifyingKey).verify(proof, publicInputs: inputs))
        #expect(try !Verifier(key: transcript.key.verifyingKey).verify(proof, publicInputs: [Fr(3), Fr(6)]))
    }

    /// Byte offset of element `index` of section `type` in a container.
    static func offset(_ bytes: [UInt8], section type: UInt32, element index: Int, size: Int) throws -> Int {
        let file = try BinaryContainer(bytes: bytes, expectedMagic: "zkey", fileName: "t.zkey")
        return try file.section(type, "s").lowerBound + index * size
    }

    @Test func tamperedPointsAreRefusedNamingSectionAndElement() throws {
        let (transcript, prepared) = try Phase2Tests.ceremony(contributors: 1, beacon: false)
        let system = Phase2Tests.circuit.system
        let zkey = try SnarkjsZkey.encode(transcript, system: system)
        func decode(_ bytes: [UInt8]) throws -> Phase2Transcript {
            try SnarkjsZkey.decode(bytes, fileName: "t.zkey", system: system, phase1Hash: prepared.phase1Hash)
        }
        var offCurve = zkey
        offCurve[try Self.offset(zkey, section: 9, element: 3, size: 64) + 40] ^= 1
        let error = #expect(throws: CeremonyError.self) { try decode(offCurve) }
        #expect(error?.code == .invalidPoint)
        #expect(error?.message.contains("t.zkey: section 9 (H) element 3") == true)

        // A point on the twist outside the order-r subgroup, in B₂.
        var twisted = zkey
        let b2 = try Self.offset(zkey, section: 7, element: 1, size: 128)
        var encoded = [UInt8]()
        SnarkjsPointCodec.append(try #require(Phase1Tests.twistPointOutsideSubgroup()), to: &encoded)
        twisted.replaceSubrange(b2..<(b2 + 128), with: encoded)
        let subgroupError = #expect(throws: CeremonyError.self) { try decode(twisted) }
        #expect(
            subgroupError?.message.contains("section 7 (B2) element 1: on the twist but not in the order-r subgroup")
                == true)

        // A valid point in the wrong place: decodes, and the verifier refuses it.
        var moved = try decode(zkey)
        moved.key.aQuery[1] = moved.key.aQuery[2]
        let mismatch = #expect(throws: CeremonyError.self) {
            try Phase2Verifier.verify(moved, system: system, prepared: prepared)
        }
        #expect(mismatch?.code == .circuitMismatch)
    }
}
