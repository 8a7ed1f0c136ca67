/// Conversions of ``UInt256`` to and from bytes, hexadecimal and decimal text.
extension UInt256 {
    /// Reads 32 big-endian bytes.
    /// - Parameter bytes: exactly 32 bytes, most significant first.
    /// - Throws: ``BN254Error`` with code `.wrongLength` when the count is not 32.
    public init<Bytes: Collection<UInt8>>(bigEndianBytes bytes: Bytes) throws(BN254Error) {
        guard bytes.count == 32 else {
            throw BN254Error(.wrongLength, "expected 32 bytes for a 256-bit integer, got \(bytes.count)")
        }
        // Accumulated in four scalars (no array): key files decode thousands of these.
        var w3: UInt64 = 0
        var w2: UInt64 = 0
        var w1: UInt64 = 0
        var w0: UInt64 = 0
        var offset = 0
        for byte in bytes {
            switch offset >> 3 {
            case 0: w3 = (w3 << 8) | UInt64(byte)
            case 1: w2 = (w2 << 8) | UInt64(byte)
            case 2: w1 = (w1 << 8) | UInt64(byte)
            default: w0 = (w0 << 8) | UInt64(byte)
            }
            offset += 1
        }
        self.init(w0, w1, w2, w3)
    }

    /// The 32 big-endian bytes of the value.
    public var bigEndianBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            let limb = self[limb: 3 - index / 8]
            out[index] = UInt8(truncatingIfNeeded: limb >> UInt64(56 - 8 * (index % 8)))
        }
        return out
    }

    /// Parses a decimal string of at most 78 digits whose value is below 2^256.
    /// - Throws: ``BN254Error`` `.invalidNumber` for empty text, non-digits or overflow.
    public init(decimal text: String) throws(BN254Error) {
        guard !text.isEmpty, text.utf8.count <= 78 else {
            throw BN254Error(
                .invalidNumber, "expected a decimal integer of 1 to 78 digits, got \(text.utf8.count) characters")
        }
        var value = UInt256.zero
        for character in text.utf8 {
            guard character >= 48, character <= 57 else {
                throw BN254Error(.invalidNumber, "decimal integers may contain only the digits 0-9")
            }
            guard let next = value.multipliedBySmall(10, adding: UInt64(character - 48)) else {
                throw BN254Error(.invalidNumber, "decimal integer does not fit in 256 bits")
            }
            value = next
        }
        self = value
    }

    /// Parses hexadecimal text with an optional `0x` prefix, at most 64 digits.
    /// - Throws: ``BN254Error`` `.invalidNumber` for empty text, non-hex digits or more than 64 digits.
    public init(hex text: String) throws(BN254Error) {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.utf8.count <= 64 else {
            throw BN254Error(.invalidNumber, "expected 1 to 64 hexadecimal digits")
        }
        var value = UInt256.zero
        for character in digits.utf8 {
            let nibble: UInt64
            switch character {
            case 48...57: nibble = UInt64(character - 48)
            case 97...102: nibble = UInt64(character - 87)
            case 65...70: nibble = UInt64(character - 55)
            default: throw BN254Error(.invalidNumber, "hexadecimal integers may contain only 0-9, a-f, A-F")
            }
            value = UInt256(
                (value.w0 << 4) | nibble, (value.w1 << 4) | (value.w0 >> 60),
                (value.w2 << 4) | (value.w1 >> 60), (value.w3 << 4) | (value.w2 >> 60))
        }
        self = value
    }

    /// `self * factor + addend`, or nil on overflow past 2^256.
    func multipliedBySmall(_ factor: UInt64, adding addend: UInt64) -> UInt256? {
        var carry = UInt128(addend)
        var limbs: [UInt64] = [0, 0, 0, 0]
        for index in 0..<4 {
            let product = UInt128(self[limb: index]) * UInt128(factor) + carry
            limbs[index] = UInt64(truncatingIfNeeded: product)
            carry = product >> 64
        }
        guard carry == 0 else { return nil }
        return UInt256(limbs[0], limbs[1], limbs[2], limbs[3])
    }

    /// Divides by a small divisor; returns the quotient and the remainder.
    func dividedBySmall(_ divisor: UInt64) -> (quotient: UInt256, remainder: UInt64) {
        var remainder: UInt128 = 0
        var limbs: [UInt64] = [0, 0, 0, 0]
        for index in stride(from: 3, through: 0, by: -1) {
            let current = (remainder << 64) | UInt128(self[limb: index])
            limbs[index] = UInt64(truncatingIfNeeded: current / UInt128(divisor))
            remainder = current % UInt128(divisor)
        }
        return (UInt256(limbs[0], limbs[1], limbs[2], limbs[3]), UInt64(remainder))
    }

    /// The value in decimal, without leading zeros ("0" for zero).
    public var decimalString: String {
        if isZero { return "0" }
        var chunks: [UInt64] = []
        var value = self
        let chunkBase: UInt64 = 10_000_000_000_000_000_000
        while !value.isZero {
            let (quotient, remainder) = value.dividedBySmall(chunkBase)
            chunks.append(remainder)
            value = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The value as `0x` + 64 lower-case hexadecimal digits.
    public var hexString: String {
        "0x"
            + bigEndianBytes.map { byte in
                let digits = Array("0123456789abcdef".utf8)
                return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
            }.joined()
    }
}

extension UInt256: CustomStringConvertible {
    /// Decimal text.
    public var description: String { decimalString }
}
