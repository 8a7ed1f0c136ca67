/// The binary container of snarkjs files (iden3 `binfileutils`): a 4-byte magic, a little-endian u32
/// version and section count, then sections of (u32 type, u64 size, bytes).
public struct BinaryContainer: Sendable {
    /// The file's four-character type (`ptau`, `zkey`).
    public let magic: String
    /// The format version.
    public let version: UInt32
    /// The bytes of the whole file.
    public let bytes: [UInt8]
    /// Sections by type: each (offset, size) in ``bytes``, in file order.
    public let sections: [UInt32: [Range<Int>]]
    /// The file's name, for error messages.
    public let fileName: String

    /// Parses the container structure (not the sections' contents).
    /// - Throws: ``CeremonyError`` `.malformedFile` naming the file when it is truncated or not of `magic`.
    public init(bytes: [UInt8], expectedMagic: String, fileName: String) throws(CeremonyError) {
        self.fileName = fileName
        self.bytes = bytes
        guard bytes.count >= 12 else {
            throw CeremonyError(
                .malformedFile, "\(fileName): too short for a \(expectedMagic) file (\(bytes.count) bytes)")
        }
        magic = String(decoding: bytes[0..<4], as: UTF8.self)
        guard magic == expectedMagic else {
            throw CeremonyError(.malformedFile, "\(fileName): not a \(expectedMagic) file (magic \"\(magic)\")")
        }
        version = LittleEndian.u32(bytes, 4)
        let count = LittleEndian.u32(bytes, 8)
        var offset = 12
        var found: [UInt32: [Range<Int>]] = [:]
        for index in 0..<Int(count) {
            guard bytes.count - offset >= 12 else {
                throw CeremonyError(.malformedFile, "\(fileName): truncated in the header of section #\(index + 1)")
            }
            let type = LittleEndian.u32(bytes, offset)
            let size = LittleEndian.u64(bytes, offset + 4)
            offset += 12
            guard size <= UInt64(bytes.count - offset) else {
                throw CeremonyError(
                    .malformedFile, "\(fileName): section \(type) claims \(size) bytes but the file ends first")
            }
            found[type, default: []].append(offset..<(offset + Int(size)))
            offset += Int(size)
        }
        guard offset == bytes.count else {
            throw CeremonyError(
                .malformedFile, "\(fileName): \(bytes.count - offset) trailing bytes after the sections")
        }
        sections = found
    }

    /// The single section of `type`.
    /// - Throws: ``CeremonyError`` `.malformedFile` when it is missing or repeated, or its size is not `size`.
    public func section(_ type: UInt32, _ name: String, size: Int? = nil) throws(CeremonyError) -> Range<Int> {
        guard let ranges = sections[type], ranges.count == 1, let range = ranges.first else {
            throw CeremonyError(
                .malformedFile, "\(fileName): section \(type) (\(name)) is missing or appears more than once")
        }
        if let size, range.count != size {
            throw CeremonyError(
                .malformedFile, "\(fileName): section \(type) (\(name)) is \(range.count) bytes, expected \(size)")
        }
        return range
    }

    /// Serialises sections (in the given order) into a container.
    public static func write(magic: String, version: UInt32, sections: [(UInt32, [UInt8])]) -> [UInt8] {
        var out = Array(magic.utf8)
        LittleEndian.append(u32: version, to: &out)
        LittleEndian.append(u32: UInt32(sections.count), to: &out)
        for (type, body) in sections {
            LittleEndian.append(u32: type, to: &out)
            LittleEndian.append(u64: UInt64(body.count), to: &out)
            out += body
        }
        return out
    }
}

/// Little-endian integer helpers for the snarkjs formats.
enum LittleEndian {
    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << UInt32(8 * $1) }
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) }
    }

    static func append(u32 value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func append(u64 value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
