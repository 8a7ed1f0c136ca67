import BN254
import TestSupport
import Testing

/// Field arithmetic of Fq and Fr against GMP on thousands of random operands and the edge values
/// 0, 1, 2, p−1, p−2 and values near 2^256 reduced into the field.
@Suite("Prime fields against GMP")
struct PrimeFieldGMPTests {

    static func edgeValues(modulus: UInt256) -> [UInt256] {
        let one = UInt256(1)
        let pMinusOne = modulus.subtractingWithBorrow(one).difference
        return [
            .zero, one, UInt256(2), pMinusOne, pMinusOne.subtractingWithBorrow(one).difference,
            UInt256(~0, 0, 0, 0), UInt256(0, 0, 0, 1 << 61),
            modulus.shiftedRight(by: 1),
        ]
    }

    static func operands<P: PrimeFieldParameters>(_: P.Type, count: Int, seed: UInt64) -> [UInt256] {
        var generator = SplitMix64(state: seed)
        var values = edgeValues(modulus: P.modulus)
        for _ in 0..<count { values.append(PrimeField<P>.random(using: &generator).canonical) }
        return values
    }

    func checkAgainstGMP<P: PrimeFieldParameters>(_ parameters: P.Type, seed: UInt64) throws {
        let modulus = GMPInteger(P.modulus)
        let values = Self.operands(P.self, count: 1500, seed: seed)
        for index in values.indices {
            let a = values[index]
            let b = values[(index * 7 + 3) % values.count]
            let fa = try PrimeField<P>(canonical: a)
            let fb = try PrimeField<P>(canonical: b)
            let ga = GMPInteger(a)
            let gb = GMPInteger(b)
            #expect((fa + fb).canonical == ga.adding(gb, modulo: modulus).uint256)
            #expect((fa - fb).canonical == ga.subtracting(gb, modulo: modulus).uint256)
            #expect((fa * fb).canonical == ga.multiplying(gb, modulo: modulus).uint256)
            #expect(fa.squared().canonical == ga.multiplying(ga, modulo: modulus).uint256)
            #expect((-fa).canonical == GMPInteger(UInt256.zero).subtracting(ga, modulo: modulus).uint256)
            #expect(fa.legendre() == ga.legendre(modulus))
            if index % 10 == 0 {
                #expect(fa.inverse()?.canonical == ga.inverse(modulo: modulus)?.uint256)
                #expect(fa.pow(b).canonical == ga.power(gb, modulo: modulus).uint256)
            }
        }
    }

    @Test("Fq add, sub, mul, square, neg, inverse, pow and Legendre agree with GMP")
    func fqAgainstGMP() throws {
        try checkAgainstGMP(FqParameters.self, seed: 1)
    }

    @Test("Fr add, sub, mul, square, neg, inverse, pow and Legendre agree with GMP")
    func frAgainstGMP() throws {
        try checkAgainstGMP(FrParameters.self, seed: 2)
    }

    @Test("Moduli equal the published BN254 constants")
    func moduli() {
        #expect(
            Fq.modulus.decimalString == "21888242871839275222246405745257275088696311157297823662689037894645226208583")
        #expect(
            Fr.modulus.decimalString == "21888242871839275222246405745257275088548364400416034343698204186575808495617")
    }

    @Test("Reduction of values near 2^256 matches GMP")
    func reduction() {
        let modulus = GMPInteger(Fq.modulus)
        for value in [UInt256(~0, ~0, ~0, ~0), UInt256(0, 0, 0, ~0), Fq.modulus, UInt256(5, 0, 0, 1 << 63)] {
            let expected = GMPInteger(value).adding(GMPInteger(UInt256.zero), modulo: modulus).uint256
            #expect(Fq(reducing: value).canonical == expected)
        }
    }

    @Test("Square roots square back, and exist exactly for quadratic residues")
    func squareRoots() {
        var generator = SplitMix64(state: 3)
        for _ in 0..<200 {
            let q = Fq.random(using: &generator)
            if let root = q.squareRoot() { #expect(root.squared() == q) } else { #expect(q.legendre() == -1) }
            let r = Fr.random(using: &generator)
            if let root = r.squareRoot() { #expect(root.squared() == r) } else { #expect(r.legendre() == -1) }
        }
    }

    @Test("Batch inversion equals element-wise inversion and keeps zeros")
    func batchInversion() {
        var generator = SplitMix64(state: 4)
        var values = (0..<64).map { _ in Fr.random(using: &generator) }
        values[5] = .zero
        let expected = values.map { $0.inverse() ?? .zero }
        Fr.batchInvert(&values)
        #expect(values == expected)
    }
}
