import BN254
import Crypto

/// snarkjs's deterministic derivations, reproduced exactly so that its transcripts can be verified:
/// field elements and curve points drawn from a ``ChaChaGenerator`` (ffjavascript's `fromRng`), HashToG2,
/// and the beacon generator (SHA-256 iterated 2^e times).
public enum SnarkjsDerivation {
    /// The G2 cofactor 2q − r by which ffjavascript maps a point on the twist into the order-r subgroup.
    static let g2Cofactor = UInt256(
        0x345f_2299_c0f9_fa8d, 0x06ce_ecda_572a_2489, 0xb850_45b6_8181_585e, 0x3064_4e72_e131_a029)
    /// 2^254 − 1: ffjavascript masks candidates to the modulus's bit length (254 for both fields).
    static let mask254 = UInt256(.max, .max, .max, 0x3FFF_FFFF_FFFF_FFFF)

    /// ffjavascript's `F.fromRng`: four 64-bit draws (least significant first), masked to 254 bits,
    /// redrawn until below the modulus, then read as a Montgomery representation (value · 2^-256).
    public static func field<P: PrimeFieldParameters>(
        _ type: PrimeField<P>.Type, from generator: inout ChaChaGenerator
    ) -> PrimeField<P> {
        while true {
            let w0 = generator.nextUInt64()
            let w1 = generator.nextUInt64()
            let w2 = generator.nextUInt64()
            let w3 = generator.nextUInt64()
            let candidate = UInt256(w0 & mask254.w0, w1 & mask254.w1, w2 & mask254.w2, w3 & mask254.w3)
            if candidate < P.modulus { return PrimeField<P>(montgomery: candidate) }
        }
    }

    /// ffjavascript's sign convention: an element is "negative" when its canonical value exceeds (p − 1)/2.
    static func isNegative(_ value: Fq) -> Bool {
        let canonical = value.canonical
        let half = Fq.modulus.shiftedRight(by: 1)
        return half < canonical
    }

    /// Fq2's sign: that of c1, or of c0 when c1 = 0.
    static func isNegative(_ value: Fq2) -> Bool { value.c1.isZero ? isNegative(value.c0) : isNegative(value.c1) }

    /// ffjavascript's `G1.fromRng`: a random x (then a sign bit) until x³ + 3 is a square.
    public static func g1Point(from generator: inout ChaChaGenerator) -> G1Affine {
        while true {
            let x = field(Fq.self, from: &generator)
            let greatest = generator.nextBool()
            let rhs = x * x * x + G1Affine.curveB
            guard var y = rhs.squareRoot() else { continue }
            if greatest != isNegative(y) { y = -y }
            return G1Affine(x: x, y: y)
        }
    }

    /// ffjavascript's `G2.fromRng`: x = (c0, c1) from two field draws, a sign bit, until x³ + b is a
    /// square; then the point is multiplied by the cofactor to land in the order-r subgroup.
    public static func g2Point(from generator: inout ChaChaGenerator) -> G2Affine {
        while true {
            let c0 = field(Fq.self, from: &generator)
            let c1 = field(Fq.self, from: &generator)
            let x = Fq2(c0, c1)
            let greatest = generator.nextBool()
            let rhs = x * x * x + G2Affine.twistB
            guard var y = rhs.squareRoot() else { continue }
            if greatest != isNegative(y) { y = -y }
            return G2Projective(G2Affine(x: x, y: y)).multiplied(by: g2Cofactor).affine
        }
    }

    /// snarkjs's HashToG2: a ``ChaChaGenerator`` seeded with the hash's first 32 bytes draws a G2 point.
    public static func hashToG2(_ hash: [UInt8]) -> G2Affine {
        var generator = ChaChaGenerator(seedBytes: hash)
        return g2Point(from: &generator)
    }

    /// snarkjs's beacon generator: SHA-256 applied 2^`iterationsExponent` times to `beaconHash`, the
    /// result seeding a ``ChaChaGenerator``.
    /// - Parameters:
    ///   - progress: called every 2^20 iterations with the fraction done.
    /// - Throws: ``CeremonyError`` `.unsupported` for an exponent outside 0…63.
    public static func beaconGenerator(
        beaconHash: [UInt8], iterationsExponent: Int, progress: (Double) -> Void = { _ in }
    ) throws(CeremonyError) -> ChaChaGenerator {
        guard (0...63).contains(iterationsExponent) else {
            throw CeremonyError(.unsupported, "beacon iteration exponent \(iterationsExponent) is outside 0…63")
        }
        var current = beaconHash
        let total = UInt64(1) << UInt64(iterationsExponent)
        var done: UInt64 = 0
        while done < total {
            current = Array(SHA256.hash(data: current))
            done += 1
            if done & 0xF_FFFF == 0 { progress(Double(done) / Double(total)) }
        }
        return ChaChaGenerator(seedBytes: current)
    }
}
