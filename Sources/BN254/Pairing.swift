/// The optimal-ate pairing e: G1 × G2 → GT ⊂ Fq12 of BN254 (the pairing of Ethereum's precompile
/// 0x08, EIP-197), and products of pairings sharing one final exponentiation.
///
/// e(P, Q) = f_{6x+2,Q}(P) · ℓ_{[6x+2]Q, π(Q)}(P) · ℓ_{[6x+2]Q+π(Q), −π²(Q)}(P), raised to
/// (q¹² − 1)/r. The exponentiation is exact (not a multiple of it), so values agree with other
/// implementations of the same pairing such as py_ecc.
///
/// Points are not validated here: pass G1 points on the curve and G2 points in the order-r
/// subgroup (the decoders check both). Invalid points give meaningless results, never a crash.
/// The running time depends only on which inputs are the point at infinity.
public enum Pairing {
    /// e(p, q); 1 when either point is the point at infinity.
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Fq12 {
        finalExponentiation(millerLoop(p, q))
    }

    /// ∏ e(pᵢ, qᵢ) with one shared Miller-loop accumulator and one final exponentiation.
    public static func multiPairing(_ pairs: [(G1Affine, G2Affine)]) -> Fq12 {
        finalExponentiation(multiMillerLoop(pairs.map { ($0.0, PreparedG2($0.1)) }))
    }

    /// ∏ e(pᵢ, qᵢ) for G2 points prepared in advance.
    public static func multiPairing(prepared pairs: [(G1Affine, PreparedG2)]) -> Fq12 {
        finalExponentiation(multiMillerLoop(pairs))
    }

    /// Whether ∏ e(pᵢ, qᵢ) = 1: the EIP-197 precompile's check. Pairs with a point at infinity
    /// contribute 1; the empty product is 1.
    public static func pairingCheck(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        multiPairing(pairs).isOne
    }

    /// Whether ∏ e(pᵢ, qᵢ) = 1 for G2 points prepared in advance.
    public static func pairingCheck(prepared pairs: [(G1Affine, PreparedG2)]) -> Bool {
        multiPairing(prepared: pairs).isOne
    }

    /// The Miller loop alone (before the final exponentiation) for one pair.
    public static func millerLoop(_ p: G1Affine, _ q: G2Affine) -> Fq12 {
        multiMillerLoop([(p, PreparedG2(q))])
    }

    /// The product of the Miller loops of every pair, squaring one shared accumulator; pairs with a
    /// point at infinity are skipped.
    public static func multiMillerLoop(_ pairs: [(G1Affine, PreparedG2)]) -> Fq12 {
        let active = pairs.filter { !$0.0.isInfinity && !$0.1.isInfinity }
        guard !active.isEmpty else { return .one }
        let digits = BN254Parameters.ateLoopSignedDigits
        var f = Fq12.one
        var lineIndex = 0
        var index = digits.count - 2
        while index >= 0 {
            if index != digits.count - 2 { f = f.squared() }
            for (p, prepared) in active { f = evaluate(f, prepared.lines[lineIndex], p) }
            lineIndex += 1
            if digits[index] != 0 {
                for (p, prepared) in active { f = evaluate(f, prepared.lines[lineIndex], p) }
                lineIndex += 1
            }
            index -= 1
        }
        for _ in 0..<2 {
            for (p, prepared) in active { f = evaluate(f, prepared.lines[lineIndex], p) }
            lineIndex += 1
        }
        return f
    }

    /// f · ℓ(P).
    @inline(__always)
    static func evaluate(_ f: Fq12, _ line: MillerLine, _ p: G1Affine) -> Fq12 {
        f.multiplied(byLine: line.c0 * p.y, line.c3 * p.x, line.c4)
    }
}
