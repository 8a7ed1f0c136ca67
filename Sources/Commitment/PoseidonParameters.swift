import BN254

/// The constants of one circomlib Poseidon instance over BN254's Fr: width t, x⁵ S-box, 8 full
/// rounds and the width's partial rounds, with round constants and an MDS matrix generated in code
/// by the reference Grain-LFSR procedure (not pasted tables).
///
/// ## Generation (matches circomlib / circomlibjs `poseidon_constants`)
/// circomlib's constants were produced by the Poseidon reference script
/// `generate_parameters_grain.sage 1 0 254 t 8 R_P 0x30644e72…f0000001`, i.e. prime field, S-box
/// x^α, n = 254, the width t, R_F = 8 and the width's R_P. From one ``GrainLFSR`` seeded with those
/// parameters:
/// 1. Round constants: (R_F + R_P)·t values, each 254 LFSR bits read big-endian and **rejected**
///    (the next 254 bits taken instead) when ≥ r.
/// 2. MDS: continuing the same stream, 2t values of 254 bits **reduced** mod r (no rejection); if two
///    coincide, 2t fresh values are drawn. The first t are xᵢ, the last t are yⱼ, and
///    M[i][j] = 1 / (xᵢ + yⱼ) (a Cauchy matrix; redrawn if some xᵢ + yⱼ = 0).
///
/// The reference script also runs algebraic security checks on M and redraws it if they fail;
/// circomlib's matrices are the first draw, which is what this type computes. That is confirmed by
/// published and independent hash vectors for t = 2…13, 15 and 17, and for t = 14 and 16 by entries
/// of circomlibjs' MDS tables (drawn after all round constants, so they also confirm that stream).
public struct PoseidonParameters: Sendable {
    /// The state width t (inputs + 1).
    public let width: Int
    /// Full rounds R_F (always 8): half before the partial rounds, half after.
    public let fullRounds: Int
    /// Partial rounds R_P for this width.
    public let partialRounds: Int
    /// Round constants, t per round, round after round: `roundConstants[round * t + i]`.
    public let roundConstants: [Fr]
    /// The MDS matrix row-major: `mds[i * t + j]` = M[i][j]; the new state is Mᵢ·state.
    public let mds: [Fr]
    /// The same permutation with sparse partial rounds (derived from the two above), for speed.
    let sparse: SparseRounds

    /// The smallest width circomlib defines (one input).
    public static let minimumWidth = 2
    /// The largest width circomlib defines (16 inputs).
    public static let maximumWidth = 17
    /// circomlib's partial-round counts for t = 2…17 (from the paper's round-number script,
    /// rounded up): `partialRoundCounts[t − 2]`.
    public static let partialRoundCounts = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68]
    /// R_F.
    public static let fullRoundCount = 8
    /// n: the bit length of r.
    static let fieldBits = 254

    /// Generates the constants for width `t` (2…17) from the Grain LFSR. Costs a few milliseconds:
    /// use ``forWidth(_:)``, which caches one instance per width.
    init(generatingWidth t: Int) {
        let partial = Self.partialRoundCounts[t - 2]
        var lfsr = GrainLFSR(
            fieldBits: Self.fieldBits, width: t, fullRounds: Self.fullRoundCount, partialRounds: partial)
        var constants: [Fr] = []
        let constantCount = (Self.fullRoundCount + partial) * t
        constants.reserveCapacity(constantCount)
        while constants.count < constantCount {
            let candidate = lfsr.nextInteger(bitCount: Self.fieldBits)
            // Rejection sampling: a draw ≥ r is discarded and the next one taken.
            if candidate < Fr.modulus { constants.append(Fr(reducing: candidate)) }
        }
        width = t
        fullRounds = Self.fullRoundCount
        partialRounds = partial
        roundConstants = constants
        let matrix = Self.cauchyMatrix(width: t, from: &lfsr)
        mds = matrix
        sparse = SparseRounds(
            width: t, partialRounds: partial, fullRounds: Self.fullRoundCount, roundConstants: constants, mds: matrix)
    }

    private static func cauchyMatrix(width t: Int, from lfsr: inout GrainLFSR) -> [Fr] {
        while true {
            var draws: [Fr] = []
            repeat {
                draws = (0..<(2 * t)).map { _ in Fr(reducing: lfsr.nextInteger(bitCount: fieldBits)) }
            } while Set(draws).count != draws.count
            var sums = [Fr]()
            sums.reserveCapacity(t * t)
            for i in 0..<t {
                for j in 0..<t { sums.append(draws[i] + draws[t + j]) }
            }
            if sums.contains(where: \.isZero) { continue }
            Fr.batchInvert(&sums)
            return sums
        }
    }

    /// The cached parameters for width `t`, generated on first use (thread-safe: each width is a
    /// `static let`, initialised exactly once).
    /// - Throws: ``CommitmentError`` `.invalidInputCount` unless 2 ≤ t ≤ 17.
    public static func forWidth(_ t: Int) throws(CommitmentError) -> PoseidonParameters {
        guard t >= minimumWidth, t <= maximumWidth else {
            throw CommitmentError(
                .invalidInputCount, "Poseidon supports widths 2 to 17 (1 to 16 inputs); width \(t) was requested")
        }
        return Cache.parameters(t)
    }
}

/// One lazily generated `static let` per width: Swift initialises each global exactly once, thread-safely.
enum Cache {
    static let w2 = PoseidonParameters(generatingWidth: 2)
    static let w3 = PoseidonParameters(generatingWidth: 3)
    static let w4 = PoseidonParameters(generatingWidth: 4)
    static let w5 = PoseidonParameters(generatingWidth: 5)
    static let w6 = PoseidonParameters(generatingWidth: 6)
    static let w7 = PoseidonParameters(generatingWidth: 7)
    static let w8 = PoseidonParameters(generatingWidth: 8)
    static let w9 = PoseidonParameters(generatingWidth: 9)
    static let w10 = PoseidonParameters(generatingWidth: 10)
    static let w11 = PoseidonParameters(generatingWidth: 11)
    static let w12 = PoseidonParameters(generatingWidth: 12)
    static let w13 = PoseidonParameters(generatingWidth: 13)
    static let w14 = PoseidonParameters(generatingWidth: 14)
    static let w15 = PoseidonParameters(generatingWidth: 15)
    static let w16 = PoseidonParameters(generatingWidth: 16)
    static let w17 = PoseidonParameters(generatingWidth: 17)

    static func parameters(_ t: Int) -> PoseidonParameters {
        switch t {
        case 2: w2
        case 3: w3
        case 4: w4
        case 5: w5
        case 6: w6
        case 7: w7
        case 8: w8
        case 9: w9
        case 10: w10
        case 11: w11
        case 12: w12
        case 13: w13
        case 14: w14
        case 15: w15
        case 16: w16
        default: w17
        }
    }
}
