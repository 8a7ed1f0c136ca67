import Testing

@testable import BN254

/// The batched affine bucket reduction (``AffineBucketAccumulator/reduce(offset:count:)``) and the
/// folding of the Jacobian overflow buckets, against Σ j·Bⱼ computed with independent scalar
/// multiplications.
@Suite("Bucket reduction")
struct BucketReductionTests {
    typealias Generator = CurveTestSupport.Generator

    /// One bucket's content in a test pattern.
    enum Content {
        case empty
        case random
        case negatedPrevious
        case samePrevious
    }

    /// Buckets filled according to `pattern` (cycled), with the expected weighted sum and sum over
    /// the range offset..<offset + count.
    struct Filled<A: AffineCurvePoint> {
        var accumulator: AffineBucketAccumulator<A>
        let expectedWeighted: JacobianPoint<A>
        let expectedSum: JacobianPoint<A>
    }

    static func fill<A: AffineCurvePoint>(
        _: A.Type, bucketCount: Int, offset: Int, count: Int, pattern: [Content], using generator: inout Generator
    ) -> Filled<A> {
        var accumulator = AffineBucketAccumulator<A>(bucketCount: bucketCount, capacity: 64)
        let points = JacobianPoint<A>.batchNormalise(
            (0..<bucketCount).map { _ in CurveTestSupport.randomPoint(A.self, using: &generator) })
        var contents = [A?](repeating: nil, count: bucketCount)
        for index in 0..<bucketCount {
            switch pattern[index % pattern.count] {
            case .empty: contents[index] = nil
            case .random: contents[index] = points[index]
            case .negatedPrevious: contents[index] = index > 0 ? contents[index - 1].map { -$0 } : points[index]
            case .samePrevious: contents[index] = index > 0 ? contents[index - 1] : points[index]
            }
            if let point = contents[index] { accumulator.add(x: point.x, y: point.y, to: index) }
        }
        accumulator.finish()
        var weighted = JacobianPoint<A>.infinity
        var sum = JacobianPoint<A>.infinity
        for j in 1...max(1, count) where count > 0 {
            guard let point = contents[offset + j - 1] else { continue }
            weighted += JacobianPoint(point).multiplied(by: UInt256(UInt64(j)))
            sum += JacobianPoint(point)
        }
        return Filled(accumulator: accumulator, expectedWeighted: weighted, expectedSum: sum)
    }

    @Test(
        "G1 reduction equals Σ j·Bⱼ for plain and batched sizes, with empty, equal and opposite buckets",
        arguments: [1, 5, 63, 64, 65, 100, 257, 600])
    func g1(count: Int) {
        var generator = Generator(state: 900 + UInt64(count))
        let patterns: [[Content]] = [
            [.random], [.random, .empty, .empty], [.random, .negatedPrevious, .random, .samePrevious, .empty],
        ]
        for (index, pattern) in patterns.enumerated() {
            var filled = Self.fill(
                G1Affine.self, bucketCount: count + 7, offset: 3, count: count, pattern: pattern, using: &generator)
            defer { filled.accumulator.deallocate() }
            let (weighted, sum) = filled.accumulator.reduce(offset: 3, count: count)
            #expect(weighted == filled.expectedWeighted, "count \(count), pattern \(index)")
            #expect(sum == filled.expectedSum, "count \(count), pattern \(index)")
            // Every chunking, from one bucket per chunk to uneven last chunks.
            for chunks in [2, 7, 25, count] where chunks <= count {
                let forced = filled.accumulator.reduce(offset: 3, count: count, chunks: chunks)
                #expect(
                    forced.weighted == filled.expectedWeighted, "count \(count), pattern \(index), \(chunks) chunks")
                #expect(forced.sum == filled.expectedSum, "count \(count), pattern \(index), \(chunks) chunks")
            }
        }
    }

    /// The chunk count the reduction chooses for `count` buckets.
    static func chunkCount<A: AffineCurvePoint>(_: A.Type, _ count: Int) -> Int {
        AffineBucketAccumulator<A>.reductionChunkCount(forCount: count)
    }

    @Test("G2 reduction equals Σ j·Bⱼ", arguments: [9, 64, 300])
    func g2(count: Int) {
        var generator = Generator(state: 950 + UInt64(count))
        var filled = Self.fill(
            G2Affine.self, bucketCount: count, offset: 0, count: count,
            pattern: [.random, .empty, .random, .negatedPrevious, .samePrevious], using: &generator)
        defer { filled.accumulator.deallocate() }
        for chunks in [1, 5, 16, Self.chunkCount(G2Affine.self, count)] {
            let (weighted, sum) = filled.accumulator.reduce(offset: 0, count: count, chunks: chunks)
            #expect(weighted == filled.expectedWeighted, "\(chunks) chunks")
            #expect(sum == filled.expectedSum, "\(chunks) chunks")
        }
    }

    @Test("Points that overflow a busy bucket are folded back before the reduction")
    func overflow() {
        var generator = Generator(state: 977)
        let bucketCount = 80
        var accumulator = AffineBucketAccumulator<G1Affine>(bucketCount: bucketCount, capacity: 16)
        defer { accumulator.deallocate() }
        var contents = [G1Projective](repeating: .infinity, count: bucketCount)
        // Many points into three buckets: most of them wait for a busy bucket and end up in the overflow.
        for step in 0..<400 {
            let bucket = step % 7 == 0 ? step % bucketCount : [5, 6, 70][step % 3]
            let point = CurveTestSupport.randomPoint(G1Affine.self, using: &generator).affine
            contents[bucket] += JacobianPoint(point)
            accumulator.add(x: point.x, y: point.y, to: bucket)
            if accumulator.isFull { accumulator.flush() }
        }
        accumulator.finish()
        #expect(accumulator.overflow != nil, "the test should exercise the overflow buckets")
        accumulator.foldOverflow()
        #expect(accumulator.overflow == nil)
        var expected = G1Projective.infinity
        for (index, bucket) in contents.enumerated() {
            expected += bucket.multiplied(by: UInt256(UInt64(index + 1)))
        }
        #expect(accumulator.reduce(offset: 0, count: bucketCount).weighted == expected)
    }
}
