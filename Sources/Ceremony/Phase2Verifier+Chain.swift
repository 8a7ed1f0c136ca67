import BN254
import Groth16

extension Phase2Verifier {
    /// Checks what a transcript proves about itself, without phase 1 or the circuit: at least one
    /// contribution; every record's transcript hash is the one its position determines (circuit hash
    /// and all earlier records), its proof of knowledge holds for it and links the previous [δ]₁ to its
    /// own; a beacon's values re-derive from its announced value; the key's [δ]₁ is the last record's,
    /// [δ]₂ carries the same δ, and δ ≠ 1. (``verify(_:system:prepared:progress:)`` adds the checks
    /// against the circuit and phase 1.)
    /// - Returns: the contribution hashes in order.
    /// - Throws: ``CeremonyError`` naming the contribution and the check that failed.
    ///
    /// With `requireContribution` false, a transcript with no contribution passes when its δ is still 1
    /// (the state a first contributor starts from).
    public static func verifyChain(
        _ transcript: Phase2Transcript, requireContribution: Bool = true, progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> [[UInt8]] {
        let key = transcript.key
        if !requireContribution && transcript.contributions.isEmpty {
            guard key.deltaG1 == .generator, key.verifyingKey.delta == .generator else {
                throw CeremonyError(.invalidContribution, "the key's δ is not 1 but no contribution is recorded")
            }
            return []
        }
        guard !transcript.contributions.isEmpty else {
            throw CeremonyError(
                .noContribution, "the key has no phase-2 contribution: δ = γ = 1 and proofs can be forged")
        }
        var previousDelta = G1Affine.generator
        var hashes = [[UInt8]]()
        for (offset, record) in transcript.contributions.enumerated() {
            let index = offset + 1
            progress("checking contribution \(index) of \(transcript.contributions.count)")
            func fail(_ code: CeremonyError.Code, _ check: String) -> CeremonyError {
                CeremonyError(code, "phase-2 contribution \(index)\(record.name.map { " (\($0))" } ?? ""): \(check)")
            }
            if let beacon = record.beacon {
                let (secret, s) = try Phase2Contributor.beaconSecret(
                    beaconHash: beacon.hash, iterationsExponent: beacon.iterationsExponent)
                guard s == record.s, (G1Projective(s) * secret).affine == record.sd,
                    (G1Projective(previousDelta) * secret).affine == record.deltaAfter
                else {
                    throw fail(.beaconMismatch, "the values are not the ones derived from the announced beacon")
                }
            }
            let expected = Phase2Contribution.transcriptHash(
                circuitHash: transcript.circuitHash, previous: transcript.contributions[..<offset], s: record.s,
                sd: record.sd)
            guard record.transcript == expected else {
                throw fail(
                    .invalidContribution,
                    "its transcript hash is not the one of this circuit and the earlier contributions (skipped, reordered or foreign)"
                )
            }
            let r = SnarkjsDerivation.hashToG2(expected)
            guard SameRatio.holds(record.s, record.sd, r, record.rd) else {
                throw fail(.invalidContribution, "the proof of knowledge of d does not hold for this transcript")
            }
            guard SameRatio.holds(previousDelta, record.deltaAfter, r, record.rd) else {
                throw fail(.invalidContribution, "[δ]₁ after it is not the previous [δ]₁ times the proven d")
            }
            previousDelta = record.deltaAfter
            hashes.append(record.contributionHash)
        }
        guard key.deltaG1 == previousDelta else {
            throw CeremonyError(.invalidContribution, "the key's [δ]₁ is not the last contribution's")
        }
        guard key.verifyingKey.delta != .generator, key.deltaG1 != .generator else {
            throw CeremonyError(.noContribution, "the key's δ is 1: its setup randomness is public")
        }
        guard SameRatio.holds(.generator, key.deltaG1, .generator, key.verifyingKey.delta) else {
            throw CeremonyError(.invalidContribution, "[δ]₂ does not carry the same δ as [δ]₁")
        }
        return hashes
    }
}
