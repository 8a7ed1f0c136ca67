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

/// `phase1 prepare` against snarkjs's `powersoftau prepare phase2`: zkpy 0.2.0's `phase2.ptau` is the
/// prepared form of a snarkjs power-12 transcript (its own, not `beaconed.ptau`'s). From its sections 1–7
/// we must write the whole file again, byte for byte: sections 12–15 for every domain 2^0 … 2^12 and the
/// 2^13 block of [τ^i]₁ with the missing [τ^8191]₁ taken as the identity.
@Suite struct SnarkjsLagrangeTests {
    struct Vector: Decodable {
        let source: String
        let logSize: Int
        let lagrangeTauG1: [String]
        let lagrangeTauG2: [String]
        let lagrangeAlphaTauG1: [String]
    }

    static func load() throws -> (PowersOfTau, [UInt8]) {
        let bytes = try SnarkjsZkeyTests.bytes("snarkjs-prepared-power12.ptau")
        return (try PowersOfTau(ptau: bytes, fileName: "phase2.ptau"), bytes)
    }

    @Test func matchesSnarkjsPreparedSections() throws {
        let vector = try loadVectors(Vector.self, "snarkjs-lagrange-power3.json")
        let (transcript, _) = try Self.load()
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

    @Test func preparedFileEqualsSnarkjsOutput() throws {
        let (transcript, expected) = try Self.load()
        let report = try Phase1Verifier.verify(transcript)
        #expect(report.contributionCount == 2)
        let prepared = transcript.ptauBytes(extraSections: try PreparedPhase1.snarkjsSections(transcript))
        #expect(prepared.count == expected.count)
        #expect(prepared == expected)
    }
}
