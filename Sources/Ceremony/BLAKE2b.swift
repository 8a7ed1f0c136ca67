/// BLAKE2b (RFC 7693) with 64-byte output and no key: the hash of snarkjs's ceremony transcripts.
///
/// Streaming: ``update(_:)`` any number of times, then ``finalize()``. The internal state can be exported
/// and restored in the 216-byte layout of the `blake2b-wasm` package (``partialState`` /
/// ``init(partialState:)``), which `.ptau` files store so that a contribution's hash can be finished
/// from its public key alone.
public struct BLAKE2b: Sendable {
    private var h: [UInt64]
    private var buffer: [UInt8]
    private var bufferCount: Int
    private var totalCompressed: UInt64

    static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]

    static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    /// The digest size in bytes.
    public static let digestSize = 64
    /// The size of an exported partial state (the `blake2b-wasm` layout).
    public static let partialStateSize = 216

    /// A fresh hash.
    public init() {
        h = Self.iv
        h[0] ^= 0x0101_0000 ^ UInt64(Self.digestSize)
        buffer = [UInt8](repeating: 0, count: 128)
        bufferCount = 0
        totalCompressed = 0
    }

    /// BLAKE2b-512 of `bytes`.
    public static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var hasher = BLAKE2b()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Absorbs `bytes`.
    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        for byte in bytes {
            if bufferCount == 128 {
                totalCompressed &+= 128
                compress(last: false)
                bufferCount = 0
            }
            buffer[bufferCount] = byte
            bufferCount += 1
        }
    }

    /// The 64-byte digest.
    public func finalize() -> [UInt8] {
        var copy = self
        copy.totalCompressed &+= UInt64(copy.bufferCount)
        for index in copy.bufferCount..<128 { copy.buffer[index] = 0 }
        copy.compress(last: true)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for word in copy.h {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// The state in `blake2b-wasm`'s layout: the 128-byte block buffer, h (8 little-endian words), the
    /// byte counter (8 bytes) and the buffer fill (8 bytes), then 8 zero bytes.
    public var partialState: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(Self.partialStateSize)
        func appendWord(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        out += buffer
        for word in h { appendWord(word) }
        appendWord(totalCompressed)
        appendWord(UInt64(bufferCount))
        appendWord(0)
        return out
    }

    /// Restores a state exported by ``partialState`` (or by `blake2b-wasm`'s `getPartialHash`).
    /// - Returns: nil when the bytes are not a plausible state (wrong size or buffer fill above 128).
    public init?(partialState bytes: [UInt8]) {
        guard bytes.count == Self.partialStateSize else { return nil }
        func word(_ at: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) }
        }
        let fill = word(200)
        guard fill <= 128 else { return nil }
        buffer = Array(bytes[0..<128])
        h = (0..<8).map { word(128 + 8 * $0) }
        totalCompressed = word(192)
        bufferCount = Int(fill)
    }

    @inline(__always)
    private static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

    private mutating func compress(last: Bool) {
        var m = [UInt64](repeating: 0, count: 16)
        for i in 0..<16 {
            var word: UInt64 = 0
            for j in 0..<8 { word |= UInt64(buffer[8 * i + j]) << UInt64(8 * j) }
            m[i] = word
        }
        var v = h + Self.iv
        v[12] ^= totalCompressed
        if last { v[14] = ~v[14] }
        for round in 0..<12 {
            let s = Self.sigma[round % 10]
            func mix(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
                v[a] = v[a] &+ v[b] &+ x
                v[d] = Self.rotr(v[d] ^ v[a], 32)
                v[c] = v[c] &+ v[d]
                v[b] = Self.rotr(v[b] ^ v[c], 24)
                v[a] = v[a] &+ v[b] &+ y
                v[d] = Self.rotr(v[d] ^ v[a], 16)
                v[c] = v[c] &+ v[d]
                v[b] = Self.rotr(v[b] ^ v[c], 63)
            }
            mix(0, 4, 8, 12, m[s[0]], m[s[1]])
            mix(1, 5, 9, 13, m[s[2]], m[s[3]])
            mix(2, 6, 10, 14, m[s[4]], m[s[5]])
            mix(3, 7, 11, 15, m[s[6]], m[s[7]])
            mix(0, 5, 10, 15, m[s[8]], m[s[9]])
            mix(1, 6, 11, 12, m[s[10]], m[s[11]])
            mix(2, 7, 8, 13, m[s[12]], m[s[13]])
            mix(3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }
}
