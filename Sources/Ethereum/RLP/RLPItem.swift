/// A Recursive Length Prefix item: a byte string or a list of items (the Ethereum yellow paper, appendix B).
///
/// Encode with ``encoded()``; decode strictly with ``decode(_:)``, which rejects every non-canonical
/// form (see ``RLPDecoder``). Integers are byte strings in big-endian without leading zeros.
public indirect enum RLPItem: Sendable, Hashable {
    /// A byte string.
    case bytes([UInt8])
    /// A list of items.
    case list([RLPItem])

    /// The canonical integer encoding of `value`: big-endian, no leading zeros, zero as the empty string.
    public init(_ value: U256) { self = .bytes(value.minimalBigEndianBytes) }

    /// The canonical integer encoding of `value`.
    public init(_ value: UInt64) { self.init(U256(value)) }

    /// The byte string, or ``EthereumError/Code/unexpectedItem`` for a list.
    public func bytesValue() throws -> [UInt8] {
        guard case .bytes(let bytes) = self else {
            throw EthereumError(.unexpectedItem, "expected an RLP byte string, found a list")
        }
        return bytes
    }

    /// The items of a list, or ``EthereumError/Code/unexpectedItem`` for a byte string.
    public func listValue() throws -> [RLPItem] {
        guard case .list(let items) = self else {
            throw EthereumError(.unexpectedItem, "expected an RLP list, found a byte string")
        }
        return items
    }

    /// The byte string as a canonical integer (at most 32 bytes, no leading zero byte).
    /// - Throws: ``EthereumError/Code/nonCanonical`` for a leading zero, ``EthereumError/Code/wrongLength``
    ///   for more than 32 bytes, ``EthereumError/Code/unexpectedItem`` for a list.
    public func u256Value() throws -> U256 {
        let bytes = try bytesValue()
        guard bytes.first != 0 else {
            throw EthereumError(.nonCanonical, "an RLP integer must not have leading zero bytes")
        }
        return try U256(bigEndian: bytes)
    }

    /// The byte string as a canonical integer that fits 64 bits.
    public func uint64Value() throws -> UInt64 {
        let value = try u256Value()
        guard let small = value.uint64 else {
            throw EthereumError(.invalidNumber, "RLP integer \(value) does not fit in 64 bits")
        }
        return small
    }

    /// The canonical RLP encoding.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLength)
        encode(into: &out)
        return out
    }

    /// Appends the canonical RLP encoding to `out`.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .bytes(let bytes):
            if bytes.count == 1, bytes[0] < 0x80 {
                out.append(bytes[0])
            } else {
                Self.appendHeader(into: &out, length: bytes.count, shortBase: 0x80)
                out.append(contentsOf: bytes)
            }
        case .list(let items):
            let payload = items.reduce(0) { $0 + $1.encodedLength }
            Self.appendHeader(into: &out, length: payload, shortBase: 0xC0)
            for item in items { item.encode(into: &out) }
        }
    }

    /// The length of ``encoded()`` without building it.
    public var encodedLength: Int {
        switch self {
        case .bytes(let bytes):
            if bytes.count == 1, bytes[0] < 0x80 { return 1 }
            return Self.headerLength(bytes.count) + bytes.count
        case .list(let items):
            let payload = items.reduce(0) { $0 + $1.encodedLength }
            return Self.headerLength(payload) + payload
        }
    }

    /// Decodes exactly one item occupying all of `bytes`, strictly.
    /// - Throws: ``EthereumError`` with codes `truncated`, `nonCanonical`, `trailingBytes`, `lengthOverflow`
    ///   or `tooDeep`; never traps on any input.
    public static func decode(_ bytes: [UInt8]) throws -> RLPItem {
        try RLPDecoder(bytes).decodeSingle()
    }

    private static func headerLength(_ length: Int) -> Int {
        length < 56 ? 1 : 1 + (Int.bitWidth - length.leadingZeroBitCount + 7) / 8
    }

    private static func appendHeader(into out: inout [UInt8], length: Int, shortBase: UInt8) {
        if length < 56 {
            out.append(shortBase + UInt8(length))
        } else {
            let lengthBytes = (Int.bitWidth - length.leadingZeroBitCount + 7) / 8
            out.append(shortBase + 55 + UInt8(lengthBytes))
            for index in stride(from: lengthBytes - 1, through: 0, by: -1) {
                out.append(UInt8(truncatingIfNeeded: length >> (8 * index)))
            }
        }
    }
}
