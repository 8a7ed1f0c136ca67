/// G2 encodings: 128-byte uncompressed in the EVM precompile layout (EIP-197) and 64-byte compressed
/// (gnark-crypto flags).
extension G2Affine {
    /// The 128-byte EIP-197 encoding x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (imaginary part first, 32-byte
    /// big-endian each); all zeros for infinity.
    public var uncompressedBytes: [UInt8] {
        if isInfinity { return [UInt8](repeating: 0, count: 128) }
        return x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }

    /// Decodes and validates a 128-byte EIP-197 encoding: every coordinate below q, the point on the
    /// twist, and in the order-r subgroup. All zeros decode to the point at infinity.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.nonCanonical`, `.notOnCurve` or `.notInSubgroup`.
    public init(uncompressedBytes bytes: [UInt8]) throws(BN254Error) {
        try self.init(uncompressedBytes: bytes, checkingSubgroup: true)
    }

    /// Decodes a 128-byte EIP-197 encoding, checking canonical coordinates and the twist equation, and
    /// subgroup membership only when `checkingSubgroup` is true. Skip that check (about 60 % of the
    /// decoding cost) only where a point outside G2 cannot harm soundness, e.g. a proving key's B₂
    /// query: a bad one only yields proofs that fail verification.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.nonCanonical`, `.notOnCurve` or `.notInSubgroup`.
    public init(uncompressedBytes bytes: [UInt8], checkingSubgroup: Bool) throws(BN254Error) {
        try CurveEncodingSupport.requireLength(bytes, 128, "an uncompressed G2 point")
        let x1 = try CurveEncodingSupport.coordinate(bytes, at: 0, name: "G2 x.c1 (imaginary part of x)")
        let x0 = try CurveEncodingSupport.coordinate(bytes, at: 32, name: "G2 x.c0 (real part of x)")
        let y1 = try CurveEncodingSupport.coordinate(bytes, at: 64, name: "G2 y.c1 (imaginary part of y)")
        let y0 = try CurveEncodingSupport.coordinate(bytes, at: 96, name: "G2 y.c0 (real part of y)")
        let x = Fq2(x0, x1)
        let y = Fq2(y0, y1)
        if x.isZero && y.isZero {
            self = .infinity
            return
        }
        self = try G2Affine.validated(x: x, y: y, checkingSubgroup: checkingSubgroup)
    }

    /// A finite point after checking the curve equation and subgroup membership.
    static func validated(x: Fq2, y: Fq2, checkingSubgroup: Bool = true) throws(BN254Error) -> G2Affine {
        let point = G2Affine(x: x, y: y)
        guard point.isOnCurve else {
            throw BN254Error(.notOnCurve, "G2 point does not satisfy the twist equation y² = x³ + 3/(9+u)")
        }
        guard !checkingSubgroup || point.isInSubgroup else {
            throw BN254Error(
                .notInSubgroup, "G2 point is on the twist but not in the order-r subgroup (r·P ≠ O)")
        }
        return point
    }

    /// The 64-byte compressed encoding: x.c1 ‖ x.c0 with the top two bits of the first byte set to
    /// 0b10 (y is the lexicographically smaller of ±y) or 0b11 (the larger); infinity is 0b01 followed
    /// by zeros. The order on Fq2 compares c1, or c0 when c1 = 0 (gnark-crypto's convention).
    public var compressedBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 64)
        if isInfinity {
            bytes[0] = CurveEncodingSupport.CompressionFlag.infinity.rawValue << 6
            return bytes
        }
        bytes = x.c1.bigEndianBytes + x.c0.bigEndianBytes
        let flag: CurveEncodingSupport.CompressionFlag = y.isLexicographicallyLargest ? .largestY : .smallestY
        bytes[0] |= flag.rawValue << 6
        return bytes
    }

    /// Decodes a 64-byte compressed encoding (see ``compressedBytes``), recomputing y and checking
    /// subgroup membership.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.invalidCompression`, `.nonCanonical`, `.notOnCurve`
    ///   (x³ + b' is not a square) or `.notInSubgroup`.
    public init(compressedBytes bytes: [UInt8]) throws(BN254Error) {
        try CurveEncodingSupport.requireLength(bytes, 64, "a compressed G2 point")
        let (flag, cleared) = CurveEncodingSupport.splitFlag(bytes)
        switch flag {
        case .uncompressed:
            throw BN254Error(.invalidCompression, "compressed G2 point has flag bits 0b00; expected 0b01, 0b10 or 0b11")
        case .infinity:
            guard cleared.allSatisfy({ $0 == 0 }) else {
                throw BN254Error(.invalidCompression, "compressed G2 infinity must have all other bits zero")
            }
            self = .infinity
        case .smallestY, .largestY:
            let x1 = try CurveEncodingSupport.coordinate(cleared, at: 0, name: "compressed G2 x.c1")
            let x0 = try CurveEncodingSupport.coordinate(cleared, at: 32, name: "compressed G2 x.c0")
            let x = Fq2(x0, x1)
            guard var y = (x.squared() * x + G2Affine.twistB).squareRoot() else {
                throw BN254Error(.notOnCurve, "no point on the twist has this x: x³ + b' is not a square in Fq2")
            }
            if y.isLexicographicallyLargest != (flag == .largestY) { y = -y }
            self = try G2Affine.validated(x: x, y: y)
        }
    }
}
