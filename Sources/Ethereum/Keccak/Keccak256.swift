/// Keccak-256 as Ethereum uses it: the original Keccak submission with padding `0x01…0x80`,
/// which differs from the standardised SHA3-256 (padding `0x06…0x80`).
///
/// One-shot use: `Keccak256.hash(bytes)`. Incremental use: create a value, ``update(_:)`` it with
/// any number of chunks, then ``finalize()``.
public struct Keccak256: Sendable {
    /// The rate in bytes: 1088 bits, the block size absorbed per permutation.
    public static let rate = 136
    /// The digest length in bytes.
    public static let digestLength = 32

    private var lanes = [UInt64](repeating: 0, count: 25)
    private var buffer = [UInt8](repeating: 0, count: 136)
    private var buffered = 0

    /// Creates a hasher with an empty state.
    public init() {}

    /// The Keccak-256 digest of `bytes`.
    /// - Parameter bytes: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The Keccak-256 digest of the UTF-8 bytes of `text`.
    /// - Parameter text: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ text: String) -> [UInt8] {
        hash(Array(text.utf8))
    }

    /// The Keccak-256 digest of the bytes in `buffer`.
    /// - Parameter buffer: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { state in
            let lanes = state.baseAddress!
            lanes.initialize(repeating: 0, count: 25)
            var offset = 0
            let count = buffer.count
            while count - offset >= rate {
                absorbBlock(lanes, buffer, offset)
                permute(lanes)
                offset += rate
            }
            // The final block: whole words, then the tail bytes, then the padding bits, XORed
            // straight into the lanes (no padded copy of the block).
            let remaining = count - offset
            var lane = 0
            while (lane + 1) * 8 <= remaining {
                let word = buffer.loadUnaligned(fromByteOffset: offset + lane * 8, as: UInt64.self)
                lanes[lane] ^= UInt64(littleEndian: word)
                lane += 1
            }
            var tail: UInt64 = 0
            for index in 0..<(remaining - lane * 8) {
                tail |= UInt64(buffer[offset + lane * 8 + index]) << UInt64(8 * index)
            }
            lanes[lane] ^= tail ^ (0x01 << UInt64(8 * (remaining - lane * 8)))
            lanes[16] ^= 0x80 << 56
            permute(lanes)
            return squeeze(lanes)
        }
    }

    /// Absorbs more message bytes.
    /// - Parameter bytes: the next chunk of the message.
    public mutating func update(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            let take = min(Self.rate - buffered, bytes.count - index)
            for position in 0..<take { buffer[buffered + position] = bytes[index + position] }
            buffered += take
            index += take
            if buffered == Self.rate {
                absorbBuffer()
                buffered = 0
            }
        }
    }

    /// Pads, absorbs the final block and returns the digest. The hasher should not be used afterwards.
    /// - Returns: the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        for position in buffered..<Self.rate { buffer[position] = 0 }
        buffer[buffered] ^= 0x01
        buffer[Self.rate - 1] ^= 0x80
        absorbBuffer()
        buffered = 0
        return lanes.withUnsafeMutableBufferPointer { Self.squeeze($0.baseAddress!) }
    }

    private mutating func absorbBuffer() {
        let block = buffer
        lanes.withUnsafeMutableBufferPointer { state in
            block.withUnsafeBytes { Self.absorbBlock(state.baseAddress!, $0, 0) }
            Self.permute(state.baseAddress!)
        }
    }

    /// XORs the 17 little-endian lanes of the block at `offset` into the state.
    @inline(__always)
    static func absorbBlock(_ lanes: UnsafeMutablePointer<UInt64>, _ bytes: UnsafeRawBufferPointer, _ offset: Int) {
        for lane in 0..<17 {
            let word = bytes.loadUnaligned(fromByteOffset: offset + lane * 8, as: UInt64.self)
            lanes[lane] ^= UInt64(littleEndian: word)
        }
    }

    /// The first 32 bytes of the state, little-endian lane by lane.
    @inline(__always)
    static func squeeze(_ lanes: UnsafeMutablePointer<UInt64>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
            for lane in 0..<4 {
                let word = lanes[lane].littleEndian
                for byte in 0..<8 { out[lane * 8 + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
            }
            initialized = 32
        }
    }
}
