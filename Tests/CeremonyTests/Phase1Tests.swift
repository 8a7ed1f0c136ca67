import BN254
import Ceremony
import Foundation
import Testing

/// Our own phase-1 ceremonies at small powers: contributions and a beacon verify; every kind of tampering
/// is rejected with a typed error naming the contribution and the check.
@Suite struct Phase1Tests {
    static func ceremony(power: Int = 4, contributors: Int = 2, beacon: Bool = true) throws -> PowersOfTau {
        var transcript = try PowersOfTau(power: power)
        for index in 0..<contributors {
            try Phase1Contributor.contribute(to: &transcript, name: "participant \(index + 1)")
        }
        if beacon {
            try Phase1Contributor.beacon(
                to: &transcript, beaconHash: Array(0..<32), iterationsExponent: 3, name: "beacon")
        }
        return transcript
    }

    @Test func threeContributionsWithBeaconVerify() throws {
        let transcript = try Self.ceremony()
        let report = try Phase1Verifier.verify(transcript)
        #expect(report.contributionCount == 3)
        #expect(report.endsWithBeacon)
        #expect(report.finalHash == transcript.contributions[2].nextChallenge)
    }

    @Test func ptauRoundTripPreservesTheTranscript() throws {
        let transcript = try Self.ceremony(contributors: 1, beacon: true)
        let decoded = try PowersOfTau(ptau: transcript.ptauBytes(), fileName: "round-trip.ptau")
        #expect(decoded.tauG1 == transcript.tauG1)
        #expect(decoded.tauG2 == transcript.tauG2)
        #expect(decoded.betaG2 == transcript.betaG2)
        #expect(decoded.contributions == transcript.contributions)
        _ = try Phase1Verifier.verify(decoded)
    }

    @Test func freshTranscriptIsRefusedAsHavingNoContribution() throws {
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(try PowersOfTau(power: 3)) }
        #expect(error?.code == .noContribution)
    }

    @Test func tamperedPowerIsRejectedByTheBatchedCheck() throws {
        var transcript = try Self.ceremony(contributors: 1, beacon: false)
        transcript.tauG1[5] = (G1Projective(transcript.tauG1[5]) * Fr(2)).affine
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(transcript) }
        // The hash chain of the final state catches it first; without the chain the batched check would.
        #expect(error?.code == .brokenHashChain)
        #expect(error?.message.contains("contribution 1") == true)
    }

    @Test func tamperedPowerWithRecomputedHashesIsRejectedAsInconsistent() throws {
        // A forger who also rewrites the hashes still fails the batched consistency check.
        var transcript = try PowersOfTau(power: 3)
        transcript.tauG1[6] = (G1Projective(transcript.tauG1[6]) * Fr(3)).affine
        let error = #expect(throws: CeremonyError.self) {
            try Phase1Verifier.verify(transcript, requireContribution: false)
        }
        #expect(error?.code == .inconsistentState)
        #expect(error?.message.contains("[τ^i]₁") == true)
    }

    @Test func proofOfKnowledgeForAnotherTranscriptIsRejected() throws {
        let a = try Self.ceremony(contributors: 2, beacon: false)
        let b = try Self.ceremony(contributors: 2, beacon: false)
        var spliced = b
        spliced.contributions[0] = a.contributions[0]
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(spliced) }
        #expect(error?.code == .invalidContribution)
        #expect(error?.message.contains("contribution 2") == true)
        #expect(error?.message.contains("proof of knowledge of τ") == true)
    }

    @Test func skippedContributionIsRejected() throws {
        var transcript = try Self.ceremony(contributors: 3, beacon: false)
        transcript.contributions.remove(at: 1)
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(transcript) }
        #expect(error?.code == .invalidContribution)
        #expect(error?.message.contains("contribution 2") == true)
    }

    @Test func brokenHashChainIsRejected() throws {
        var transcript = try Self.ceremony(contributors: 1, beacon: false)
        transcript.contributions[0].nextChallenge[0] ^= 1
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(transcript) }
        #expect(error?.code == .brokenHashChain)
    }

    @Test func beaconWithOtherAnnouncedValueIsRejected() throws {
        var transcript = try Self.ceremony(contributors: 1, beacon: true)
        transcript.contributions[1].beacon?.hash[0] ^= 1
        let error = #expect(throws: CeremonyError.self) { try Phase1Verifier.verify(transcript) }
        #expect(error?.code == .beaconMismatch)
        #expect(error?.message.contains("contribution 2") == true)
    }

    @Test func pointOutsideTheG2SubgroupIsRejectedNamingSectionAndElement() throws {
        let transcript = try Self.ceremony(contributors: 1, beacon: false)
        var bytes = transcript.ptauBytes()
        let outside = try #require(Self.twistPointOutsideSubgroup())
        var encoded = [UInt8]()
        SnarkjsPointCodec.append(outside, to: &encoded)
        // Section 3 ([τ^i]₂) starts after the 12-byte file header, section 1 (12 + 44 bytes) and
        // section 2's header (12 bytes) and body; element 5.
        let n = transcript.size
        let offset = 12 + (12 + 44) + (12 + (2 * n - 1) * 64) + 12 + 5 * 128
        bytes.replaceSubrange(offset..<(offset + 128), with: encoded)
        let error = #expect(throws: CeremonyError.self) { try PowersOfTau(ptau: bytes, fileName: "bad.ptau") }
        #expect(error?.code == .invalidPoint)
        #expect(error?.message.contains("bad.ptau: section 3 (tauG2) element 5") == true)
        #expect(error?.message.contains("subgroup") == true)
    }

    @Test func offCurveG1PointIsRejected() throws {
        let transcript = try Self.ceremony(contributors: 1, beacon: false)
        var bytes = transcript.ptauBytes()
        let offset = 12 + (12 + 44) + 12 + 2 * 64
        bytes[offset] ^= 1
        let error = #expect(throws: CeremonyError.self) { try PowersOfTau(ptau: bytes, fileName: "bad.ptau") }
        #expect(error?.code == .invalidPoint)
        #expect(error?.message.contains("section 2 (tauG1) element 2") == true)
    }

    /// A point on the twist whose order is not r (x = 1 + k·u for the first k giving a square).
    static func twistPointOutsideSubgroup() -> G2Affine? {
        for k in 1..<100 {
            let x = Fq2(Fq(1), Fq(UInt64(k)))
            if let y = (x * x * x + G2Affine.twistB).squareRoot() {
                let point = G2Affine(x: x, y: y)
                if point.isOnCurve && !point.isInSubgroup { return point }
            }
        }
        return nil
    }

    @Test func lagrangeFormSatisfiesTheInterpolationLaws() throws {
        // Σ_j L_j(τ) = 1 and Σ_j ω^j·L_j(τ) = τ for every τ.
        let transcript = try Self.ceremony(power: 4, contributors: 1, beacon: false)
        let logSize = 3
        let lagrange = try LagrangeBasis.fromPowers(transcript.tauG1[...], logSize: logSize)
        let domain = try EvaluationDomain(size: 1 << logSize)
        var sum = G1Projective.infinity
        var weighted = G1Projective.infinity
        for (j, point) in lagrange.enumerated() {
            sum = sum.adding(point)
            weighted = weighted + G1Projective(point) * domain.element(j)
        }
        #expect(sum.affine == G1Affine.generator)
        #expect(weighted.affine == transcript.tauG1[1])
    }
}
