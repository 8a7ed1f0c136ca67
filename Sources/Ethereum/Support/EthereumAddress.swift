/// A 20-byte Ethereum account address, printed with its EIP-55 mixed-case checksum.
///
/// Parsing accepts all-lower-case and all-upper-case hex, and mixed case only when it matches the
/// EIP-55 checksum (a mistyped checksummed address is an error, not silently another account).
public struct EthereumAddress: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The 20 bytes.
    public let bytes: [UInt8]

    /// The zero address.
    public static let zero = EthereumAddress(unchecked: [UInt8](repeating: 0, count: 20))

    /// Creates an address from exactly 20 bytes.
    /// - Throws: ``EthereumError/Code/wrongLength``.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 20 else {
            throw EthereumError(.wrongLength, "an address has 20 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `0x` + 40 hex digits, checking the EIP-55 checksum when the case is mixed.
    /// - Throws: ``EthereumError/Code/invalidHex``, ``EthereumError/Code/wrongLength`` or
    ///   ``EthereumError/Code/badChecksum``.
    public init(parsing text: String) throws {
        let bytes = try Hex.decode(text, requirePrefix: true)
        guard bytes.count == 20 else {
            throw EthereumError(.wrongLength, "an address has 40 hex digits, got \(bytes.count * 2): \(text)")
        }
        self.bytes = bytes
        let digits = text.dropFirst(2)
        let hasLower = digits.contains { ("a"..."f").contains($0) }
        let hasUpper = digits.contains { ("A"..."F").contains($0) }
        if hasLower && hasUpper && String(digits) != checksummed.dropFirst(2) {
            throw EthereumError(
                .badChecksum,
                "address \(text) has mixed case that does not match its EIP-55 checksum \(checksummed); "
                    + "check it for typos")
        }
    }

    /// The address of an uncompressed public key: the last 20 bytes of Keccak-256 of its 64 coordinate bytes.
    /// - Throws: ``EthereumError/Code/wrongLength`` unless given 64 bytes (or 65 with the 0x04 prefix).
    public init(publicKey: [UInt8]) throws {
        let coordinates: [UInt8]
        if publicKey.count == 65, publicKey[0] == 0x04 {
            coordinates = Array(publicKey[1...])
        } else if publicKey.count == 64 {
            coordinates = publicKey
        } else {
            throw EthereumError(.wrongLength, "an uncompressed public key has 64 or 65 bytes, got \(publicKey.count)")
        }
        self.bytes = Array(Keccak256.hash(coordinates)[12...])
    }

    /// The EIP-55 checksummed spelling, `0x` + 40 mixed-case hex digits.
    public var checksummed: String {
        let lower = Hex.encode(bytes, prefix: false)
        let hash = Keccak256.hash(lower)
        var out = "0x"
        for (index, character) in lower.enumerated() {
            let nibble = index % 2 == 0 ? hash[index / 2] >> 4 : hash[index / 2] & 0x0F
            out.append(nibble >= 8 ? Character(character.uppercased()) : character)
        }
        return out
    }

    /// The checksummed spelling.
    public var description: String { checksummed }

    /// Decodes from a JSON string (checksum-checked).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    /// Encodes as the checksummed JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(checksummed)
    }
}
