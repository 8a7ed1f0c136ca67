import BN254
import Crypto
import Foundation

/// A 32-byte SHA-256 digest (model, prompt or response hash), shown as 64 lower-case hex digits.
///
/// In the checkpoint circuit a digest is two 128-bit limbs: ``high`` is bytes 0…15 and ``low`` is
/// bytes 16…31, each read as a big-endian integer, so `digest = high·2¹²⁸ + low`.
public struct Digest256: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes.
    /// - Throws: ``CommitmentError`` `.malformedValue` unless there are exactly 32 bytes.
    public init<Bytes: Collection<UInt8>>(bytes: Bytes) throws(CommitmentError) {
        guard bytes.count == 32 else {
            throw CommitmentError(.malformedValue, "a SHA-256 digest has 32 bytes, got \(bytes.count)")
        }
        self.bytes = Array(bytes)
    }

    /// Parses 64 hexadecimal digits (an optional `0x` prefix is accepted; any case).
    /// - Throws: ``CommitmentError`` `.malformedValue` for a wrong length or a non-hex character.
    public init(hex text: String) throws(CommitmentError) {
        try self.init(bytes: HexCoding.decode(text, byteCount: 32, what: "a SHA-256 digest"))
    }

    /// SHA-256 of `data`.
    public static func sha256<Bytes: Sequence<UInt8>>(of data: Bytes) -> Digest256 {
        var hasher = SHA256()
        hasher.update(data: Array(data))
        return Digest256(trusted: Array(hasher.finalize()))
    }

    /// SHA-256 of the UTF-8 encoding of `text` (the convention for prompts and responses).
    public static func sha256(utf8 text: String) -> Digest256 { sha256(of: Array(text.utf8)) }

    private init(trusted bytes: [UInt8]) { self.bytes = bytes }

    /// The 64 lower-case hex digits, without prefix (the Fabstir JSON form).
    public var hex: String { HexCoding.encode(bytes) }

    /// Bytes 0…15 as a big-endian integer (< 2¹²⁸).
    public var high: Fr { HexCoding.fieldElement(bytes[0..<16]) }

    /// Bytes 16…31 as a big-endian integer (< 2¹²⁸).
    public var low: Fr { HexCoding.fieldElement(bytes[16..<32]) }

    /// The hex digits.
    public var description: String { hex }
}

/// Hex text and big-endian field conversions shared by digests and addresses.
enum HexCoding {
    static func decode(_ text: String, byteCount: Int, what: String) throws(CommitmentError) -> [UInt8] {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        let utf8 = Array(digits.utf8)
        guard utf8.count == 2 * byteCount else {
            throw CommitmentError(
                .malformedValue, "\(what) is \(2 * byteCount) hexadecimal digits, got \(utf8.count) characters")
        }
        var out = [UInt8]()
        out.reserveCapacity(byteCount)
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw CommitmentError(.malformedValue, "\(what) may contain only the hexadecimal digits 0-9 and a-f")
            }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case 48...57: character - 48
        case 97...102: character - 87
        case 65...70: character - 55
        default: nil
        }
    }

    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A big-endian byte string of at most 31 bytes as a field element (always below r).
    static func fieldElement(_ bytes: ArraySlice<UInt8>) -> Fr {
        var limbs: [UInt64] = [0, 0, 0, 0]
        for (offset, byte) in bytes.reversed().enumerated() {
            limbs[offset / 8] |= UInt64(byte) << UInt64(8 * (offset % 8))
        }
        return Fr(reducing: UInt256(limbs[0], limbs[1], limbs[2], limbs[3]))
    }
}

/// Incremental SHA-256 for data that arrives in chunks (model files).
public struct StreamingSHA256 {
    private var hasher = SHA256()

    /// A fresh hash state.
    public init() {}

    /// Absorbs `data`.
    public mutating func update<Bytes: DataProtocol>(_ data: Bytes) { hasher.update(data: data) }

    /// The digest of everything absorbed.
    public func finalize() -> Digest256 {
        do {
            return try Digest256(bytes: Array(hasher.finalize()))
        } catch {
            preconditionFailure("SHA-256 produced \(error)")
        }
    }
}
