import BN254

/// One phase-2 contribution record in snarkjs's `.zkey` MPC layout: [δ]₁ after it, the proof of
/// knowledge of its d — a G1 point s, d·s, the transcript hash
/// t = BLAKE2b-512(circuit hash ‖ earlier records' public keys ‖ U(s) ‖ U(d·s)) and d·r with
/// r = HashToG2(t) — plus the contributor's name and, for the beacon, the beacon's public values.
public struct Phase2Contribution: Sendable, Equatable {
    /// [δ]₁ after this contribution.
    public var deltaAfter: G1Affine
    /// s.
    public var s: G1Affine
    /// d·s.
    public var sd: G1Affine
    /// d·r.
    public var rd: G2Affine
    /// The transcript hash t the proof of knowledge is bound to (64 bytes).
    public var transcript: [UInt8]
    /// The contributor's name, if any.
    public var name: String?
    /// The beacon's values, for the beacon.
    public var beacon: Phase1Contribution.Beacon?

    /// Creates a record.
    public init(
        deltaAfter: G1Affine, s: G1Affine, sd: G1Affine, rd: G2Affine, transcript: [UInt8], name: String?,
        beacon: Phase1Contribution.Beacon?
    ) {
        self.deltaAfter = deltaAfter
        self.s = s
        self.sd = sd
        self.rd = rd
        self.transcript = transcript
        self.name = name
        self.beacon = beacon
    }

    /// U(δ after) ‖ U(s) ‖ U(d·s) ‖ U(d·r) ‖ t: what later transcripts hash (snarkjs's `hashPubKey`).
    public var publicKeyBytes: [UInt8] {
        SnarkjsPointCodec.uncompressed(deltaAfter) + SnarkjsPointCodec.uncompressed(s)
            + SnarkjsPointCodec.uncompressed(sd) + SnarkjsPointCodec.uncompressed(rd) + transcript
    }

    /// The contribution hash the participant writes down: BLAKE2b-512 of ``publicKeyBytes`` (the hash
    /// snarkjs's `zkey contribute` prints and `zkey verify` lists).
    public var contributionHash: [UInt8] { BLAKE2b.hash(publicKeyBytes) }

    /// The transcript hash t for a contribution after `previous` (snarkjs's `zkey contribute`).
    public static func transcriptHash(
        circuitHash: [UInt8], previous: ArraySlice<Phase2Contribution>, s: G1Affine, sd: G1Affine
    ) -> [UInt8] {
        var hasher = BLAKE2b()
        hasher.update(circuitHash)
        for record in previous { hasher.update(record.publicKeyBytes) }
        hasher.update(SnarkjsPointCodec.uncompressed(s))
        hasher.update(SnarkjsPointCodec.uncompressed(sd))
        return hasher.finalize()
    }
}
