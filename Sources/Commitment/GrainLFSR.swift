import BN254

/// The Grain LFSR in self-shrinking mode: the pseudo-random source from which the Poseidon reference
/// (`generate_parameters_grain.sage`, appendix F of the Poseidon paper, eprint 2019/458) derives
/// round constants and MDS matrices.
///
/// - The 80-bit state b₀…b₇₉ is initialised with, most significant bit first: the field type in 2
///   bits (1 = prime field), the S-box type in 4 bits (0 = x^α), the field size n in 12 bits, the
///   width t in 12 bits, R_F in 10 bits, R_P in 10 bits, then 30 one bits.
/// - Each step computes b₈₀ = b₆₂ ⊕ b₅₁ ⊕ b₃₈ ⊕ b₂₃ ⊕ b₁₃ ⊕ b₀ and shifts it in; the first 160
///   bits are discarded.
/// - Self-shrinking: bits are taken in pairs; when the first is 1 the second is output, otherwise
///   both are dropped.
/// - A field element is n output bits read as a big-endian integer.
struct GrainLFSR {
    /// b₀ is bit 0, b₇₉ is bit 79.
    private var state: UInt128

    /// Seeds the generator for a prime field with x^α S-box, and discards the first 160 bits.
    init(fieldBits n: Int, width t: Int, fullRounds: Int, partialRounds: Int) {
        var fields: [(value: Int, width: Int)] = [
            (1, 2), (0, 4), (n, 12), (t, 12), (fullRounds, 10), (partialRounds, 10),
        ]
        fields.append(((1 << 30) - 1, 30))
        var seeded: UInt128 = 0
        var position = 0
        for field in fields {
            for offset in stride(from: field.width - 1, through: 0, by: -1) {
                if (field.value >> offset) & 1 == 1 { seeded |= UInt128(1) << UInt128(position) }
                position += 1
            }
        }
        state = seeded
        for _ in 0..<160 { _ = step() }
    }

    /// One LFSR step: the new bit b₈₀ (which is also shifted in).
    private mutating func step() -> UInt8 {
        let s = state
        var taps: UInt128 = s ^ (s >> 13)
        taps ^= (s >> 23) ^ (s >> 38)
        taps ^= (s >> 51) ^ (s >> 62)
        let bit: UInt128 = taps & 1
        state = (s >> 1) | (bit << 79)
        return UInt8(truncatingIfNeeded: bit)
    }

    /// The next self-shrunk output bit.
    mutating func nextBit() -> UInt8 {
        while true {
            let keep = step()
            let bit = step()
            if keep == 1 { return bit }
        }
    }

    /// The next `bitCount` output bits (at most 256) as a big-endian integer.
    mutating func nextInteger(bitCount: Int) -> UInt256 {
        var limbs: [UInt64] = [0, 0, 0, 0]
        for index in stride(from: bitCount - 1, through: 0, by: -1) {
            let bit = nextBit()
            if bit == 1 { limbs[index / 64] |= UInt64(1) << UInt64(index % 64) }
        }
        return UInt256(limbs[0], limbs[1], limbs[2], limbs[3])
    }
}
