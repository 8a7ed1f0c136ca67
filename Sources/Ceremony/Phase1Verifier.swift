import BN254

/// Verifies a whole phase-1 transcript.
///
/// For every contribution (with the previous record, or the generators for the first): the beacon's
/// values are re-derived when it is a beacon; the three proofs of knowledge SameRatio((s, x·s), (r, x·r))
/// with r recomputed from the previous challenge hash; and the five links from the previous state's first
/// elements to the new ones. For the final state: its first elements are the last record's, the
/// response and challenge hashes recomputed from the state match the last record (the hash chain), the
/// leading elements are the generators, and all powers are consistent (random 64-bit linear combinations
/// of consecutive elements, checked with pairings against [τ]₂ and [τ]₁).
public enum Phase1Verifier {
    /// What a successful verification established.
    public struct Report: Sendable {
        /// The number of contributions.
        public let contributionCount: Int
        /// The response hash of each contribution (BLAKE2b-512), in order: what each participant wrote down.
        public let responseHashes: [[UInt8]]
        /// The challenge hash of the final state (the last record's next challenge).
        public let finalHash: [UInt8]
        /// Whether the last contribution is a beacon.
        public let endsWithBeacon: Bool
    }

    /// Verifies `transcript`.
    /// - Parameters:
    ///   - requireContribution: refuse a transcript with no contribution (its τ is 1, known to all).
    ///   - progress: called with a short line per step.
    /// - Throws: ``CeremonyError`` naming the contribution and the check that failed.
    public static func verify(
        _ transcript: PowersOfTau, requireContribution: Bool = true, progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> Report {
        let contributions = transcript.contributions
        if requireContribution && contributions.isEmpty {
            throw CeremonyError(.noContribution, "the phase-1 transcript has no contribution: τ = 1 is public")
        }
        let firstChallenge = try PowersOfTau.firstChallengeHash(power: transcript.ceremonyPower)
        var responseHashes = [[UInt8]]()
        for (offset, current) in contributions.enumerated() {
            let index = offset + 1
            progress("checking contribution \(index) of \(contributions.count)")
            let previous = offset == 0 ? nil : contributions[offset - 1]
            try verifyContribution(
                current, index: index, previous: previous,
                challenge: previous?.nextChallenge ?? firstChallenge)
            responseHashes.append(try current.responseHash(contribution: index))
        }
        try verifyState(transcript, firstChallenge: firstChallenge, progress: progress)
        return Report(
            contributionCount: contributions.count, responseHashes: responseHashes,
            finalHash: contributions.last?.nextChallenge ?? firstChallenge,
            endsWithBeacon: contributions.last?.beacon != nil)
    }

    /// Checks one contribution against the state it started from.
    static func verifyContribution(
        _ current: Phase1Contribution, index: Int, previous: Phase1Contribution?, challenge: [UInt8]
    ) throws(CeremonyError) {
        func fail(_ code: CeremonyError.Code, _ check: String) -> CeremonyError {
            CeremonyError(code, "contribution \(index)\(current.name.map { " (\($0))" } ?? ""): \(check)")
        }
        if let beacon = current.beacon {
            var generator = try SnarkjsDerivation.beaconGenerator(
                beaconHash: beacon.hash, iterationsExponent: beacon.iterationsExponent)
            let derived = Phase1Contributor.deriveKey(challenge: challenge, generator: &generator)
            guard derived.publicKey == current.key else {
                throw fail(.beaconMismatch, "the public key is not the one derived from the announced beacon")
            }
        }
        let g1 = G1Affine.generator
        let g2 = G2Affine.generator
        let before =
            previous.map { ($0.tauG1, $0.tauG2, $0.alphaG1, $0.betaG1, $0.betaG2) } ?? (g1, g2, g1, g1, g2)
        let key = current.key
        let rTau = Phase1PublicKey.transcriptPoint(
            personalisation: 0, challenge: challenge, s: key.tau.s, sx: key.tau.sx)
        let rAlpha = Phase1PublicKey.transcriptPoint(
            personalisation: 1, challenge: challenge, s: key.alpha.s, sx: key.alpha.sx)
        let rBeta = Phase1PublicKey.transcriptPoint(
            personalisation: 2, challenge: challenge, s: key.beta.s, sx: key.beta.sx)
        let checks: [(String, G1Affine, G1Affine, G2Affine, G2Affine)] = [
            ("proof of knowledge of τ (for this transcript's challenge)", key.tau.s, key.tau.sx, rTau, key.tau.rx),
            (
                "proof of knowledge of α (for this transcript's challenge)", key.alpha.s, key.alpha.sx, rAlpha,
                key.alpha.rx
            ),
            ("proof of knowledge of β (for this transcript's challenge)", key.beta.s, key.beta.sx, rBeta, key.beta.rx),
            ("[τ]₁ is not the previous [τ]₁ times the proven τ", before.0, current.tauG1, rTau, key.tau.rx),
            ("[α]₁ is not the previous [α]₁ times the proven α", before.2, current.alphaG1, rAlpha, key.alpha.rx),
            ("[β]₁ is not the previous [β]₁ times the proven β", before.3, current.betaG1, rBeta, key.beta.rx),
        ]
        for (check, a, b, c, d) in checks where !SameRatio.holds(a, b, c, d) {
            throw fail(.invalidContribution, check)
        }
        guard SameRatio.holds(key.tau.s, key.tau.sx, before.1, current.tauG2) else {
            throw fail(.invalidContribution, "[τ]₂ is not the previous [τ]₂ times the proven τ")
        }
        guard SameRatio.holds(key.beta.s, key.beta.sx, before.4, current.betaG2) else {
            throw fail(.invalidContribution, "[β]₂ is not the previous [β]₂ times the proven β")
        }
    }

    /// Checks the accumulated powers and the hash chain of the last contribution.
    static func verifyState(
        _ transcript: PowersOfTau, firstChallenge: [UInt8], progress: (String) -> Void
    ) throws(CeremonyError) {
        let g1 = G1Affine.generator
        let g2 = G2Affine.generator
        guard transcript.tauG1[0] == g1, transcript.tauG2[0] == g2 else {
            throw CeremonyError(.inconsistentState, "the state's [τ⁰]₁ or [τ⁰]₂ is not the generator")
        }
        if let last = transcript.contributions.last {
            let index = transcript.contributions.count
            guard transcript.tauG1[1] == last.tauG1, transcript.tauG2[1] == last.tauG2,
                transcript.alphaTauG1[0] == last.alphaG1, transcript.betaTauG1[0] == last.betaG1,
                transcript.betaG2 == last.betaG2
            else {
                throw CeremonyError(
                    .brokenHashChain,
                    "contribution \(index): the state's first elements are not the ones this contribution produced")
            }
            if transcript.power == transcript.ceremonyPower {
                progress("recomputing the hash chain of the final state")
                let challenge = index > 1 ? transcript.contributions[index - 2].nextChallenge : firstChallenge
                var response = BLAKE2b()
                response.update(challenge)
                transcript.hashCompressed(into: &response)
                response.update(last.key.uncompressed)
                let responseHash = response.finalize()
                guard responseHash == (try last.responseHash(contribution: index)) else {
                    throw CeremonyError(
                        .brokenHashChain,
                        "contribution \(index): its response hash is not the hash of the previous challenge and the final state"
                    )
                }
                let next = transcript.stateHash(after: responseHash)
                guard next == last.nextChallenge else {
                    throw CeremonyError(
                        .brokenHashChain,
                        "contribution \(index): its next-challenge hash is not the hash of the final state")
                }
            }
        }
        progress("checking the consistency of all powers (batched, 64-bit randomisers)")
        let tauG2 = transcript.tauG2[1]
        let tauG1 = transcript.tauG1[1]
        let vectors: [(String, [G1Affine])] = [
            ("[τ^i]₁", transcript.tauG1), ("[ατ^i]₁", transcript.alphaTauG1), ("[βτ^i]₁", transcript.betaTauG1),
        ]
        for (name, points) in vectors {
            let (left, right) = try SameRatio.consecutive(points, SameRatio.randomisers(points.count - 1))
            guard SameRatio.holds(left, right, g2, tauG2) else {
                throw CeremonyError(.inconsistentState, "the powers \(name) are not successive multiples by τ")
            }
        }
        let (left, right) = try SameRatio.consecutive(
            transcript.tauG2, SameRatio.randomisers(transcript.tauG2.count - 1))
        guard SameRatio.holds(g1, tauG1, left, right) else {
            throw CeremonyError(.inconsistentState, "the powers [τ^i]₂ are not successive multiples by τ")
        }
        guard SameRatio.holds(g1, transcript.betaTauG1[0], g2, transcript.betaG2) else {
            throw CeremonyError(.inconsistentState, "[β]₂ does not carry the same β as [β]₁")
        }
    }
}
