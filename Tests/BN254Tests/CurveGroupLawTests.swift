import BN254
import Testing

/// Group laws of G1 and G2 in Jacobian coordinates, scalar multiplication, and the group order.
@Suite("Curve group laws")
struct CurveGroupLawTests {
    typealias Generator = CurveTestSupport.Generator

    func checkGroupLaws<A: AffineCurvePoint>(_ type: A.Type, seed: UInt64) {
        var generator = Generator(state: seed)
        for _ in 0..<8 {
            let p = CurveTestSupport.randomPoint(A.self, using: &generator)
            let q = CurveTestSupport.randomPoint(A.self, using: &generator)
            let s = CurveTestSupport.randomPoint(A.self, using: &generator)
            let infinity = JacobianPoint<A>.infinity
            #expect(p.isOnCurve && q.isOnCurve && (p + q).isOnCurve && p.doubled().isOnCurve)
            #expect((p + q) + s == p + (q + s))
            #expect(p + q == q + p)
            #expect(p + infinity == p)
            #expect(infinity + p == p)
            #expect((p + -p).isInfinity)
            #expect(p.doubled() == p + p)
            #expect(p.adding(q.affine) == p + q)
            #expect(p.adding(p.affine) == p.doubled())
            #expect(p.adding((-p).affine).isInfinity)
            #expect(infinity.adding(q.affine) == q)
            #expect(p.adding(A.infinity) == p)
            #expect(p - q + q == p)
            #expect(JacobianPoint<A>(p.affine) == p)
            #expect(p != q)
        }
        #expect(JacobianPoint<A>.infinity.doubled().isInfinity)
        #expect(JacobianPoint<A>.infinity.affine.isInfinity)
    }

    func checkScalarMultiplication<A: AffineCurvePoint>(_ type: A.Type, seed: UInt64) {
        var generator = Generator(state: seed)
        let g = JacobianPoint<A>.generator
        #expect(g.multiplied(by: Fr.zero).isInfinity)
        #expect(g.multiplied(by: Fr.one) == g)
        #expect(g.multiplied(by: Fr(2)) == g.doubled())
        #expect(g.multiplied(by: Fr(3)) == g.doubled() + g)
        for _ in 0..<6 {
            let a = Fr.random(using: &generator)
            let b = Fr.random(using: &generator)
            #expect(g * (a + b) == g * a + g * b)
            #expect((g * a) * b == g * (a * b))
            #expect(g * (-a) == -(g * a))
        }
        var expected = JacobianPoint<A>.infinity
        for k in 0..<40 {
            #expect(g.multiplied(by: UInt256(UInt64(k))) == expected)
            expected += g
        }
    }

    func checkOrder<A: AffineCurvePoint>(_ type: A.Type, seed: UInt64) {
        var generator = Generator(state: seed)
        let g = JacobianPoint<A>.generator
        #expect(g.multiplied(by: Fr.modulus).isInfinity)
        let rMinusOne = Fr.modulus.subtractingWithBorrow(UInt256(1)).difference
        #expect(g.multiplied(by: rMinusOne) == -g)
        let p = CurveTestSupport.randomPoint(A.self, using: &generator)
        #expect(p.multiplied(by: Fr.modulus).isInfinity)
        let rPlusFive = Fr.modulus.addingWithCarry(UInt256(5)).sum
        #expect(p.multiplied(by: rPlusFive) == p.multiplied(by: Fr(5)))
    }

    func checkBatchNormalisation<A: AffineCurvePoint>(_ type: A.Type, seed: UInt64) {
        var generator = Generator(state: seed)
        var points = (0..<20).map { _ in CurveTestSupport.randomPoint(A.self, using: &generator) }
        points[3] = .infinity
        points[7] = points[6].doubled()
        let batch = JacobianPoint<A>.batchNormalise(points)
        #expect(batch == points.map(\.affine))
        #expect(batch[3].isInfinity)
        #expect(JacobianPoint<A>.batchNormalise([]).isEmpty)
        #expect(JacobianPoint<A>.batchNormalise([.infinity]) == [A.infinity])
    }

    @Test("G1: associativity, commutativity, identity, inverse, doubling, mixed addition")
    func g1Laws() { checkGroupLaws(G1Affine.self, seed: 11) }

    @Test("G2: associativity, commutativity, identity, inverse, doubling, mixed addition")
    func g2Laws() { checkGroupLaws(G2Affine.self, seed: 12) }

    @Test("G1 scalar multiplication is distributive, compatible with Fr products, and repeated addition")
    func g1ScalarMultiplication() { checkScalarMultiplication(G1Affine.self, seed: 13) }

    @Test("G2 scalar multiplication is distributive, compatible with Fr products, and repeated addition")
    func g2ScalarMultiplication() { checkScalarMultiplication(G2Affine.self, seed: 14) }

    @Test("r·P = O for G1 and G2 generators and random points; (r−1)·G = −G")
    func groupOrder() {
        checkOrder(G1Affine.self, seed: 15)
        checkOrder(G2Affine.self, seed: 16)
    }

    @Test("Batch normalisation equals one-by-one conversion, keeping infinity")
    func batchNormalisation() {
        checkBatchNormalisation(G1Affine.self, seed: 17)
        checkBatchNormalisation(G2Affine.self, seed: 18)
    }

    @Test("G2 subgroup check accepts G2 multiples and rejects twist points outside the subgroup")
    func g2Subgroup() {
        var generator = Generator(state: 19)
        #expect(G2Affine.generator.isInSubgroup)
        #expect(G2Affine.infinity.isInSubgroup)
        #expect(CurveTestSupport.randomPoint(G2Affine.self, using: &generator).affine.isInSubgroup)
        for _ in 0..<3 {
            let outside = CurveTestSupport.twistPointOutsideSubgroup(using: &generator)
            #expect(outside.isOnCurve)
            #expect(!outside.isInSubgroup)
        }
    }

    @Test("The ψ subgroup test agrees with r·P = O, including on G2 points plus a non-subgroup component")
    func g2SubgroupTestsAgree() {
        var generator = Generator(state: 21)
        for _ in 0..<12 {
            let inside = CurveTestSupport.randomPoint(G2Affine.self, using: &generator)
            let outside = G2Projective(CurveTestSupport.twistPointOutsideSubgroup(using: &generator))
            for point in [inside, outside, inside + outside, outside.doubled(), -outside] {
                #expect(point.isInSubgroup == point.isInSubgroupByOrder)
            }
            #expect(inside.isInSubgroup && !outside.isInSubgroup)
        }
    }

    @Test("ψ maps the twist to itself and acts on G2 as multiplication by q mod r = 6x₀²")
    func psiEigenvalue() {
        var generator = Generator(state: 22)
        let x0 = Fr(4_965_661_367_192_848_881)
        let eigenvalue = Fr(6) * x0 * x0
        for _ in 0..<4 {
            let point = CurveTestSupport.randomPoint(G2Affine.self, using: &generator)
            #expect(point.endomorphismPsi().isOnCurve)
            #expect(point.endomorphismPsi() == point * eigenvalue)
            let outside = G2Projective(CurveTestSupport.twistPointOutsideSubgroup(using: &generator))
            #expect(outside.endomorphismPsi().isOnCurve)
        }
        #expect(Fr(reducing: Fq.modulus) == eigenvalue)
    }

    @Test("Fq2 square roots square back and exist exactly when the norm is a square in Fq")
    func fq2SquareRoot() {
        var generator = Generator(state: 20)
        var squares = 0
        for _ in 0..<120 {
            let a = Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
            let normIsSquare = (a.c0.squared() + a.c1.squared()).legendre() == 1
            if let root = a.squareRoot() {
                #expect(root.squared() == a)
                #expect(normIsSquare)
                squares += 1
            } else {
                #expect(!normIsSquare)
            }
            let square = a.squared()
            #expect(square.squareRoot()?.squared() == square)
        }
        #expect(squares > 30 && squares < 90)
        #expect(Fq2.zero.squareRoot() == .zero)
        let minusOne = -Fq2.one
        #expect(minusOne.squareRoot()?.squared() == minusOne)
        let realNonSquare = Fq2(Fq(3).squareRoot() == nil ? Fq(3) : Fq(5), .zero)
        #expect(realNonSquare.squareRoot()?.squared() == realNonSquare)
    }
}
