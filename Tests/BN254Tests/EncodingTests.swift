import BN254
import Testing

/// Canonical encodings of field elements: round trips, and rejection of non-canonical input.
@Suite("Field encodings")
struct EncodingTests {
    @Test("32-byte big-endian encoding round-trips and rejects values ≥ p")
    func bytesRoundTrip() throws {
        let element = try Fq(decimal: "1234567890123456789012345678901234567890")
        #expect(try Fq(bigEndianBytes: element.bigEndianBytes) == element)
        #expect(throws: BN254Error.self) { try Fq(bigEndianBytes: Fq.modulus.bigEndianBytes) }
        #expect(throws: BN254Error.self) { try Fq(bigEndianBytes: [UInt8](repeating: 0, count: 31)) }
    }

    @Test("Decimal and hex text parse and print")
    func text() throws {
        let value = try UInt256(
            decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(value == UInt256(~0, ~0, ~0, ~0))
        #expect(value.decimalString == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(throws: BN254Error.self) {
            try UInt256(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639936")
        }
        #expect(throws: BN254Error.self) { try UInt256(decimal: "12a") }
        #expect(try UInt256(hex: "0xff") == UInt256(255))
        #expect(UInt256(255).hexString == "0x" + String(repeating: "0", count: 62) + "ff")
    }
}

/// The published generators lie on their curves.
@Suite("Curve generators")
struct GeneratorTests {
    @Test("G1 and G2 generators satisfy their curve equations; a moved point does not")
    func generatorsOnCurve() {
        #expect(G1Affine.generator.isOnCurve)
        #expect(G2Affine.generator.isOnCurve)
        #expect(!G1Affine(x: Fq(1), y: Fq(3)).isOnCurve)
        #expect(G1Affine.infinity.isOnCurve)
    }
}
