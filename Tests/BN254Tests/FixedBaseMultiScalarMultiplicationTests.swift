import BN254
import Testing

/// MSM over a table of shifted bases (``MultiScalarMultiplicationTable``) against independent
/// double-and-add scalar multiplications.
@Suite("Fixed-base multi-scalar multiplication")
struct FixedBaseMultiScalarMultiplicationTests {
    typealias Generator = CurveTestSupport.Generator
    typealias Support = MultiScalarMultiplicationTests

    /// 2^exponent in Fr by repeated doubling (not through the code under test).
    static func powerOfTwo(_ exponent: Int) -> Fr {
        var value = Fr.one
        for _ in 0..<exponent { value = value + value }
        return value
    }

    @Test("Every copy is the base times 2^(copy·windowsPerCopy·width), bases at infinity stay at infinity")
    func copies() throws {
        var generator = Generator(state: 51)
        let g1 = Support.bases(G1Affine.self, count: 9, using: &generator)
        for (width, perCopy) in [(3, 1), (5, 2), (11, 2)] {
            let table = MultiScalarMultiplicationTable(bases: g1, width: width, windowsPerCopy: perCopy, workers: 2)
            #expect(table.windowCount >= 254 / width + 1)
            #expect(table.windowCount == table.copyCount * perCopy)
            for base in 0..<g1.count {
                for copy in 0..<table.copyCount {
                    let expected = JacobianPoint(g1[base]).multiplied(by: Self.powerOfTwo(copy * perCopy * width))
                    #expect(JacobianPoint(table.copy(copy, ofBase: base)) == expected, "base \(base), copy \(copy)")
                }
            }
        }
        let g2 = Support.bases(G2Affine.self, count: 6, using: &generator)
        let table = MultiScalarMultiplicationTable(bases: g2, width: 9, windowsPerCopy: 2, workers: 1)
        for base in 0..<g2.count {
            for copy in 0..<table.copyCount {
                let expected = JacobianPoint(g2[base]).multiplied(by: Self.powerOfTwo(copy * 18))
                #expect(JacobianPoint(table.copy(copy, ofBase: base)) == expected, "G2 base \(base), copy \(copy)")
            }
        }
    }

    func check<A: AffineCurvePoint>(
        _ type: A.Type, size: Int, width: Int?, windowsPerCopy: Int, parts: Int, seed: UInt64
    ) throws {
        var generator = Generator(state: seed)
        let bases = Support.bases(A.self, count: size, using: &generator)
        let scalars = Support.scalars(count: size, using: &generator)
        let table =
            if let width {
                MultiScalarMultiplicationTable(bases: bases, width: width, windowsPerCopy: windowsPerCopy, workers: 2)
            } else {
                MultiScalarMultiplicationTable(bases: bases, windowsPerCopy: windowsPerCopy)
            }
        let job = try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: scalars, parts: parts)
        for part in stride(from: job.partCount - 1, through: 0, by: -1) { job.run(part: part) }
        let label = "size \(size), width \(table.width), \(windowsPerCopy) windows per copy, \(parts) parts"
        #expect(job.result() == Support.naive(bases, scalars), "\(label)")
        // The table serves any number of MSMs.
        let again = Support.scalars(count: size, using: &generator)
        let second = try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: again, parts: parts)
        #expect(second.runAll() == Support.naive(bases, again), "\(label), second MSM")
    }

    @Test("G1 fixed-base MSM equals the naive sum across widths, windows per copy and bucket slices")
    func g1() throws {
        let cases: [(Int, Int?, Int, Int)] = [
            (1, nil, 2, 2), (5, 2, 1, 1), (40, 3, 2, 2), (150, 4, 3, 2), (300, 7, 2, 3), (600, nil, 2, 2),
            (700, 10, 1, 1), (1100, nil, 2, 2),
            // One window per copy split into bucket slices (the prover's layout), slices that span
            // windows (3 parts over 2 windows, 2 parts over 3), and batched reductions (widths ≥ 8).
            (700, 9, 1, 2), (500, 8, 1, 3), (600, 8, 2, 3), (400, 8, 3, 2), (1100, nil, 1, 2), (300, 6, 1, 7),
        ]
        for (index, (size, width, perCopy, parts)) in cases.enumerated() {
            try check(
                G1Affine.self, size: size, width: width, windowsPerCopy: perCopy, parts: parts,
                seed: 60 + UInt64(index))
        }
    }

    @Test("G2 fixed-base MSM equals the naive sum")
    func g2() throws {
        try check(G2Affine.self, size: 9, width: 3, windowsPerCopy: 2, parts: 2, seed: 70)
        try check(G2Affine.self, size: 300, width: nil, windowsPerCopy: 2, parts: 2, seed: 71)
        try check(G2Affine.self, size: 300, width: 9, windowsPerCopy: 1, parts: 2, seed: 73)
    }

    @Test("Fixed-base MSM special cases: all zero, all one, all r − 1, one repeated base, sizes")
    func specialCases() throws {
        var generator = Generator(state: 72)
        let bases = Support.bases(G1Affine.self, count: 300, using: &generator)
        let table = MultiScalarMultiplicationTable(bases: bases, windowsPerCopy: 2)
        let msm = { (scalars: [Fr]) throws in
            try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: scalars, parts: 2).runAll()
        }
        #expect(try msm([Fr](repeating: .zero, count: 300)).isInfinity)
        let ones = [Fr](repeating: .one, count: 300)
        #expect(try msm(ones) == Support.naive(bases, ones))
        let minusOne = [Fr](repeating: -Fr.one, count: 300)
        #expect(try msm(minusOne) == Support.naive(bases, minusOne))
        let same = [G1Affine](repeating: .generator, count: 300)
        let sameTable = MultiScalarMultiplicationTable(bases: same, width: 6, windowsPerCopy: 2)
        let scalars = Support.scalars(count: 300, using: &generator)
        let total = scalars.reduce(Fr.zero, +)
        let sum = try FixedBaseMultiScalarMultiplicationJob(table: sameTable, scalars: scalars, parts: 2).runAll()
        #expect(sum == G1Projective.generator * total)
        // The same with one window per copy and wide buckets: every copy's points collide, so most
        // additions go through the overflow buckets before the batched reduction.
        let wideTable = MultiScalarMultiplicationTable(bases: same, width: 9, windowsPerCopy: 1)
        let wideSum = try FixedBaseMultiScalarMultiplicationJob(table: wideTable, scalars: scalars, parts: 2).runAll()
        #expect(wideSum == G1Projective.generator * total)
        let error = #expect(throws: BN254Error.self) {
            try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: [.one], parts: 2)
        }
        #expect(error?.code == .sizeMismatch)
        let empty = try FixedBaseMultiScalarMultiplicationJob(
            table: MultiScalarMultiplicationTable<G1Affine>(bases: [], windowsPerCopy: 2), scalars: [], parts: 2)
        #expect(empty.partCount == 0)
        #expect(empty.runAll().isInfinity)
    }
}
