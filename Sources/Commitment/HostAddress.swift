import BN254

/// A host's 20-byte Ethereum address, the `host` public input (a 160-bit integer in the circuit).
public struct HostAddress: Hashable, Sendable, CustomStringConvertible {
    /// The 20 bytes, big-endian.
    public let bytes: [UInt8]

    /// Wraps 20 bytes.
    /// - Throws: ``CommitmentError`` `.malformedValue` unless there are exactly 20 bytes.
    public init<Bytes: Collection<UInt8>>(bytes: Bytes) throws(CommitmentError) {
        guard bytes.count == 20 else {
            throw CommitmentError(.malformedValue, "an address has 20 bytes, got \(bytes.count)")
        }
        self.bytes = Array(bytes)
    }

    /// Parses `0x` + 40 hexadecimal digits (the prefix is optional; checksum case is not verified).
    /// - Throws: ``CommitmentError`` `.malformedValue` for a wrong length or a non-hex character.
    public init(hex text: String) throws(CommitmentError) {
        try self.init(bytes: HexCoding.decode(text, byteCount: 20, what: "an address"))
    }

    /// The address as a field element: its 160-bit big-endian value.
    public var fieldElement: Fr { HexCoding.fieldElement(bytes[...]) }

    /// `0x` + 40 lower-case hex digits.
    public var hex: String { "0x" + HexCoding.encode(bytes) }

    /// The hex form.
    public var description: String { hex }
}
