import Ethereum
import TestSupport
import Testing

@Suite("U256 and I256")
struct IntegerTests {
    static func random(_ generator: inout SplitMix64) -> U256 {
        let width = Int.random(in: 0...4, using: &generator)
        var limbs: [UInt64] = [0, 0, 0, 0]
        for index in 0..<width { limbs[index] = generator.next() }
        return U256(limbs: (limbs[0], limbs[1], limbs[2], limbs[3]))
    }

    @Test("text conversions: published constants, hex, errors")
    func text() throws {
        // 2^256 - 1 and 2^255, as printed in the Solidity documentation of type(uint256).max / int256.
        let maxText = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        #expect(U256.max.description == maxText)
        #expect(try U256(parsing: maxText) == .max)
        #expect(try U256(parsing: "0x" + String(repeating: "f", count: 64)) == .max)
        #expect(throws: EthereumError.self) {
            _ = try U256(parsing: "115792089237316195423570985008687907853269984665640564039457584007913129639936")
        }
        #expect(throws: EthereumError.self) { _ = try U256(parsing: "0x1" + String(repeating: "0", count: 64)) }
        #expect(throws: EthereumError.self) { _ = try U256(parsing: "-1") }
        #expect(throws: EthereumError.self) { _ = try U256(parsing: "") }
        #expect(throws: EthereumError.self) { _ = try U256(parsing: "12a") }
        #expect(U256(0).hexQuantity == "0x0")
        #expect(U256(255).hexQuantity == "0xff")
        let minText = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"
        #expect(try I256(parsing: minText).description == minText)
        #expect(try I256(parsing: minText).signedBitWidth == 256)
        #expect(throws: EthereumError.self) {
            _ = try I256(parsing: "-57896044618658097711785492504343953926634992332820282019728792003956564819969")
        }
        #expect(throws: EthereumError.self) {
            _ = try I256(parsing: "57896044618658097711785492504343953926634992332820282019728792003956564819968")
        }
        #expect(I256(-1).signedBitWidth == 1)
        #expect(I256(-128).signedBitWidth == 8)
        #expect(I256(128).signedBitWidth == 9)
    }

    @Test("arithmetic laws on random values: division identity, add/sub inverse, decimal round trip")
    func laws() throws {
        var generator = SplitMix64(seed: 256)
        for _ in 0..<2000 {
            let a = Self.random(&generator)
            let b = Self.random(&generator)
            let (sum, overflow) = a.addingReportingOverflow(b)
            #expect(sum.subtractingReportingOverflow(b).partialValue == a)
            if !overflow { #expect(sum >= a) }
            if !b.isZero {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                #expect(r < b)
                let (product, productOverflow) = q.multipliedReportingOverflow(by: b)
                #expect(!productOverflow)
                #expect(product + r == a)
            }
            #expect(try U256(parsing: a.description) == a)
            #expect(try U256(parsing: a.hexQuantity) == a)
            #expect(try U256(bigEndian: a.bigEndianBytes) == a)
            #expect(try U256(bigEndian: a.minimalBigEndianBytes) == a)
            let signed = I256(bitPattern: a)
            #expect(try I256(parsing: signed.description) == signed)
        }
    }
}
