import BN254
import Foundation
import TestSupport
import Testing

/// Deterministic random tower elements and a slow, generic exponentiation for the pairing tests.
enum TowerTestSupport {
    typealias Generator = SplitMix64

    static func fq2(_ generator: inout Generator) -> Fq2 {
        Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
    }

    static func fq6(_ generator: inout Generator) -> Fq6 {
        Fq6(fq2(&generator), fq2(&generator), fq2(&generator))
    }

    static func fq12(_ generator: inout Generator) -> Fq12 {
        Fq12(fq6(&generator), fq6(&generator))
    }

    /// x^e by plain left-to-right square-and-multiply with the generic `*` (no Frobenius, no
    /// cyclotomic tricks): the independent reference for Frobenius maps and exponentiations.
    static func slowPow(_ base: Fq12, _ exponent: [UInt64]) -> Fq12 {
        var result = Fq12.one
        for word in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result * result
                if (word >> UInt64(bit)) & 1 == 1 { result = result * base }
            }
        }
        return result
    }

    /// The same for Fq6.
    static func slowPow(_ base: Fq6, _ exponent: [UInt64]) -> Fq6 {
        var result = Fq6.one
        for word in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result * result
                if (word >> UInt64(bit)) & 1 == 1 { result = result * base }
            }
        }
        return result
    }

    /// Little-endian 64-bit words of a hexadecimal number of any length.
    static func words(hex: String) -> [UInt64] {
        var digits = Array(hex.utf8)
        var words: [UInt64] = []
        while !digits.isEmpty {
            let chunk = digits.suffix(16)
            digits.removeLast(chunk.count)
            words.append(UInt64(String(decoding: chunk, as: UTF8.self), radix: 16) ?? 0)
        }
        return words
    }

    static func words(_ value: UInt256) -> [UInt64] { [value.w0, value.w1, value.w2, value.w3] }

    /// An Fq12 element from 12 decimal strings in the order c0.c0.c0, c0.c0.c1, …, c1.c2.c1.
    static func fq12(decimals: [String]) throws -> Fq12 {
        let values = try decimals.map { try Fq(decimal: $0) }
        precondition(values.count == 12)
        func pair(_ index: Int) -> Fq2 { Fq2(values[index], values[index + 1]) }
        return Fq12(Fq6(pair(0), pair(2), pair(4)), Fq6(pair(6), pair(8), pair(10)))
    }

    /// Loads and decodes a JSON vector file from the test bundle's Vectors folder.
    static func vectors<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
