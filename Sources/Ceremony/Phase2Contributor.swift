import BN254
import Groth16

/// Makes phase-2 contributions: δ ← d·δ, every L and H point (and the H tail) ← d⁻¹·point, and a proof of knowledge of d
/// bound to the circuit hash and all earlier records. d comes from the system CSPRNG (a secret
/// contribution) or from a public beacon exactly as snarkjs's `zkey beacon` derives it.
public enum Phase2Contributor {
    /// Adds a secret contribution.
    /// - Returns: the contribution hash the participant writes down.
    @discardableResult
    public static func contribute(
        to transcript: inout Phase2Transcript, name: String?, progress: (String) -> Void = { _ in }
    ) -> [UInt8] {
        var random = SecureRandom()
        func nonZero() -> Fr {
            while true {
                let value = Fr.random(using: &random)
                if !value.isZero { return value }
            }
        }
        var secret = nonZero()
        defer { secret = .zero }
        let s = (G1Projective.generator * nonZero()).affine
        return apply(secret, s: s, to: &transcript, name: name, beacon: nil, progress: progress)
    }

    /// Adds the beacon: d and s derived from SHA-256 iterated 2^`iterationsExponent` times over `beaconHash`.
    /// - Throws: ``CeremonyError`` `.unsupported` for an exponent outside 0…63 or an empty/over-long value.
    @discardableResult
    public static func beacon(
        to transcript: inout Phase2Transcript, beaconHash: [UInt8], iterationsExponent: Int, name: String?,
        progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> [UInt8] {
        guard !beaconHash.isEmpty, beaconHash.count <= 255 else {
            throw CeremonyError(.unsupported, "the beacon value must be 1…255 bytes")
        }
        progress("deriving the beacon secret (2^\(iterationsExponent) SHA-256 iterations)")
        let (secret, s) = try beaconSecret(beaconHash: beaconHash, iterationsExponent: iterationsExponent)
        return apply(
            secret, s: s, to: &transcript, name: name,
            beacon: .init(hash: beaconHash, iterationsExponent: iterationsExponent), progress: progress)
    }

    /// d and s of a beacon (snarkjs: `Fr.fromRng`, then `G1.fromRng`).
    static func beaconSecret(beaconHash: [UInt8], iterationsExponent: Int) throws(CeremonyError) -> (Fr, G1Affine) {
        var generator = try SnarkjsDerivation.beaconGenerator(
            beaconHash: beaconHash, iterationsExponent: iterationsExponent)
        let secret = SnarkjsDerivation.field(Fr.self, from: &generator)
        return (secret, SnarkjsDerivation.g1Point(from: &generator))
    }

    static func apply(
        _ secret: Fr, s: G1Affine, to transcript: inout Phase2Transcript, name: String?,
        beacon: Phase1Contribution.Beacon?, progress: (String) -> Void
    ) -> [UInt8] {
        guard let inverse = secret.inverse() else { preconditionFailure("d is drawn nonzero") }
        let sd = (G1Projective(s) * secret).affine
        let transcriptHash = Phase2Contribution.transcriptHash(
            circuitHash: transcript.circuitHash, previous: transcript.contributions[...], s: s, sd: sd)
        let rd = (G2Projective(SnarkjsDerivation.hashToG2(transcriptHash)) * secret).affine
        var key = transcript.key
        key.deltaG1 = (G1Projective(key.deltaG1) * secret).affine
        key.verifyingKey.delta = (G2Projective(key.verifyingKey.delta) * secret).affine
        progress("scaling \(key.lQuery.count) L and \(key.hQuery.count) H points by 1/d")
        let l = key.lQuery
        key.lQuery = G1Projective.batchNormalise(Parallel.map(l.count) { G1Projective(l[$0]) * inverse })
        let h = key.hQuery
        key.hQuery = G1Projective.batchNormalise(Parallel.map(h.count) { G1Projective(h[$0]) * inverse })
        transcript.key = key
        transcript.hTail = (G1Projective(transcript.hTail) * inverse).affine
        let record = Phase2Contribution(
            deltaAfter: key.deltaG1, s: s, sd: sd, rd: rd, transcript: transcriptHash, name: name, beacon: beacon)
        transcript.contributions.append(record)
        return record.contributionHash
    }
}
