import BN254
import Testing

/// The optimal-ate pairing against its laws and against py_ecc's values.
@Suite("Optimal-ate pairing")
struct PairingTests {
    typealias Support = TowerTestSupport

    struct PyEccVectors: Decodable {
        struct Bilinearity: Decodable {
            let a: String
            let b: String
            let aP: [String]
            let bQ: [String]
            let abP: [String]
            let pairing: [String]
        }
        let source: String
        let generatorPairing: [String]
        let bilinearity: [Bilinearity]
        let finalExponent: String
        let hardPartExponent: String
    }

    static func g1(_ coordinates: [String]) throws -> G1Affine {
        G1Affine(x: try Fq(decimal: coordinates[0]), y: try Fq(decimal: coordinates[1]))
    }

    static func g2(_ coordinates: [String]) throws -> G2Affine {
        G2Affine(
            x: Fq2(try Fq(decimal: coordinates[0]), try Fq(decimal: coordinates[1])),
            y: Fq2(try Fq(decimal: coordinates[2]), try Fq(decimal: coordinates[3])))
    }

    static func loadVectors() throws -> PyEccVectors {
        try Support.vectors("bn254_pairing_pyecc", as: PyEccVectors.self)
    }

    @Test("The signed-digit loop counters represent x and 6x + 2 without adjacent non-zero digits")
    func loopCounters() {
        for (digits, value) in [
            (BN254Parameters.ateLoopSignedDigits, BN254Parameters.ateLoopCount),
            (BN254Parameters.nonAdjacentForm(UInt128(BN254Parameters.x)), UInt128(BN254Parameters.x)),
        ] {
            var sum: Int128 = 0
            for (index, digit) in digits.enumerated() { sum += Int128(digit) << index }
            #expect(sum == Int128(value))
            #expect(digits.last == 1)
            for index in 1..<digits.count { #expect(digits[index] == 0 || digits[index - 1] == 0) }
        }
        #expect(BN254Parameters.ateLoopCount == 29_793_968_203_157_093_288)
        for width in 2...7 {
            let digits = BN254Parameters.windowedNonAdjacentForm(UInt128(BN254Parameters.x), width: width)
            var sum: Int128 = 0
            for (index, digit) in digits.enumerated() {
                sum += Int128(digit) << index
                #expect(digit == 0 || (digit % 2 != 0 && abs(Int(digit)) < 1 << (width - 1)))
                if digit != 0 {
                    for next in (index + 1)..<min(index + width, digits.count) { #expect(digits[next] == 0) }
                }
            }
            #expect(sum == Int128(BN254Parameters.x))
        }
    }

    @Test("e(G1, G2) equals py_ecc's value coefficient by coefficient, and is not 1")
    func generatorPairingMatchesPyEcc() throws {
        let vectors = try Self.loadVectors()
        let expected = try Support.fq12(decimals: vectors.generatorPairing)
        let value = Pairing.pairing(.generator, .generator)
        #expect(value == expected)
        #expect(!value.isOne)
    }

    @Test("Bilinearity: e(aP, bQ) = e(P, Q)^(ab) = e(abP, Q), with py_ecc's points and values")
    func bilinearity() throws {
        let vectors = try Self.loadVectors()
        let base = Pairing.pairing(.generator, .generator)
        for testCase in vectors.bilinearity {
            let aP = try Self.g1(testCase.aP)
            let bQ = try Self.g2(testCase.bQ)
            let abP = try Self.g1(testCase.abP)
            #expect(aP.isOnCurve && bQ.isOnCurve && abP.isOnCurve)
            let value = Pairing.pairing(aP, bQ)
            #expect(value == (try Support.fq12(decimals: testCase.pairing)))
            #expect(value == Pairing.pairing(abP, .generator))
            let a = try UInt256(decimal: testCase.a)
            let b = try UInt256(decimal: testCase.b)
            #expect(value == Support.slowPow(Support.slowPow(base, Support.words(a)), Support.words(b)))
            // e(aP, bQ) · e(−abP, Q) = 1.
            #expect(Pairing.pairingCheck([(aP, bQ), (-abP, .generator)]))
            #expect(!Pairing.pairingCheck([(aP, bQ), (abP, .generator)]))
        }
    }

    @Test("e(P, Q)·e(−P, Q) = 1, e(P, Q)·e(P, −Q) = 1, and the result has order r")
    func inversesAndOrder() throws {
        let vectors = try Self.loadVectors()
        let p = try Self.g1(vectors.bilinearity[0].aP)
        let q = try Self.g2(vectors.bilinearity[0].bQ)
        #expect(Pairing.pairingCheck([(p, q), (-p, q)]))
        #expect(Pairing.pairingCheck([(p, q), (p, -q)]))
        #expect(Pairing.multiPairing([(p, q), (-p, q)]).isOne)
        let value = Pairing.pairing(p, q)
        #expect(Support.slowPow(value, Support.words(Fr.modulus)) == .one)
        #expect(value.conjugate() == Pairing.pairing(-p, q))
    }

    @Test("The final exponentiation equals f^((q¹² − 1)/r) by plain square-and-multiply")
    func finalExponentiationMatchesDefinition() throws {
        let vectors = try Self.loadVectors()
        let exponent = Support.words(hex: vectors.finalExponent)
        let hardExponent = Support.words(hex: vectors.hardPartExponent)
        var generator = Support.Generator(state: 12_345)
        for _ in 0..<2 {
            let f = Support.fq12(&generator)
            let result = Pairing.finalExponentiation(f)
            #expect(result == Support.slowPow(f, exponent))
            #expect(Support.slowPow(result, Support.words(Fr.modulus)) == .one)
            var easy = f.conjugate() * (try #require(f.inverse()))
            easy = easy.frobenius(2) * easy
            #expect(result == Support.slowPow(easy, hardExponent))
        }
        #expect(Pairing.finalExponentiation(.zero) == .zero)
        #expect(Pairing.finalExponentiation(.one) == .one)
    }

    @Test("Multi-pairing equals the product of single pairings; prepared G2 gives the same values")
    func multiPairingAndPrepared() throws {
        let vectors = try Self.loadVectors()
        let points = try vectors.bilinearity.map { (try Self.g1($0.aP), try Self.g2($0.bQ)) }
        let pairs: [(G1Affine, G2Affine)] = [
            (points[0].0, points[0].1), (points[1].0, points[1].1), (.generator, .generator),
            (points[0].0, points[1].1),
        ]
        var product = Fq12.one
        for (p, q) in pairs { product *= Pairing.pairing(p, q) }
        #expect(Pairing.multiPairing(pairs) == product)
        let prepared = pairs.map { ($0.0, PreparedG2($0.1)) }
        #expect(Pairing.multiPairing(prepared: prepared) == product)
        #expect(Pairing.finalExponentiation(Pairing.multiMillerLoop(prepared)) == product)
        #expect(
            Pairing.finalExponentiation(Pairing.millerLoop(.generator, .generator))
                == Pairing.pairing(.generator, .generator))
    }

    @Test("Points at infinity contribute 1; the empty product is 1")
    func infinity() {
        #expect(Pairing.pairing(.infinity, .generator).isOne)
        #expect(Pairing.pairing(.generator, .infinity).isOne)
        #expect(Pairing.pairingCheck([]))
        #expect(Pairing.pairingCheck([(.infinity, .generator), (.generator, .infinity)]))
        #expect(!Pairing.pairingCheck([(.infinity, .generator), (.generator, .generator)]))
        #expect(PreparedG2(.infinity).isInfinity)
        #expect(Pairing.pairingCheck(prepared: [(.generator, PreparedG2(.infinity))]))
    }

    @Test("Points off their curves give some value (not 1 for these), never a crash")
    func invalidPointsDoNotTrap() {
        let offCurve = G1Affine(x: Fq(1), y: Fq(3))
        var offTwist = G2Affine.generator
        offTwist.y += .one
        #expect(!offCurve.isOnCurve && !offTwist.isOnCurve)
        #expect(!Pairing.pairing(offCurve, offTwist).isOne)
        #expect(!Pairing.pairingCheck([(offCurve, .generator), (.generator, offTwist)]))
        // A G2 "point" of coordinates zero without the infinity flag degenerates every line to zero.
        let zeroPoint = G2Affine(x: .zero, y: .zero)
        #expect(Pairing.pairing(.generator, zeroPoint) == .zero)
    }
}
