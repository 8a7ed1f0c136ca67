import BN254

/// One phase-2 contribution record: [δ]₁ after it, and the proof of knowledge of its d — a G1 point s,
/// d·s, and d·r where r = HashToG2(BLAKE2b(circuit hash ‖ previous records ‖ U(s) ‖ U(d·s))) — plus the
/// beacon's public values when it is the beacon (snarkjs's `.zkey` MPC record).
public struct Phase2Contribution: Sendable, Equatable {
    /// [δ]₁ after this contribution.
    public var deltaAfter: G1Affine
    /// s.
    public var s: G1Affine
    /// d·s.
    public var sd: G1Affine
    /// d·r.
    public var rd: G2Affine
    /// The contributor's name, if any.
    public var name: String?
    /// The beacon's values, for the beacon.
    public var beacon: Phase1Contribution.Beacon?

    /// Creates a record.
    public init(
        deltaAfter: G1Affine, s: G1Affine, sd: G1Affine, rd: G2Affine, name: String?,
        beacon: Phase1Contribution.Beacon?
    ) {
        self.deltaAfter = deltaAfter
        self.s = s
        self.sd = sd
        self.rd = rd
        self.name = name
        self.beacon = beacon
    }

    /// U(δ after) ‖ U(s) ‖ U(d·s) ‖ U(d·r): what later transcripts hash (snarkjs's `hashPubKey`).
    public var publicKeyBytes: [UInt8] {
        SnarkjsPointCodec.uncompressed(deltaAfter) + SnarkjsPointCodec.uncompressed(s)
            + SnarkjsPointCodec.uncompressed(sd) + SnarkjsPointCodec.uncompressed(rd)
    }

    /// The contribution hash the participant writes down: BLAKE2b-512 of ``publicKeyBytes``.
    public var contributionHash: [UInt8] { BLAKE2b.hash(publicKeyBytes) }

    /// r for a contribution after `previous`, bound to the circuit hash and every earlier record.
    public static func transcriptPoint(
        circuitHash: [UInt8], previous: ArraySlice<Phase2Contribution>, s: G1Affine, sd: G1Affine
    ) -> G2Affine {
        var hasher = BLAKE2b()
        hasher.update(circuitHash)
        for record in previous { hasher.update(record.publicKeyBytes) }
        hasher.update(SnarkjsPointCodec.uncompressed(s))
        hasher.update(SnarkjsPointCodec.uncompressed(sd))
        return SnarkjsDerivation.hashToG2(hasher.finalize())
    }
}
