import BN254

/// Point encodings of snarkjs files: "LEM" (each coordinate's Montgomery form, 32 bytes little-endian;
/// G2 as x.c0, x.c1, y.c0, y.c1) inside `.ptau`/`.zkey` sections, and the big-endian uncompressed and
/// compressed forms that snarkjs hashes into transcripts.
///
/// Every decoded point is validated: coordinates below q, on the curve, G2 in the order-r subgroup, and
/// not the identity (no point of a ceremony file may be the identity).
public enum SnarkjsPointCodec {
    /// Bytes of a G1 point in LEM.
    public static let g1Size = 64
    /// Bytes of a G2 point in LEM.
    public static let g2Size = 128

    static func fq(_ bytes: [UInt8], _ at: Int) -> Fq? {
        var words = [UInt64](repeating: 0, count: 4)
        for limb in 0..<4 {
            var word: UInt64 = 0
            for byte in 0..<8 { word |= UInt64(bytes[at + 8 * limb + byte]) << UInt64(8 * byte) }
            words[limb] = word
        }
        let value = UInt256(words[0], words[1], words[2], words[3])
        guard value < Fq.modulus else { return nil }
        return Fq(montgomery: value)
    }

    static func appendFq(_ value: Fq, to out: inout [UInt8]) {
        let m = value.montgomery
        for word in [m.w0, m.w1, m.w2, m.w3] {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
    }

    /// Decodes a G1 point in LEM at `offset`.
    /// - Throws: ``CeremonyError`` `.invalidPoint` naming `element`.
    public static func g1(
        _ bytes: [UInt8], at offset: Int, allowIdentity: Bool = false, element: @autoclosure () -> String
    ) throws(CeremonyError)
        -> G1Affine
    {
        guard let x = fq(bytes, offset), let y = fq(bytes, offset + 32) else {
            throw CeremonyError(.invalidPoint, "\(element()): a coordinate is not below the field modulus")
        }
        if allowIdentity && x.isZero && y.isZero { return .infinity }
        guard !(x.isZero && y.isZero) else {
            throw CeremonyError(.invalidPoint, "\(element()): the identity is not allowed here")
        }
        let point = G1Affine(x: x, y: y)
        guard point.isOnCurve else { throw CeremonyError(.invalidPoint, "\(element()): not on the curve y² = x³ + 3") }
        return point
    }

    /// Decodes a G2 point in LEM at `offset`, checking subgroup membership.
    /// - Throws: ``CeremonyError`` `.invalidPoint` naming `element`.
    public static func g2(
        _ bytes: [UInt8], at offset: Int, allowIdentity: Bool = false, element: @autoclosure () -> String
    ) throws(CeremonyError)
        -> G2Affine
    {
        guard let x0 = fq(bytes, offset), let x1 = fq(bytes, offset + 32), let y0 = fq(bytes, offset + 64),
            let y1 = fq(bytes, offset + 96)
        else {
            throw CeremonyError(.invalidPoint, "\(element()): a coordinate is not below the field modulus")
        }
        let point = G2Affine(x: Fq2(x0, x1), y: Fq2(y0, y1))
        if allowIdentity && point.x.isZero && point.y.isZero { return .infinity }
        guard !(point.x.isZero && point.y.isZero) else {
            throw CeremonyError(.invalidPoint, "\(element()): the identity is not allowed here")
        }
        guard point.isOnCurve else { throw CeremonyError(.invalidPoint, "\(element()): not on the twist") }
        guard point.isInSubgroup else {
            throw CeremonyError(.invalidPoint, "\(element()): on the twist but not in the order-r subgroup")
        }
        return point
    }

    /// Appends a G1 point in LEM (the identity as all zeros, snarkjs's affine zero).
    public static func append(_ point: G1Affine, to out: inout [UInt8]) {
        if point.isInfinity { return out += [UInt8](repeating: 0, count: g1Size) }
        appendFq(point.x, to: &out)
        appendFq(point.y, to: &out)
    }

    /// Appends a G2 point in LEM (the identity as all zeros).
    public static func append(_ point: G2Affine, to out: inout [UInt8]) {
        if point.isInfinity { return out += [UInt8](repeating: 0, count: g2Size) }
        appendFq(point.x.c0, to: &out)
        appendFq(point.x.c1, to: &out)
        appendFq(point.y.c0, to: &out)
        appendFq(point.y.c1, to: &out)
    }

    /// snarkjs's uncompressed G1 form hashed into transcripts: x ‖ y big-endian; the identity is all
    /// zeros but for the flag byte 0x40 (wasmcurves' `LEMtoU`).
    public static func uncompressed(_ point: G1Affine) -> [UInt8] {
        guard !point.isInfinity else { return [0x40] + [UInt8](repeating: 0, count: 63) }
        return point.uncompressedBytes
    }

    /// snarkjs's uncompressed G2 form: x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 big-endian; the identity as for G1.
    public static func uncompressed(_ point: G2Affine) -> [UInt8] {
        guard !point.isInfinity else { return [0x40] + [UInt8](repeating: 0, count: 127) }
        return point.uncompressedBytes
    }

    /// snarkjs's compressed G1 form (the bellman response file): x big-endian, top bit set when y is
    /// "negative" (above (q − 1)/2).
    public static func compressed(_ point: G1Affine) -> [UInt8] {
        var bytes = point.x.bigEndianBytes
        if SnarkjsDerivation.isNegative(point.y) { bytes[0] |= 0x80 }
        return bytes
    }

    /// snarkjs's compressed G2 form: x.c1 ‖ x.c0 big-endian, top bit set when y is "negative".
    public static func compressed(_ point: G2Affine) -> [UInt8] {
        var bytes = point.x.c1.bigEndianBytes + point.x.c0.bigEndianBytes
        if SnarkjsDerivation.isNegative(point.y) { bytes[0] |= 0x80 }
        return bytes
    }
}
