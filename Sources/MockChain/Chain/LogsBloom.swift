import Ethereum

/// The 2048-bit logs bloom of the yellow paper (section 4.3.1): for the address and every topic of
/// every log, three bits chosen by the first three byte pairs of its Keccak-256 (mod 2048).
public enum LogsBloom {
    /// The bloom of `logs` (256 bytes, big-endian bit order as in block headers).
    public static func of(_ logs: [LogEntry]) -> [UInt8] {
        var bloom = [UInt8](repeating: 0, count: 256)
        for log in logs {
            add(log.address.bytes, to: &bloom)
            for topic in log.topics { add(topic, to: &bloom) }
        }
        return bloom
    }

    /// Sets the three bits of `item` in `bloom`.
    static func add(_ item: [UInt8], to bloom: inout [UInt8]) {
        let hash = Keccak256.hash(item)
        for pair in 0..<3 {
            let bit = (Int(hash[2 * pair]) << 8 | Int(hash[2 * pair + 1])) & 2047
            bloom[255 - bit / 8] |= UInt8(1 << (bit % 8))
        }
    }

    /// `lhs |= rhs`.
    static func merge(_ rhs: [UInt8], into lhs: inout [UInt8]) {
        for index in 0..<min(lhs.count, rhs.count) { lhs[index] |= rhs[index] }
    }
}
