import BN254
import Groth16

extension Phase2KeyBuilder {
    /// The H tail of the initial key: [τ^(n−1)·Z(τ)]₁ = [τ^(2n−1)]₁ − [τ^(n−1)]₁, with [τ^(2n−1)]₁ taken as the
    /// identity when the phase-1 transcript's power equals the domain's (snarkjs's prepared 2^(power+1)
    /// block does the same). Only snarkjs's H layout needs it; the prover never uses it.
    /// - Throws: ``CeremonyError`` `.unsupported` when the prepared powers do not reach τ^(2n−2).
    public static func hTail(prepared: PreparedPhase1) throws(CeremonyError) -> G1Affine {
        let n = 1 << prepared.logSize
        let powers = prepared.monomialTauG1
        guard powers.count >= 2 * n - 1 else {
            throw CeremonyError(
                .unsupported, "phase 1 has \(powers.count) powers of [τ]₁; the H query needs \(2 * n - 1)")
        }
        let high = powers.count >= 2 * n ? G1Projective(powers[2 * n - 1]) : .infinity
        return (high - G1Projective(powers[n - 1])).affine
    }

    /// snarkjs's circuit hash (`csHash` of `zkey new`): BLAKE2b-512 over the uncompressed α₁, β₁, β₂, γ₂, δ₁,
    /// δ₂, then each of IC, H (as [τ^i·Z(τ)]₁, i < n − 1), L (snarkjs's C), A, B₁, B₂ preceded by its
    /// length as a big-endian u32. Of the initial key, it is what every phase-2 proof of knowledge is
    /// bound to, here as in snarkjs.
    public static func snarkjsCircuitHash(_ key: ProvingKey) -> [UInt8] {
        var hasher = BLAKE2b()
        let vk = key.verifyingKey
        for point in [vk.alpha, key.betaG1] { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        hasher.update(SnarkjsPointCodec.uncompressed(vk.beta))
        hasher.update(SnarkjsPointCodec.uncompressed(vk.gamma))
        hasher.update(SnarkjsPointCodec.uncompressed(key.deltaG1))
        hasher.update(SnarkjsPointCodec.uncompressed(vk.delta))
        func length(_ count: Int) {
            hasher.update((0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * $0)) })
        }
        for section in [vk.inputCommitments, key.hQuery, key.lQuery, key.aQuery, key.bG1Query] {
            length(section.count)
            for point in section { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        }
        length(key.bG2Query.count)
        for point in key.bG2Query { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        return hasher.finalize()
    }
}
