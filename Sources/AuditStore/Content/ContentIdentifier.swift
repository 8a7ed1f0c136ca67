import Crypto
import Foundation

/// A content address that anyone can recompute from bytes: CIDv1, `raw` codec (0x55), sha2-256
/// multihash (0x12, 0x20, digest), written in multibase base32 lower case without padding (`b…`).
///
/// For a proof, ``digest`` is the same 32 bytes as `proofHash = SHA-256(proof bytes)` that goes
/// on-chain, so the CID and the on-chain hash name the same bytes.
public struct ContentIdentifier: Sendable, Hashable, CustomStringConvertible, Codable {
    /// CID version 1.
    static let version: UInt8 = 0x01
    /// The multicodec code of raw bytes.
    static let rawCodec: UInt8 = 0x55
    /// The multihash code of sha2-256.
    static let sha256Code: UInt8 = 0x12
    /// The sha2-256 digest length.
    static let digestLength: UInt8 = 0x20

    /// The sha2-256 digest of the named bytes (32 bytes).
    public let digest: Data

    /// The CID of `bytes`: SHA-256 of them, wrapped as CIDv1 raw.
    /// - Parameter bytes: The content.
    public init<Bytes: DataProtocol>(of bytes: Bytes) {
        self.digest = Data(SHA256.hash(data: bytes))
    }

    /// The CID whose multihash carries `digest`.
    /// - Parameter digest: A 32-byte SHA-256 digest.
    /// - Throws: `invalidCID` when the digest is not 32 bytes.
    public init(digest: Data) throws {
        guard digest.count == Int(Self.digestLength) else {
            throw AuditStoreError(.invalidCID, "a sha2-256 digest is 32 bytes, not \(digest.count)")
        }
        self.digest = digest
    }

    /// Parses a CID string.
    /// - Parameter text: `b` followed by base32 of `01 55 12 20 <32-byte digest>`.
    /// - Throws: `invalidCID` with what was wrong (prefix, alphabet, version, codec, hash function, length).
    public init(parsing text: String) throws {
        guard text.first == "b" else {
            throw AuditStoreError(
                .invalidCID,
                "a CIDv1 in base32 starts with 'b'; '\(text.prefix(12))…' does not (CIDv0 'Qm…' is not used)")
        }
        guard let bytes = Base32.decode(String(text.dropFirst())) else {
            throw AuditStoreError(.invalidCID, "'\(text.prefix(12))…' is not lower-case unpadded base32")
        }
        let header = [Self.version, Self.rawCodec, Self.sha256Code, Self.digestLength]
        guard bytes.count == header.count + Int(Self.digestLength) else {
            throw AuditStoreError(
                .invalidCID, "a raw sha2-256 CIDv1 is 36 bytes; '\(text.prefix(12))…' decodes to \(bytes.count)")
        }
        guard bytes[0] == Self.version else {
            throw AuditStoreError(.invalidCID, "CID version \(bytes[0]) is not 1")
        }
        guard bytes[1] == Self.rawCodec else {
            throw AuditStoreError(.invalidCID, "codec 0x\(String(bytes[1], radix: 16)) is not raw (0x55)")
        }
        guard bytes[2] == Self.sha256Code, bytes[3] == Self.digestLength else {
            throw AuditStoreError(.invalidCID, "the multihash is not sha2-256 with a 32-byte digest")
        }
        self.digest = Data(bytes[4...])
    }

    /// The binary CID: `01 55 12 20` followed by the digest.
    public var bytes: [UInt8] {
        [Self.version, Self.rawCodec, Self.sha256Code, Self.digestLength] + [UInt8](digest)
    }

    /// The CID string (`bafkrei…`).
    public var description: String { "b" + Base32.encode(bytes) }

    /// Whether `content` hashes to this CID.
    /// - Parameter content: The bytes to check.
    /// - Returns: True when SHA-256 of `content` equals ``digest``.
    public func names<Bytes: DataProtocol>(_ content: Bytes) -> Bool {
        Data(SHA256.hash(data: content)) == digest
    }

    /// Decodes from the CID string.
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the CID string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
