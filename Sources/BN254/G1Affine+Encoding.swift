/// G1 encodings: 64-byte uncompressed (EIP-196) and 32-byte compressed (gnark-crypto flags).
extension G1Affine {
    /// The 64-byte EIP-196 encoding x ‖ y (32-byte big-endian each); all zeros for infinity.
    public var uncompressedBytes: [UInt8] {
        if isInfinity { return [UInt8](repeating: 0, count: 64) }
        return x.bigEndianBytes + y.bigEndianBytes
    }

    /// Decodes and validates a 64-byte EIP-196 encoding: both coordinates below q and the point on
    /// y² = x³ + 3 (G1 has cofactor 1, so that is also subgroup membership). All zeros decode to the
    /// point at infinity.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.nonCanonical` or `.notOnCurve`.
    public init(uncompressedBytes bytes: [UInt8]) throws(BN254Error) {
        try CurveEncodingSupport.requireLength(bytes, 64, "an uncompressed G1 point")
        let x = try CurveEncodingSupport.coordinate(bytes, at: 0, name: "G1 x-coordinate")
        let y = try CurveEncodingSupport.coordinate(bytes, at: 32, name: "G1 y-coordinate")
        if x.isZero && y.isZero {
            self = .infinity
            return
        }
        let point = G1Affine(x: x, y: y)
        guard point.isOnCurve else {
            throw BN254Error(.notOnCurve, "G1 point (\(x), \(y)) does not satisfy y² = x³ + 3")
        }
        self = point
    }

    /// The 32-byte compressed encoding: x big-endian with the top two bits of the first byte set to
    /// 0b10 (y is the smaller of ±y, i.e. y ≤ (q−1)/2) or 0b11 (the larger); infinity is 0b01
    /// followed by zeros. This is gnark-crypto's convention; q < 2^254 leaves those bits free.
    public var compressedBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        if isInfinity {
            bytes[0] = CurveEncodingSupport.CompressionFlag.infinity.rawValue << 6
            return bytes
        }
        bytes = x.bigEndianBytes
        let flag: CurveEncodingSupport.CompressionFlag = y.isLexicographicallyLargest ? .largestY : .smallestY
        bytes[0] |= flag.rawValue << 6
        return bytes
    }

    /// Decodes a 32-byte compressed encoding (see ``compressedBytes``), recomputing y.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.invalidCompression` (flag 0b00, non-zero bytes after
    ///   the infinity flag), `.nonCanonical` (x ≥ q) or `.notOnCurve` (x³ + 3 is not a square).
    public init(compressedBytes bytes: [UInt8]) throws(BN254Error) {
        try CurveEncodingSupport.requireLength(bytes, 32, "a compressed G1 point")
        let (flag, cleared) = CurveEncodingSupport.splitFlag(bytes)
        switch flag {
        case .uncompressed:
            throw BN254Error(.invalidCompression, "compressed G1 point has flag bits 0b00; expected 0b01, 0b10 or 0b11")
        case .infinity:
            guard cleared.allSatisfy({ $0 == 0 }) else {
                throw BN254Error(.invalidCompression, "compressed G1 infinity must have all other bits zero")
            }
            self = .infinity
        case .smallestY, .largestY:
            let x = try CurveEncodingSupport.coordinate(cleared, at: 0, name: "compressed G1 x-coordinate")
            guard var y = (x.squared() * x + G1Affine.curveB).squareRoot() else {
                throw BN254Error(.notOnCurve, "no G1 point has x = \(x): x³ + 3 is not a square")
            }
            if y.isLexicographicallyLargest != (flag == .largestY) { y = -y }
            self = G1Affine(x: x, y: y)
        }
    }
}
