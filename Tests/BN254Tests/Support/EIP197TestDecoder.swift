import BN254

/// A test-only decoder of EIP-197 pairing input (k × 192 bytes: G1 x, y; G2 x.c1, x.c0, y.c1, y.c0,
/// 32-byte big-endian words, all-zero = infinity) with the precompile's checks: canonical
/// coordinates, points on their curves, G2 in the order-r subgroup (by a slow affine r·Q = O).
enum EIP197TestDecoder {
    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            out.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) ?? 0)
        }
        return out
    }

    static func decode(_ input: [UInt8]) throws(BN254Error) -> [(G1Affine, G2Affine)] {
        guard input.count % 192 == 0 else {
            throw BN254Error(.wrongLength, "pairing input must be a multiple of 192 bytes, got \(input.count)")
        }
        var pairs: [(G1Affine, G2Affine)] = []
        for start in stride(from: 0, to: input.count, by: 192) {
            func element(_ word: Int) throws(BN254Error) -> Fq {
                try Fq(bigEndianBytes: input[(start + 32 * word)..<(start + 32 * word + 32)])
            }
            let g1x = try element(0)
            let g1y = try element(1)
            var g1 = G1Affine(x: g1x, y: g1y)
            if g1x.isZero && g1y.isZero {
                g1 = .infinity
            } else if !g1.isOnCurve {
                throw BN254Error(.notOnCurve, "G1 point of pair \(start / 192) is not on the curve")
            }
            let x = Fq2(try element(3), try element(2))
            let y = Fq2(try element(5), try element(4))
            var g2 = G2Affine(x: x, y: y)
            if x.isZero && y.isZero {
                g2 = .infinity
            } else {
                guard g2.isOnCurve else {
                    throw BN254Error(.notOnCurve, "G2 point of pair \(start / 192) is not on the twist")
                }
                guard multiply(g2, by: Fr.modulus).isInfinity else {
                    throw BN254Error(.notInSubgroup, "G2 point of pair \(start / 192) is not in the subgroup")
                }
            }
            pairs.append((g1, g2))
        }
        return pairs
    }

    /// Affine double-and-add on the twist (slow, with one inversion per step; tests only).
    static func multiply(_ point: G2Affine, by scalar: UInt256) -> G2Affine {
        var result = G2Affine.infinity
        for index in stride(from: scalar.bitWidth - 1, through: 0, by: -1) {
            result = add(result, result)
            if scalar.bit(index) { result = add(result, point) }
        }
        return result
    }

    static func add(_ a: G2Affine, _ b: G2Affine) -> G2Affine {
        if a.isInfinity { return b }
        if b.isInfinity { return a }
        let slope: Fq2
        if a.x == b.x {
            guard a.y == b.y, !a.y.isZero, let denominator = a.y.doubled().inverse() else { return .infinity }
            let xSquared = a.x.squared()
            slope = (xSquared.doubled() + xSquared) * denominator
        } else {
            guard let denominator = (b.x - a.x).inverse() else { return .infinity }
            slope = (b.y - a.y) * denominator
        }
        let x = slope.squared() - a.x - b.x
        return G2Affine(x: x, y: slope * (a.x - x) - a.y)
    }
}
