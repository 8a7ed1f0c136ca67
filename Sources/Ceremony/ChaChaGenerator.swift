/// The ChaCha20-based generator of ffjavascript (`chacha.js`), which snarkjs seeds from hashes to derive
/// curve points (HashToG2) and beacon secrets. Its output must match bit for bit: verifiers re-derive
/// the points and secrets of transcripts made by snarkjs.
///
/// The state is the ChaCha constants, an eight-word seed and a 128-bit counter; each refill runs 20
/// rounds over the state and returns the sixteen words after the feed-forward.
public struct ChaChaGenerator: Sendable {
    private var state: [UInt32]
    private var block: [UInt32]
    private var index: Int

    /// A generator seeded with eight 32-bit words.
    public init(seed: [UInt32]) {
        precondition(seed.count == 8, "ChaCha seeds are eight words")
        state = [0x6170_7865, 0x3320_646E, 0x7962_2D32, 0x6B20_6574] + seed + [0, 0, 0, 0]
        block = [UInt32](repeating: 0, count: 16)
        index = 16
    }

    /// A generator seeded with the first 32 bytes of `bytes` read as eight big-endian words (snarkjs's
    /// `DataView.getUint32`).
    public init(seedBytes bytes: [UInt8]) {
        precondition(bytes.count >= 32, "ChaCha seeds are 32 bytes")
        self.init(
            seed: (0..<8).map { word in
                (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[4 * word + $1]) }
            })
    }

    /// The next 32-bit word.
    public mutating func nextUInt32() -> UInt32 {
        if index == 16 { refill() }
        defer { index += 1 }
        return block[index]
    }

    /// The next 64-bit value: the first word is the high half (ffjavascript's `nextU64`).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return high << 32 | low
    }

    /// The low bit of the next word.
    public mutating func nextBool() -> Bool { nextUInt32() & 1 == 1 }

    private mutating func refill() {
        var x = state
        func quarter(_ a: Int, _ b: Int, _ c: Int, _ d: Int) {
            x[a] = x[a] &+ x[b]
            x[d] = (x[d] ^ x[a]).rotatedLeft(16)
            x[c] = x[c] &+ x[d]
            x[b] = (x[b] ^ x[c]).rotatedLeft(12)
            x[a] = x[a] &+ x[b]
            x[d] = (x[d] ^ x[a]).rotatedLeft(8)
            x[c] = x[c] &+ x[d]
            x[b] = (x[b] ^ x[c]).rotatedLeft(7)
        }
        for _ in 0..<10 {
            quarter(0, 4, 8, 12)
            quarter(1, 5, 9, 13)
            quarter(2, 6, 10, 14)
            quarter(3, 7, 11, 15)
            quarter(0, 5, 10, 15)
            quarter(1, 6, 11, 12)
            quarter(2, 7, 8, 13)
            quarter(3, 4, 9, 14)
        }
        for i in 0..<16 { block[i] = x[i] &+ state[i] }
        index = 0
        for word in 12..<16 {
            state[word] = state[word] &+ 1
            if state[word] != 0 { break }
        }
    }
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 { (self << count) | (self >> (32 - count)) }
}
