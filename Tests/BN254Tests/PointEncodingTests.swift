import BN254
import Testing

/// Point encodings: EIP-196/197 uncompressed bytes, gnark-style compressed bytes, snarkjs decimal
/// strings; round trips, py_ecc G2 vectors, and every kind of rejection.
@Suite("Point encodings")
struct PointEncodingTests {
    typealias Generator = CurveTestSupport.Generator

    struct PyEccFile: Decodable {
        struct Multiple: Decodable {
            let scalar: String
            let point: String
        }
        struct Sum: Decodable {
            let a: String
            let b: String
            let sum: String
        }
        struct Invalid: Decodable {
            let name: String
            let input: String
            let code: String
        }
        let source: String
        let g2Multiples: [Multiple]
        let g2Sums: [Sum]
        let invalidG1: [Invalid]
        let invalidG2: [Invalid]
    }

    @Test("G1 uncompressed, compressed and decimal forms round-trip, infinity included")
    func g1RoundTrips() throws {
        var generator = Generator(state: 31)
        var points = (0..<20).map { _ in CurveTestSupport.randomPoint(G1Affine.self, using: &generator).affine }
        points += [.infinity, .generator, -G1Affine.generator]
        for point in points {
            #expect(try G1Affine(uncompressedBytes: point.uncompressedBytes) == point)
            #expect(try G1Affine(compressedBytes: point.compressedBytes) == point)
            #expect(try G1Affine(decimalStrings: point.decimalStrings) == point)
            #expect(point.uncompressedBytes.count == 64 && point.compressedBytes.count == 32)
        }
        #expect(G1Affine.infinity.uncompressedBytes == [UInt8](repeating: 0, count: 64))
        #expect(G1Affine.infinity.compressedBytes == [0x40] + [UInt8](repeating: 0, count: 31))
        #expect(G1Affine.generator.decimalStrings == ["1", "2", "1"])
        // y = 2 is the smaller root, so the generator's flag is 0b10; −G has the larger root.
        #expect(G1Affine.generator.compressedBytes == [0x80] + [UInt8](repeating: 0, count: 30) + [1])
        #expect((-G1Affine.generator).compressedBytes[0] == 0xC0)
    }

    @Test("G2 uncompressed, compressed and decimal forms round-trip, infinity included")
    func g2RoundTrips() throws {
        var generator = Generator(state: 32)
        var points = (0..<6).map { _ in CurveTestSupport.randomPoint(G2Affine.self, using: &generator).affine }
        points += [.infinity, .generator, -G2Affine.generator]
        for point in points {
            #expect(try G2Affine(uncompressedBytes: point.uncompressedBytes) == point)
            #expect(try G2Affine(compressedBytes: point.compressedBytes) == point)
            #expect(try G2Affine(decimalStrings: point.decimalStrings) == point)
            #expect(point.uncompressedBytes.count == 128 && point.compressedBytes.count == 64)
        }
        #expect(G2Affine.infinity.uncompressedBytes == [UInt8](repeating: 0, count: 128))
        #expect(G2Affine.infinity.decimalStrings == [["0", "0"], ["1", "0"], ["0", "0"]])
        // EIP-197 layout: the generator's encoding starts with x.c1 = 0x198e9393….
        #expect(Array(G2Affine.generator.uncompressedBytes.prefix(4)) == [0x19, 0x8E, 0x93, 0x93])
        #expect(
            G2Affine.generator.decimalStrings[0] == [
                "10857046999023057135944570762232829481370756359578518086990519993285655852781",
                "11559732032986387107991004021392285783925812861821192530917403151452391805634",
            ])
    }

    @Test("G2 multiples and sums agree with py_ecc and decode as valid subgroup points")
    func g2AgainstPyEcc() throws {
        let file = try CurveTestSupport.load(PyEccFile.self, "py_ecc-bn254")
        for vector in file.g2Multiples {
            let scalar = try UInt256(hex: vector.scalar)
            let product = G2Projective.generator.multiplied(by: scalar).affine
            #expect(CurveTestSupport.hex(product.uncompressedBytes) == vector.point, "k = \(vector.scalar)")
            #expect(try G2Affine(uncompressedBytes: CurveTestSupport.bytes(hex: vector.point)) == product)
        }
        for vector in file.g2Sums {
            let a = try G2Affine(uncompressedBytes: CurveTestSupport.bytes(hex: vector.a))
            let b = try G2Affine(uncompressedBytes: CurveTestSupport.bytes(hex: vector.b))
            #expect(CurveTestSupport.hex((G2Projective(a) + G2Projective(b)).affine.uncompressedBytes) == vector.sum)
            #expect(CurveTestSupport.hex(G2Projective(a).adding(b).affine.uncompressedBytes) == vector.sum)
        }
    }

    @Test("Invalid G1 and G2 encodings are rejected with the code that names the failure")
    func invalidVectors() throws {
        let file = try CurveTestSupport.load(PyEccFile.self, "py_ecc-bn254")
        #expect(!file.invalidG1.isEmpty && !file.invalidG2.isEmpty)
        for vector in file.invalidG1 {
            let error = #expect(throws: BN254Error.self, "\(vector.name)") {
                try G1Affine(uncompressedBytes: CurveTestSupport.bytes(hex: vector.input))
            }
            #expect(error?.code.name == vector.code, "\(vector.name)")
        }
        for vector in file.invalidG2 {
            let error = #expect(throws: BN254Error.self, "\(vector.name)") {
                try G2Affine(uncompressedBytes: CurveTestSupport.bytes(hex: vector.input))
            }
            #expect(error?.code.name == vector.code, "\(vector.name)")
        }
    }

    @Test("G2 points on the twist but outside the subgroup are rejected by every decoder")
    func g2OutsideSubgroup() throws {
        var generator = Generator(state: 33)
        for _ in 0..<2 {
            let point = CurveTestSupport.twistPointOutsideSubgroup(using: &generator)
            let uncompressed = #expect(throws: BN254Error.self) {
                try G2Affine(uncompressedBytes: point.uncompressedBytes)
            }
            #expect(uncompressed?.code == .notInSubgroup)
            let compressed = #expect(throws: BN254Error.self) { try G2Affine(compressedBytes: point.compressedBytes) }
            #expect(compressed?.code == .notInSubgroup)
            let decimal = #expect(throws: BN254Error.self) { try G2Affine(decimalStrings: point.decimalStrings) }
            #expect(decimal?.code == .notInSubgroup)
        }
    }

    @Test("Malformed lengths, flags, coordinates and roots are rejected")
    func malformed() throws {
        func code(_ body: () throws -> Void) -> BN254Error.Code? {
            do {
                try body()
                return nil
            } catch let error as BN254Error {
                return error.code
            } catch {
                return BN254Error.Code("unexpected \(error)")
            }
        }
        #expect(code { _ = try G1Affine(uncompressedBytes: [UInt8](repeating: 0, count: 63)) } == .wrongLength)
        #expect(code { _ = try G2Affine(uncompressedBytes: [UInt8](repeating: 0, count: 127)) } == .wrongLength)
        #expect(code { _ = try G1Affine(compressedBytes: [UInt8](repeating: 0, count: 33)) } == .wrongLength)
        #expect(code { _ = try G2Affine(compressedBytes: [UInt8](repeating: 0, count: 32)) } == .wrongLength)
        // Flag 0b00 is not a compressed encoding.
        var g1 = G1Affine.generator.compressedBytes
        g1[0] &= 0x3F
        #expect(code { _ = try G1Affine(compressedBytes: g1) } == .invalidCompression)
        var g2 = G2Affine.generator.compressedBytes
        g2[0] &= 0x3F
        #expect(code { _ = try G2Affine(compressedBytes: g2) } == .invalidCompression)
        // The infinity flag with any other bit set.
        var infinity = G1Affine.infinity.compressedBytes
        infinity[31] = 1
        #expect(code { _ = try G1Affine(compressedBytes: infinity) } == .invalidCompression)
        var infinity2 = G2Affine.infinity.compressedBytes
        infinity2[63] = 1
        #expect(code { _ = try G2Affine(compressedBytes: infinity2) } == .invalidCompression)
        // x ≥ q in a compressed encoding.
        var big = Fq.modulus.bigEndianBytes
        big[0] |= 0x80
        #expect(code { _ = try G1Affine(compressedBytes: big) } == .nonCanonical)
        // An x with no point: x³ + 3 must be a non-square for some small x.
        var x: UInt64 = 1
        while (Fq(x).squared() * Fq(x) + Fq(3)).squareRoot() != nil { x += 1 }
        var noRoot = UInt256(x).bigEndianBytes
        noRoot[0] |= 0x80
        #expect(code { _ = try G1Affine(compressedBytes: noRoot) } == .notOnCurve)
        // snarkjs strings: wrong count, non-numbers, z other than 0 or 1, off-curve.
        #expect(code { _ = try G1Affine(decimalStrings: ["1", "2"]) } == .wrongLength)
        #expect(code { _ = try G1Affine(decimalStrings: ["1", "two", "1"]) } == .invalidNumber)
        #expect(code { _ = try G1Affine(decimalStrings: ["1", "2", "2"]) } == .invalidNumber)
        #expect(code { _ = try G1Affine(decimalStrings: ["1", "3", "1"]) } == .notOnCurve)
        #expect(code { _ = try G1Affine(decimalStrings: [Fq.modulus.decimalString, "2", "1"]) } == .nonCanonical)
        #expect(code { _ = try G2Affine(decimalStrings: [["1", "2"], ["3", "4"]]) } == .wrongLength)
        #expect(code { _ = try G2Affine(decimalStrings: [["1", "2"], ["3", "4"], ["1", "0"]]) } == .notOnCurve)
    }

    @Test("Compressed G2 decoding finds x³ + b' with no root in Fq2")
    func g2NoRoot() throws {
        var x: UInt64 = 1
        while (Fq2(Fq(x), .one).squared() * Fq2(Fq(x), .one) + G2Affine.twistB).squareRoot() != nil { x += 1 }
        var bytes = Fq.one.bigEndianBytes + Fq(x).bigEndianBytes
        bytes[0] |= 0x80
        let error = #expect(throws: BN254Error.self) { try G2Affine(compressedBytes: bytes) }
        #expect(error?.code == .notOnCurve)
    }
}
