import BN254
import TestSupport
import Testing

/// Fq2 multiplication and squaring (Karatsuba with lazy reduction: unreduced 512-bit products and
/// separate Montgomery reductions) against GMP's schoolbook (a0·b0 − a1·b1, a0·b1 + a1·b0) mod q, on
/// edge representations and thousands of random operands; and the norm-based inverse that batched
/// G2 additions use, against Fq2's own inverse and the product with the element.
@Suite("Fq2 lazy-reduction arithmetic")
struct Fq2LazyReductionTests {
    /// Montgomery representations that stress the limb arithmetic: 0, 1, 2, p−1, p−2, values whose
    /// limbs are all near 2^64 − 1 (below p), a value with the top bit of p's top limb alone, and p/2.
    static var edgeRepresentations: [UInt256] {
        let p = Fq.modulus
        let one = UInt256(1)
        let pMinusOne = p.subtractingWithBorrow(one).difference
        return [
            .zero, one, UInt256(2), pMinusOne, pMinusOne.subtractingWithBorrow(one).difference,
            UInt256(~0, ~0, ~0, p.w3 - 1), UInt256(~0 - 1, ~0, ~0, p.w3 - 1), UInt256(~0, 0, ~0, p.w3 - 1),
            UInt256(0, 0, 0, p.w3 - 1), UInt256(~0, ~0, ~0, 0), UInt256(p.w0 - 1, p.w1, p.w2, p.w3),
            p.shiftedRight(by: 1),
        ]
    }

    /// Elements for the edge representations (as stored) plus the canonical values 1 and q − 1.
    static var edgeElements: [Fq] {
        edgeRepresentations.map { Fq(montgomery: $0) } + [Fq.one, -Fq.one, Fq(2)]
    }

    /// (c0, c1) of a·b by GMP on canonical values: a0·b0 − a1·b1 and a0·b1 + a1·b0 modulo q.
    static func gmpProduct(_ a: Fq2, _ b: Fq2) -> (UInt256, UInt256) {
        let q = GMPInteger(Fq.modulus)
        let a0 = GMPInteger(a.c0.canonical)
        let a1 = GMPInteger(a.c1.canonical)
        let b0 = GMPInteger(b.c0.canonical)
        let b1 = GMPInteger(b.c1.canonical)
        let real = a0.multiplying(b0, modulo: q).subtracting(a1.multiplying(b1, modulo: q), modulo: q)
        let imaginary = a0.multiplying(b1, modulo: q).adding(a1.multiplying(b0, modulo: q), modulo: q)
        return (real.uint256, imaginary.uint256)
    }

    /// Checks a·b and a² against GMP, and that the results are fully reduced representations.
    static func check(_ a: Fq2, _ b: Fq2) {
        let product = a * b
        let expected = gmpProduct(a, b)
        #expect(product.c0.canonical == expected.0, "c0 of (\(a.c0), \(a.c1))·(\(b.c0), \(b.c1))")
        #expect(product.c1.canonical == expected.1, "c1 of (\(a.c0), \(a.c1))·(\(b.c0), \(b.c1))")
        #expect(product.c0.montgomery < Fq.modulus && product.c1.montgomery < Fq.modulus)
        let square = a.squared()
        let expectedSquare = gmpProduct(a, a)
        #expect(square.c0.canonical == expectedSquare.0, "c0 of (\(a.c0), \(a.c1))²")
        #expect(square.c1.canonical == expectedSquare.1, "c1 of (\(a.c0), \(a.c1))²")
        #expect(square.c0.montgomery < Fq.modulus && square.c1.montgomery < Fq.modulus)
    }

    @Test("Fq2 product and square agree with GMP for every pair of edge representations")
    func edgeProducts() {
        let elements = Self.edgeElements
        for a0 in elements {
            for a1 in elements {
                let a = Fq2(a0, a1)
                for b0 in elements {
                    Self.check(a, Fq2(b0, a1))
                    Self.check(a, Fq2(a1, b0))
                    Self.check(a, Fq2(b0, b0))
                }
            }
        }
    }

    @Test("Fq2 product and square agree with GMP on 3000 random operand pairs")
    func randomProducts() {
        var generator = SplitMix64(seed: 0xF2)
        for _ in 0..<3000 {
            let a = Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
            let b = Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
            Self.check(a, b)
        }
    }

    @Test("Fq2 product equals the schoolbook product in Fq, and the laws hold, on 2000 random operands")
    func schoolbookAndLaws() {
        var generator = SplitMix64(seed: 0xF3)
        let edges = Self.edgeElements
        for index in 0..<2000 {
            let a = Fq2(Fq.random(using: &generator), edges[index % edges.count])
            let b = Fq2(edges[(index / edges.count) % edges.count], Fq.random(using: &generator))
            let c = Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
            let product = a * b
            #expect(product == Fq2(a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0))
            #expect(a.squared() == Fq2(a.c0 * a.c0 - a.c1 * a.c1, (a.c0 * a.c1).doubled()))
            #expect(product == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
        }
    }

    @Test("The norm-based inverse equals the Fq2 inverse and gives one when multiplied back")
    func normInverse() throws {
        var generator = SplitMix64(seed: 0xF4)
        var values = Self.edgeElements.filter { !$0.isZero }.map { Fq2($0, .zero) }
        values += Self.edgeElements.map { Fq2(.one, $0) }
        for _ in 0..<500 { values.append(Fq2(Fq.random(using: &generator), Fq.random(using: &generator))) }
        for value in values {
            let norm = value.inversionNorm
            #expect(norm == value.c0 * value.c0 + value.c1 * value.c1)
            let normInverse = try #require(norm.inverse())
            let inverse = value.inverse(normInverse: normInverse)
            #expect(inverse == value.inverse())
            #expect(value * inverse == .one)
        }
        #expect(Fq2.zero.inversionNorm.isZero)
        let scalar = Fq.random(using: &generator)
        #expect(scalar.inversionNorm == scalar)
        #expect(scalar.inverse(normInverse: try #require(scalar.inverse())) == scalar.inverse())
    }

    @Test("G2 fixed-base MSM over one repeated base (doublings and cancellations in the buckets)")
    func repeatedG2Base() throws {
        var generator = SplitMix64(seed: 0xF5)
        let count = 400
        let bases = [G2Affine](repeating: .generator, count: count)
        let table = MultiScalarMultiplicationTable(bases: bases, width: 5, windowsPerCopy: 2)
        var scalars = (0..<count).map { _ in Fr.random(using: &generator) }
        // Opposite digits for the same bucket: s and −s cancel.
        for index in stride(from: 1, to: count, by: 7) { scalars[index] = -scalars[index - 1] }
        let total = scalars.reduce(Fr.zero, +)
        let sum = try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: scalars, parts: 2).runAll()
        #expect(sum == G2Projective.generator * total)
    }
}
