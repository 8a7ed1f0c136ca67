import BN254
import Testing

/// Fq6 and Fq12 against the field laws, and their Frobenius maps against plain exponentiation by q.
@Suite("Tower fields Fq6 and Fq12")
struct TowerFieldTests {
    typealias Support = TowerTestSupport

    @Test("Fq6: associativity, commutativity, distributivity, square, inverse, sparse products")
    func fq6Laws() throws {
        var generator = Support.Generator(state: 6)
        for _ in 0..<50 {
            let a = Support.fq6(&generator)
            let b = Support.fq6(&generator)
            let c = Support.fq6(&generator)
            #expect((a * b) * c == a * (b * c))
            #expect(a * b == b * a)
            #expect(a * (b + c) == a * b + a * c)
            #expect((a - b) + b == a)
            #expect(a + (-a) == .zero)
            #expect(a.squared() == a * a)
            #expect(a.doubled() == a + a)
            let inverse = try #require(a.inverse())
            #expect(a * inverse == .one)
            let b0 = Support.fq2(&generator)
            let b1 = Support.fq2(&generator)
            #expect(a.multiplied(by: b0, b1) == a * Fq6(b0, b1, .zero))
            #expect(a.multiplied(byV: b1) == a * Fq6(.zero, b1, .zero))
            #expect(a.multipliedByV() == a * Fq6(.zero, .one, .zero))
            #expect(a * b0 == a * Fq6(b0, .zero, .zero))
        }
        #expect(Fq6.zero.inverse() == nil)
        // v³ = ξ.
        let v = Fq6(.zero, .one, .zero)
        #expect(v * v * v == Fq6(.nonResidue, .zero, .zero))
    }

    @Test("Fq12: associativity, commutativity, distributivity, square, inverse, conjugate")
    func fq12Laws() throws {
        var generator = Support.Generator(state: 12)
        for _ in 0..<40 {
            let a = Support.fq12(&generator)
            let b = Support.fq12(&generator)
            let c = Support.fq12(&generator)
            #expect((a * b) * c == a * (b * c))
            #expect(a * b == b * a)
            #expect(a * (b + c) == a * b + a * c)
            #expect((a - b) + b == a)
            #expect(a.squared() == a * a)
            let inverse = try #require(a.inverse())
            #expect(a * inverse == .one)
            #expect((a * b).conjugate() == a.conjugate() * b.conjugate())
            #expect(a.conjugate().conjugate() == a)
        }
        #expect(Fq12.zero.inverse() == nil)
        #expect(Fq12.one.isOne)
        #expect(!Fq12.zero.isOne)
        // w² = v and w⁶ = ξ.
        let w = Fq12(.zero, .one)
        #expect(w * w == Fq12(Fq6(.zero, .one, .zero), .zero))
        #expect(w.pow(words: [6]) == Fq12(Fq6(.nonResidue, .zero, .zero), .zero))
    }

    @Test("Fq12 line product equals the full product with the sparse element")
    func sparseLineProduct() {
        var generator = Support.Generator(state: 34)
        for _ in 0..<40 {
            let a = Support.fq12(&generator)
            let d0 = Support.fq2(&generator)
            let d3 = Support.fq2(&generator)
            let d4 = Support.fq2(&generator)
            let sparse = Fq12(Fq6(d0, .zero, .zero), Fq6(d3, d4, .zero))
            #expect(a.multiplied(byLine: d0, d3, d4) == a * sparse)
        }
    }

    @Test("Frobenius maps equal exponentiation by q, q², q³ (computed by square-and-multiply)")
    func frobeniusIsPowerOfQ() {
        var generator = Support.Generator(state: 1)
        let q = Support.words(Fq.modulus)
        for _ in 0..<3 {
            let a = Support.fq12(&generator)
            let aQ = Support.slowPow(a, q)
            #expect(a.frobenius(1) == aQ)
            let aQ2 = Support.slowPow(aQ, q)
            #expect(a.frobenius(2) == aQ2)
            #expect(a.frobenius(3) == Support.slowPow(aQ2, q))
            let b = Support.fq6(&generator)
            let bQ = Support.slowPow(b, q)
            #expect(b.frobenius(1) == bQ)
            #expect(b.frobenius(2) == Support.slowPow(bQ, q))
        }
    }

    @Test("Frobenius is a ring homomorphism, has order 12 on Fq12 and 6 on Fq6, and fixes Fq")
    func frobeniusLaws() {
        var generator = Support.Generator(state: 99)
        for _ in 0..<20 {
            let a = Support.fq12(&generator)
            let b = Support.fq12(&generator)
            for k in [1, 2, 3, 6, 7] {
                #expect((a * b).frobenius(k) == a.frobenius(k) * b.frobenius(k))
                #expect((a + b).frobenius(k) == a.frobenius(k) + b.frobenius(k))
            }
            var iterated = a
            for k in 1...12 {
                iterated = iterated.frobenius(1)
                #expect(iterated == a.frobenius(k))
                if k < 12 && k != 6 { #expect(iterated != a) }
            }
            #expect(iterated == a)
            #expect(a.frobenius(6) == a.conjugate())
            #expect(a.frobenius(2).frobenius(3) == a.frobenius(5))
            let c = Support.fq6(&generator)
            var iterated6 = c
            for _ in 0..<6 { iterated6 = iterated6.frobenius(1) }
            #expect(iterated6 == c)
            let scalar = Fq.random(using: &generator)
            let embedded = Fq12(Fq6(Fq2(scalar, .zero), .zero, .zero), .zero)
            #expect(embedded.frobenius(1) == embedded)
        }
    }

    @Test("Cyclotomic squaring equals squaring on the cyclotomic subgroup")
    func cyclotomicSquaring() throws {
        var generator = Support.Generator(state: 7)
        for _ in 0..<20 {
            let f = Support.fq12(&generator)
            // f^((q⁶ − 1)(q² + 1)) lies in the cyclotomic subgroup.
            var m = f.conjugate() * (try #require(f.inverse()))
            m = m.frobenius(2) * m
            #expect(m * m.conjugate() == .one)
            #expect(m.cyclotomicSquared() == m.squared())
            #expect(m.cyclotomicPowerByX() == Support.slowPow(m, [BN254Parameters.x]))
        }
    }
}
