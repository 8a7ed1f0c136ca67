/// Shared helpers for point encodings: reading canonical coordinates with an error that names them.
enum CurveEncodingSupport {
    /// Reads the 32-byte big-endian coordinate at `offset`, naming it in the error.
    /// - Throws: ``BN254Error`` `.nonCanonical` when the value is not below q.
    static func coordinate(_ bytes: [UInt8], at offset: Int, name: String) throws(BN254Error) -> Fq {
        let value = try UInt256(bigEndianBytes: bytes[offset..<offset + 32])
        guard value < Fq.modulus else {
            throw BN254Error(
                .nonCanonical, "\(name) \(value) is not below the base-field modulus q; coordinates must be reduced")
        }
        return try Fq(canonical: value)
    }

    /// Checks the byte count of an encoding.
    /// - Throws: ``BN254Error`` `.wrongLength`.
    static func requireLength(_ bytes: [UInt8], _ expected: Int, _ what: String) throws(BN254Error) {
        guard bytes.count == expected else {
            throw BN254Error(.wrongLength, "\(what) must be \(expected) bytes, got \(bytes.count)")
        }
    }

    /// Flag of a compressed encoding (top two bits of the first byte, gnark-crypto convention).
    enum CompressionFlag: UInt8 {
        /// 0b00: the uncompressed marker, not valid in a compressed encoding.
        case uncompressed = 0b00
        /// 0b01: the point at infinity (all other bits zero).
        case infinity = 0b01
        /// 0b10: y is the lexicographically smaller root.
        case smallestY = 0b10
        /// 0b11: y is the lexicographically larger root.
        case largestY = 0b11
    }

    /// Splits off the flag bits of a compressed encoding, returning the flag and the bytes with the
    /// flag cleared.
    static func splitFlag(_ bytes: [UInt8]) -> (CompressionFlag, [UInt8]) {
        var cleared = bytes
        let flag = CompressionFlag(rawValue: bytes[0] >> 6) ?? .uncompressed
        cleared[0] &= 0x3F
        return (flag, cleared)
    }
}
