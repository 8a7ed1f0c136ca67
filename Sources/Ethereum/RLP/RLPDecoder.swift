/// A strict RLP decoder over a byte array.
///
/// Rejected, each with a typed ``EthereumError``: input that ends early (`truncated`); a single byte
/// below 0x80 wrapped in a string header, a long form for a length under 56, a length with leading
/// zero bytes (all `nonCanonical`); lengths that do not fit in memory (`lengthOverflow`); list payloads
/// whose items do not end exactly at the payload's end, and bytes after the top-level item
/// (`trailingBytes`); nesting beyond ``maximumDepth`` (`tooDeep`).
public struct RLPDecoder: Sendable {
    /// The deepest list nesting accepted (bounds recursion on hostile input).
    public static let maximumDepth = 256

    private let bytes: [UInt8]

    /// Creates a decoder over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes exactly one item spanning all the bytes.
    public func decodeSingle() throws -> RLPItem {
        var position = 0
        let item = try decodeItem(at: &position, end: bytes.count, depth: 0)
        guard position == bytes.count else {
            throw EthereumError(
                .trailingBytes, "\(bytes.count - position) bytes follow the RLP item (it ends at byte \(position))")
        }
        return item
    }

    private struct Header {
        var isList: Bool
        var payloadStart: Int
        var payloadLength: Int
    }

    private func decodeItem(at position: inout Int, end: Int, depth: Int) throws -> RLPItem {
        let header = try readHeader(at: position, end: end)
        let payloadEnd = header.payloadStart + header.payloadLength
        if !header.isList {
            position = payloadEnd
            return .bytes(Array(bytes[header.payloadStart..<payloadEnd]))
        }
        guard depth < Self.maximumDepth else {
            throw EthereumError(.tooDeep, "RLP lists nested deeper than \(Self.maximumDepth)")
        }
        var items: [RLPItem] = []
        var cursor = header.payloadStart
        while cursor < payloadEnd {
            items.append(try decodeItem(at: &cursor, end: payloadEnd, depth: depth + 1))
        }
        position = payloadEnd
        return .list(items)
    }

    private func readHeader(at position: Int, end: Int) throws -> Header {
        guard position < end else {
            throw EthereumError(.truncated, "RLP input ends at byte \(position) where an item was expected")
        }
        let prefix = bytes[position]
        switch prefix {
        case 0x00...0x7F:
            return Header(isList: false, payloadStart: position, payloadLength: 1)
        case 0x80...0xB7:
            let length = Int(prefix - 0x80)
            try require(position + 1, length, end)
            if length == 1, bytes[position + 1] < 0x80 {
                throw EthereumError(
                    .nonCanonical,
                    "single byte 0x\(String(bytes[position + 1], radix: 16)) below 0x80 "
                        + "must be encoded as itself, not wrapped in 0x81 (at byte \(position))")
            }
            return Header(isList: false, payloadStart: position + 1, payloadLength: length)
        case 0xB8...0xBF:
            let length = try longLength(at: position, count: Int(prefix - 0xB7), end: end)
            return Header(isList: false, payloadStart: position + 1 + Int(prefix - 0xB7), payloadLength: length)
        case 0xC0...0xF7:
            let length = Int(prefix - 0xC0)
            try require(position + 1, length, end)
            return Header(isList: true, payloadStart: position + 1, payloadLength: length)
        default:
            let length = try longLength(at: position, count: Int(prefix - 0xF7), end: end)
            return Header(isList: true, payloadStart: position + 1 + Int(prefix - 0xF7), payloadLength: length)
        }
    }

    private func longLength(at position: Int, count: Int, end: Int) throws -> Int {
        guard position + 1 + count <= end else {
            throw EthereumError(.truncated, "RLP length of \(count) bytes at byte \(position) runs past the end")
        }
        guard bytes[position + 1] != 0 else {
            throw EthereumError(.nonCanonical, "RLP length at byte \(position) has a leading zero byte")
        }
        guard count <= 7 else {
            throw EthereumError(.lengthOverflow, "RLP length of \(count) bytes at byte \(position) is too large")
        }
        var length = 0
        for index in 0..<count { length = length << 8 | Int(bytes[position + 1 + index]) }
        guard length >= 56 else {
            throw EthereumError(
                .nonCanonical, "RLP long form used for length \(length) (< 56) at byte \(position)")
        }
        try require(position + 1 + count, length, end)
        return length
    }

    private func require(_ start: Int, _ length: Int, _ end: Int) throws {
        guard length <= end - start else {
            throw EthereumError(
                .truncated, "RLP payload of \(length) bytes at byte \(start) runs past the end (\(end - start) left)")
        }
    }
}
