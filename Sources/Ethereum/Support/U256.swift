/// An unsigned 256-bit integer: ABI `uint256` values, wei amounts, fees, chain quantities.
///
/// Four 64-bit limbs, least significant first. Arithmetic operators trap on overflow like Swift's
/// integers; use the `…ReportingOverflow` methods where input can overflow. Text conversions accept
/// decimal and `0x` hex and throw ``EthereumError`` for anything else.
public struct U256: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The limbs, least significant first.
    public var limbs: (UInt64, UInt64, UInt64, UInt64)

    /// Zero.
    public static let zero = U256(0)
    /// 2^256 − 1.
    public static let max = U256(limbs: (.max, .max, .max, .max))

    /// Creates a value from limbs, least significant first.
    public init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

    /// Creates a value from a 64-bit integer.
    public init(_ value: UInt64) { limbs = (value, 0, 0, 0) }

    /// Creates a value from up to 32 big-endian bytes (fewer bytes are left-padded with zeros).
    /// - Throws: ``EthereumError/Code/wrongLength`` for more than 32 bytes.
    public init(bigEndian bytes: some Collection<UInt8>) throws {
        guard bytes.count <= 32 else {
            throw EthereumError(.wrongLength, "a 256-bit integer has at most 32 bytes, got \(bytes.count)")
        }
        var words: [UInt64] = [0, 0, 0, 0]
        var shift = 0
        for byte in bytes.reversed() {
            words[shift / 64] |= UInt64(byte) << UInt64(shift % 64)
            shift += 8
        }
        limbs = (words[0], words[1], words[2], words[3])
    }

    /// Parses decimal digits or `0x` hex digits.
    /// - Throws: ``EthereumError/Code/invalidNumber`` for other text or values of 2^256 and more.
    public init(parsing text: String) throws {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { throw EthereumError(.invalidNumber, "empty number; write decimal digits or 0x-hex") }
        var value = U256.zero
        if utf8.count > 2, utf8[0] == 0x30, utf8[1] == 0x78 || utf8[1] == 0x58 {
            for character in utf8.dropFirst(2) {
                guard let digit = Hex.value(character), value.leadingZeroBitCount >= 4 else {
                    throw EthereumError(.invalidNumber, "not a 256-bit hex number: \(Hex.preview(text))")
                }
                value = value.shiftedLeft(4)
                value.limbs.0 |= UInt64(digit)
            }
        } else {
            for character in utf8 {
                guard (0x30...0x39).contains(character) else {
                    throw EthereumError(
                        .invalidNumber, "not a decimal number: \(Hex.preview(text)) (write digits, or 0x-hex)")
                }
                let (times, overflow1) = value.multipliedReportingOverflow(by: U256(10))
                let (sum, overflow2) = times.addingReportingOverflow(U256(UInt64(character - 0x30)))
                guard !overflow1, !overflow2 else {
                    throw EthereumError(.invalidNumber, "number does not fit in 256 bits: \(Hex.preview(text))")
                }
                value = sum
            }
        }
        self = value
    }

    /// The 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        writeBigEndian(into: &out, at: 0)
        return out
    }

    /// The big-endian bytes without leading zeros (empty for zero), as RLP encodes integers.
    public var minimalBigEndianBytes: [UInt8] {
        Array(bigEndianBytes.drop(while: { $0 == 0 }))
    }

    /// Writes the 32 big-endian bytes into `buffer` at `offset`.
    public func writeBigEndian(into buffer: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset <= buffer.count - 32, "writeBigEndian needs 32 bytes at the offset")
        let words = (limbs.3.bigEndian, limbs.2.bigEndian, limbs.1.bigEndian, limbs.0.bigEndian)
        withUnsafeBytes(of: words) { bytes in
            buffer.withUnsafeMutableBytes {
                $0.baseAddress!.advanced(by: offset).copyMemory(from: bytes.baseAddress!, byteCount: 32)
            }
        }
    }

    /// Whether the value is zero.
    public var isZero: Bool { limbs.0 | limbs.1 | limbs.2 | limbs.3 == 0 }

    /// The number of leading zero bits (256 for zero).
    public var leadingZeroBitCount: Int {
        if limbs.3 != 0 { return limbs.3.leadingZeroBitCount }
        if limbs.2 != 0 { return 64 + limbs.2.leadingZeroBitCount }
        if limbs.1 != 0 { return 128 + limbs.1.leadingZeroBitCount }
        return 192 + limbs.0.leadingZeroBitCount
    }

    /// The number of significant bits (0 for zero).
    public var bitWidth: Int { 256 - leadingZeroBitCount }

    /// The value as a UInt64 if it fits.
    public var uint64: UInt64? { limbs.1 | limbs.2 | limbs.3 == 0 ? limbs.0 : nil }

    /// Decimal digits.
    public var description: String {
        if isZero { return "0" }
        var digits: [UInt8] = []
        var value = self
        while !value.isZero {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: UInt64(10_000_000_000_000_000_000))
            var chunk = remainder
            for _ in 0..<19 {
                digits.append(UInt8(chunk % 10) + 0x30)
                chunk /= 10
            }
            value = quotient
        }
        while digits.count > 1, digits.last == 0x30 { digits.removeLast() }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// `0x` followed by hex digits without leading zeros (`0x0` for zero), the JSON-RPC quantity form.
    public var hexQuantity: String {
        let hex = Hex.encode(minimalBigEndianBytes, prefix: false).drop(while: { $0 == "0" })
        return "0x" + (hex.isEmpty ? "0" : hex)
    }

    /// Compares two values.
    public static func < (lhs: U256, rhs: U256) -> Bool {
        if lhs.limbs.3 != rhs.limbs.3 { return lhs.limbs.3 < rhs.limbs.3 }
        if lhs.limbs.2 != rhs.limbs.2 { return lhs.limbs.2 < rhs.limbs.2 }
        if lhs.limbs.1 != rhs.limbs.1 { return lhs.limbs.1 < rhs.limbs.1 }
        return lhs.limbs.0 < rhs.limbs.0
    }

    /// Equality of all limbs.
    public static func == (lhs: U256, rhs: U256) -> Bool {
        lhs.limbs.0 == rhs.limbs.0 && lhs.limbs.1 == rhs.limbs.1 && lhs.limbs.2 == rhs.limbs.2
            && lhs.limbs.3 == rhs.limbs.3
    }

    /// Hashes all limbs.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(limbs.0)
        hasher.combine(limbs.1)
        hasher.combine(limbs.2)
        hasher.combine(limbs.3)
    }
}
