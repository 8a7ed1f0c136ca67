import BN254
import Crypto

/// Reads the versioned binary key format written by ``KeyFileWriter``, with a message naming the
/// section and element for every problem.
struct KeyFileReader {
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int
    private let what: String

    /// Checks magic, version and trailing checksum, and positions the reader after the header.
    init(_ bytes: [UInt8], magic: [UInt8], what: String) throws(Groth16Error) {
        self.what = what
        let headerSize = magic.count + 2
        guard bytes.count >= headerSize + 32 else {
            throw Groth16Error(.malformedKey, "\(what) is truncated (\(bytes.count) bytes)")
        }
        guard Array(bytes[0..<magic.count]) == magic else {
            throw Groth16Error(
                .malformedKey, "\(what) does not start with the magic \(String(decoding: magic, as: UTF8.self))")
        }
        let version = Int(bytes[magic.count]) << 8 | Int(bytes[magic.count + 1])
        guard version == KeyFileWriter.formatVersion else {
            throw Groth16Error(
                .malformedKey,
                "\(what) has format version \(version); this build reads version \(KeyFileWriter.formatVersion)")
        }
        let body = bytes[0..<(bytes.count - 32)]
        guard Array(SHA256.hash(data: body)) == Array(bytes[(bytes.count - 32)...]) else {
            throw Groth16Error(.malformedKey, "\(what) is corrupt: its SHA-256 checksum does not match its contents")
        }
        self.bytes = bytes
        self.offset = headerSize
        self.end = bytes.count - 32
    }

    var isAtEnd: Bool { offset == end }

    mutating func take(_ count: Int, _ element: @autoclosure () -> String) throws(Groth16Error) -> ArraySlice<UInt8> {
        guard count >= 0, end - offset >= count else {
            throw Groth16Error(.malformedKey, "\(what) ends inside \(element())")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func readCount(_ element: String, limit: Int = 1 << 28) throws(Groth16Error) -> Int {
        let word = try take(4, element)
        let value = word.reduce(0) { $0 << 8 | Int($1) }
        guard value <= limit else {
            throw Groth16Error(.malformedKey, "\(what): \(element) \(value) is implausibly large")
        }
        return value
    }

    mutating func readG1(_ element: @autoclosure () -> String) throws(Groth16Error) -> G1Affine {
        try Self.decodeG1(try take(64, element()), element(), what: what)
    }

    /// A G2 point checked for canonical coordinates, the curve and (when `checkSubgroup`) the subgroup.
    mutating func readG2(_ element: @autoclosure () -> String, checkSubgroup: Bool) throws(Groth16Error) -> G2Affine {
        try Self.decodeG2(try take(128, element()), element(), what: what, checkSubgroup: checkSubgroup)
    }

    static func decodeG1(
        _ slice: ArraySlice<UInt8>, _ element: @autoclosure () -> String, what: String
    ) throws(Groth16Error) -> G1Affine {
        do throws(BN254Error) {
            return try G1Affine(uncompressedBytes: Array(slice))
        } catch {
            throw Groth16Error(.malformedKey, "\(what): \(element()) is invalid: \(error.message)")
        }
    }

    static func decodeG2(
        _ slice: ArraySlice<UInt8>, _ element: @autoclosure () -> String, what: String, checkSubgroup: Bool
    ) throws(Groth16Error) -> G2Affine {
        do throws(BN254Error) {
            return try G2Affine(uncompressedBytes: Array(slice), checkingSubgroup: checkSubgroup)
        } catch {
            throw Groth16Error(.malformedKey, "\(what): \(element()) is invalid: \(error.message)")
        }
    }

    /// Takes the bytes of a counted vector of `width`-byte points, to be decoded later (in parallel).
    mutating func takeVector(_ element: String, width: Int) throws(Groth16Error) -> PointSection {
        let count = try readCount("\(element) count")
        guard count <= (end - offset) / width else {
            throw Groth16Error(.malformedKey, "\(what) ends inside \(element) (\(count) points announced)")
        }
        return PointSection(element: element, what: what, bytes: try take(count * width, element), width: width)
    }

    mutating func readG1Vector(_ element: String) throws(Groth16Error) -> [G1Affine] {
        let count = try readCount("\(element) count")
        var points = [G1Affine]()
        points.reserveCapacity(count)
        for index in 0..<count { points.append(try readG1("\(element)[\(index)]")) }
        return points
    }
}

/// Writes the binary key format: magic, big-endian UInt16 format version, the body, and a SHA-256
/// checksum of everything before it.
struct KeyFileWriter {
    /// The format version this build writes and reads.
    static let formatVersion = 1
    private(set) var bytes: [UInt8]

    init(magic: [UInt8]) {
        bytes = magic + [UInt8(Self.formatVersion >> 8), UInt8(Self.formatVersion & 0xff)]
    }

    mutating func append(_ data: [UInt8]) { bytes += data }

    mutating func appendCount(_ value: Int) {
        bytes += [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    mutating func appendG1Vector(_ points: [G1Affine]) {
        appendCount(points.count)
        bytes.reserveCapacity(bytes.count + 64 * points.count)
        for point in points { bytes += point.uncompressedBytes }
    }

    func finished() -> [UInt8] { bytes + Array(SHA256.hash(data: bytes)) }
}
