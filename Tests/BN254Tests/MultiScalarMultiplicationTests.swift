import BN254
import Testing

/// Pippenger MSM against the naive sum Σ sᵢ·Pᵢ of independent scalar multiplications.
@Suite("Multi-scalar multiplication")
struct MultiScalarMultiplicationTests {
    typealias Generator = CurveTestSupport.Generator

    /// Random scalars with a share of 0, 1, r − 1 and small values, like a witness full of bits.
    static func scalars(count: Int, using generator: inout Generator) -> [Fr] {
        (0..<count).map { _ in
            switch generator.next() % 8 {
            case 0: return .zero
            case 1, 2: return .one
            case 3: return -Fr.one
            case 4: return generator.next() % 2 == 0 ? Fr(generator.next() % 1000) : Fr(generator.next() | 1 << 63)
            default: return Fr.random(using: &generator)
            }
        }
    }

    static func bases<A: AffineCurvePoint>(_: A.Type, count: Int, using generator: inout Generator) -> [A] {
        var points = (0..<count).map { _ in CurveTestSupport.randomPoint(A.self, using: &generator) }
        if count > 4 {
            points[1] = .infinity
            points[3] = points[2]
            points[4] = -points[2]
        }
        return JacobianPoint<A>.batchNormalise(points)
    }

    static func naive<A: AffineCurvePoint>(_ bases: [A], _ scalars: [Fr]) -> JacobianPoint<A> {
        var sum = JacobianPoint<A>.infinity
        for (base, scalar) in zip(bases, scalars) { sum += JacobianPoint(base).multiplied(by: scalar) }
        return sum
    }

    func check<A: AffineCurvePoint>(_ type: A.Type, sizes: [Int], seed: UInt64) throws {
        var generator = Generator(state: seed)
        for size in sizes {
            let bases = Self.bases(A.self, count: size, using: &generator)
            let scalars = Self.scalars(count: size, using: &generator)
            let result = try JacobianPoint<A>.multiScalarMultiplication(bases: bases, scalars: scalars)
            #expect(result == Self.naive(bases, scalars), "size \(size)")
        }
    }

    @Test("G1 MSM equals the naive sum for sizes 0 to 1100 with 0/1 scalars and points at infinity")
    func g1() throws {
        try check(G1Affine.self, sizes: [0, 1, 2, 3, 5, 8, 17, 63, 64, 65, 200, 513, 1100], seed: 41)
    }

    @Test("G2 MSM equals the naive sum")
    func g2() throws {
        try check(G2Affine.self, sizes: [0, 1, 4, 9, 70, 300], seed: 42)
    }

    @Test("G1 MSM with large windows (4096 points) equals the naive sum")
    func g1Large() throws {
        try check(G1Affine.self, sizes: [4096], seed: 43)
    }

    @Test("MSM special cases: all zero, all one, all r − 1, one repeated base, mismatched sizes")
    func specialCases() throws {
        var generator = Generator(state: 44)
        let bases = Self.bases(G1Affine.self, count: 300, using: &generator)
        let msm = { (scalars: [Fr]) throws in try G1Projective.multiScalarMultiplication(bases: bases, scalars: scalars)
        }
        #expect(try msm([Fr](repeating: .zero, count: 300)).isInfinity)
        #expect(try msm([Fr](repeating: .one, count: 300)) == Self.naive(bases, [Fr](repeating: .one, count: 300)))
        let minusOne = [Fr](repeating: -Fr.one, count: 300)
        #expect(try msm(minusOne) == Self.naive(bases, minusOne))
        let same = [G1Affine](repeating: .generator, count: 300)
        let scalars = Self.scalars(count: 300, using: &generator)
        let total = scalars.reduce(Fr.zero, +)
        #expect(
            try G1Projective.multiScalarMultiplication(bases: same, scalars: scalars) == G1Projective.generator * total)
        let error = #expect(throws: BN254Error.self) {
            try G1Projective.multiScalarMultiplication(bases: bases, scalars: [.one])
        }
        #expect(error?.code == .sizeMismatch)
    }

    @Test("An MSM job split into 1, 2, 3 or 7 parts, run in reverse order, equals the naive sum")
    func jobParts() throws {
        var generator = Generator(state: 45)
        for (size, parts) in [(700, 1), (700, 2), (300, 3), (150, 7), (40, 2), (20, 3)] {
            let bases = Self.bases(G1Affine.self, count: size, using: &generator)
            let scalars = Self.scalars(count: size, using: &generator)
            let job = try MultiScalarMultiplicationJob(bases: bases, scalars: scalars, partsPerSet: parts)
            for part in stride(from: job.partCount - 1, through: 0, by: -1) { job.run(part: part) }
            #expect(job.result() == Self.naive(bases, scalars), "size \(size), \(parts) parts")
        }
        let g2Bases = Self.bases(G2Affine.self, count: 200, using: &generator)
        let g2Scalars = Self.scalars(count: 200, using: &generator)
        let g2Job = try MultiScalarMultiplicationJob(bases: g2Bases, scalars: g2Scalars, partsPerSet: 2)
        #expect(g2Job.runAll() == Self.naive(g2Bases, g2Scalars))
        let empty = try MultiScalarMultiplicationJob<G1Affine>(bases: [], scalars: [], partsPerSet: 2)
        #expect(empty.partCount == 0)
        #expect(empty.runAll().isInfinity)
    }
}
