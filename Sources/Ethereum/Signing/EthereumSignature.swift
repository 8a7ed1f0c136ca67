/// A recoverable secp256k1 ECDSA signature as Ethereum uses it: `r`, `s` (32 bytes each, big-endian)
/// and the recovery id (0 or 1, the parity of the nonce point's y coordinate).
public struct EthereumSignature: Sendable, Hashable, CustomStringConvertible {
    /// The r value, 32 bytes.
    public let r: [UInt8]
    /// The s value, 32 bytes (at most half the curve order for signatures this module makes).
    public let s: [UInt8]
    /// The recovery id: 0 or 1 (`yParity` in typed transactions).
    public let recoveryId: UInt8

    /// The secp256k1 group order n, big-endian.
    static let curveOrder = hex32("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
    /// n / 2, the largest s a low-s (EIP-2) signature may have.
    static let halfCurveOrder = hex32("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")

    /// Creates a signature from its parts.
    /// - Throws: ``EthereumError/Code/invalidSignature`` unless r and s are 32 bytes and the id is 0 or 1.
    public init(r: [UInt8], s: [UInt8], recoveryId: UInt8) throws {
        guard r.count == 32, s.count == 32, recoveryId <= 1 else {
            throw EthereumError(
                .invalidSignature, "a signature needs 32-byte r and s and a recovery id of 0 or 1")
        }
        self.r = r
        self.s = s
        self.recoveryId = recoveryId
    }

    /// Parses the 65-byte `r ‖ s ‖ v` form of `personal_sign` (v = 27/28, or 0/1).
    /// - Throws: ``EthereumError/Code/invalidSignature``.
    public init(rsv bytes: [UInt8]) throws {
        guard bytes.count == 65 else {
            throw EthereumError(.invalidSignature, "an r‖s‖v signature has 65 bytes, got \(bytes.count)")
        }
        let v = bytes[64]
        guard v == 27 || v == 28 || v == 0 || v == 1 else {
            throw EthereumError(.invalidSignature, "signature v is \(v); expected 27 or 28 (or 0 or 1)")
        }
        try self.init(r: Array(bytes[0..<32]), s: Array(bytes[32..<64]), recoveryId: v >= 27 ? v - 27 : v)
    }

    /// The 65-byte `r ‖ s ‖ v` form with v = 27 + recovery id (what `personal_sign` returns).
    public var rsv: [UInt8] { r + s + [27 + recoveryId] }

    /// Whether s ≤ n/2 (EIP-2: Ethereum rejects high-s transaction signatures).
    public var isLowS: Bool { s.lexicographicallyPrecedes(Self.halfCurveOrder) || s == Self.halfCurveOrder }

    /// `0x` + the 65-byte r‖s‖v hex.
    public var description: String { Hex.encode(rsv) }

    private static func hex32(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            out.append((Hex.value(high) ?? 0) << 4 | (Hex.value(low) ?? 0))
        }
        return out
    }
}
