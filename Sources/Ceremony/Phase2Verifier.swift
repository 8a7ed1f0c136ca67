import BN254
import Groth16

/// Verifies a phase-2 transcript against the circuit and a verified, prepared phase 1.
///
/// Rebuilds the initial key and requires: the transcript's circuit and phase-1 hashes are the rebuilt
/// ones; α, β, γ, the IC points and the A, B₁, B₂ queries equal the rebuilt key's; every contribution's
/// proof of knowledge holds for a transcript point bound to the circuit hash and all earlier records,
/// and links the previous [δ]₁ to its own; a beacon's values re-derive from its announced value; the
/// key's [δ]₁ is the last record's and [δ]₂ carries the same δ; at least one contribution was made
/// (δ ≠ 1); and L and H are the initial ones divided by δ (batched with 64-bit randomisers).
public enum Phase2Verifier {
    /// What a successful verification established.
    public struct Report: Sendable {
        /// Each contribution's hash, in order.
        public let contributionHashes: [[UInt8]]
        /// Whether the last contribution is a beacon.
        public let endsWithBeacon: Bool
    }

    /// Verifies `transcript` for `system`.
    /// - Throws: ``CeremonyError`` naming the contribution and check that failed.
    /// With `requireContribution` false, a transcript without contributions (the starting point of a
    /// ceremony, e.g. an imported snarkjs `zkey new` output) passes.
    public static func verify(
        _ transcript: Phase2Transcript, system: R1CS, prepared: PreparedPhase1, requireContribution: Bool = true,
        progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> Report {
        progress("rebuilding the initial key from the circuit and phase 1")
        let initial = try Phase2Transcript(system: system, prepared: prepared, progress: progress)
        return try verify(transcript, initial: initial, requireContribution: requireContribution, progress: progress)
    }

    /// Verifies `transcript` against an already rebuilt initial transcript (no contributions).
    public static func verify(
        _ transcript: Phase2Transcript, initial start: Phase2Transcript, requireContribution: Bool = true,
        progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> Report {
        let initial = start.key
        let phase1Hash = start.phase1Hash
        let key = transcript.key
        guard transcript.phase1Hash == phase1Hash else {
            throw CeremonyError(
                .circuitMismatch, "the transcript was not built from this phase-1 transcript (hash differs)")
        }
        guard key.verifyingKey.circuitDigest == initial.verifyingKey.circuitDigest else {
            throw CeremonyError(.circuitMismatch, "the key is for another circuit (circuit digest differs)")
        }
        guard transcript.circuitHash == start.circuitHash else {
            throw CeremonyError(
                .circuitMismatch, "the circuit hash is not that of the key the circuit and phase 1 determine")
        }
        let fixed: [(String, Bool)] = [
            ("[α]₁", key.verifyingKey.alpha == initial.verifyingKey.alpha),
            ("[β]₂", key.verifyingKey.beta == initial.verifyingKey.beta),
            ("[γ]₂", key.verifyingKey.gamma == initial.verifyingKey.gamma),
            ("[β]₁", key.betaG1 == initial.betaG1),
            ("the IC points", key.verifyingKey.inputCommitments == initial.verifyingKey.inputCommitments),
            ("the A query", key.aQuery == initial.aQuery),
            ("the B₁ query", key.bG1Query == initial.bG1Query),
            ("the B₂ query", key.bG2Query == initial.bG2Query),
            ("the L query's length", key.lQuery.count == initial.lQuery.count),
            ("the H query's length", key.hQuery.count == initial.hQuery.count),
        ]
        for (name, same) in fixed where !same {
            throw CeremonyError(.circuitMismatch, "\(name) differs from the key the circuit and phase 1 determine")
        }
        let hashes = try verifyChain(transcript, requireContribution: requireContribution, progress: progress)
        progress("checking L and H against the initial key (batched)")
        let pairs = [
            ("L", key.lQuery, initial.lQuery), ("H", key.hQuery + [transcript.hTail], initial.hQuery + [start.hTail]),
        ]
        for (name, final, start) in pairs {
            let rho = SameRatio.randomisers(final.count)
            let sums: (G1Affine, G1Affine)
            do throws(BN254Error) {
                sums = (
                    try G1Projective.multiScalarMultiplication(bases: final, scalars: rho).affine,
                    try G1Projective.multiScalarMultiplication(bases: start, scalars: rho).affine
                )
            } catch {
                throw CeremonyError(.invalidContribution, "internal: \(error.message)")
            }
            guard SameRatio.holds(sums.0, sums.1, .generator, key.verifyingKey.delta) else {
                throw CeremonyError(.invalidContribution, "the \(name) query is not the initial one divided by δ")
            }
        }
        return Report(contributionHashes: hashes, endsWithBeacon: transcript.contributions.last?.beacon != nil)
    }
}
