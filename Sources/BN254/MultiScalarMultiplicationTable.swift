/// Shifted copies of fixed MSM bases, Pᵢ·2^(j·s) for j = 0..<``copyCount``, so that an MSM over
/// these bases needs only ``windowsPerCopy`` windows of bucket work instead of one per c bits of
/// the scalar.
///
/// Pippenger with window width c over n bases costs about (254/c + 1)·n bucket additions plus, for
/// every window, one reduction of its 2^(c−1) buckets. When the bases are fixed (a proving key's
/// queries), the digits of window w = j·m + k (m = ``windowsPerCopy``) can instead be applied to the
/// copy Pᵢ·2^(j·m·c) in window k: the bucket additions stay the same but only m bucket reductions
/// and m·c doublings remain, which makes wider windows pay off. The prover uses m = 1 (one set of
/// buckets, split across the cores by bucket ranges, see ``FixedBaseMultiScalarMultiplicationJob``).
/// The table costs ``copyCount`` points of memory per base and about 254 batched affine doublings
/// per base to build.
///
/// Immutable once built, so it may be shared by concurrent MSMs.
public final class MultiScalarMultiplicationTable<Affine: AffineCurvePoint>: Sendable {
    /// The number of bases.
    public let baseCount: Int
    /// The window width c.
    public let width: Int
    /// The windows (of the scalars' signed-digit form) applied to each copy.
    public let windowsPerCopy: Int
    /// Copies per base.
    public let copyCount: Int
    /// points[i·copyCount + j] = bases[i]·2^(j·windowsPerCopy·width); the point at infinity for a
    /// base at infinity.
    @usableFromInline let points: [Affine]
    /// The bases themselves (copy 0), for the scalar-1 fast path.
    @usableFromInline let bases: [Affine]

    /// The total number of signed-digit windows, copyCount·windowsPerCopy (at least 254/c + 1).
    @inlinable
    public var windowCount: Int { copyCount * windowsPerCopy }

    /// bases[base]·2^(copy·windowsPerCopy·width) (for tests and diagnostics).
    /// - Precondition: `base` in 0..<baseCount and `copy` in 0..<copyCount.
    public func copy(_ copy: Int, ofBase base: Int) -> Affine {
        precondition((0..<baseCount).contains(base) && (0..<copyCount).contains(copy), "table index out of range")
        return points[base * copyCount + copy]
    }

    /// Builds the table for `bases` (points of the group, as every decoder guarantees), with a
    /// window width chosen for `bases.count` dense scalars, `windowsPerCopy` windows per copy (1 for
    /// the prover: an MSM's parts split the buckets, whatever the number of windows), on up to
    /// `workers` cores.
    @inlinable
    public convenience init(bases: [Affine], windowsPerCopy: Int, workers: Int = ParallelWork.coreCount) {
        let perCopy = max(1, windowsPerCopy)
        self.init(
            bases: bases, width: Self.width(forCount: bases.count, windowsPerCopy: perCopy), windowsPerCopy: perCopy,
            workers: workers)
    }

    /// Builds the table with an explicit window width (2…16; tests use narrow windows to reach
    /// every code path with few points).
    @inlinable
    public init(bases: [Affine], width: Int, windowsPerCopy: Int, workers: Int = ParallelWork.coreCount) {
        let width = min(16, max(2, width))
        let perCopy = max(1, windowsPerCopy)
        let windowsNeeded = 254 / width + 1
        let copies = (windowsNeeded + perCopy - 1) / perCopy
        self.baseCount = bases.count
        self.width = width
        self.windowsPerCopy = perCopy
        self.copyCount = copies
        self.bases = bases
        self.points = Self.shiftedCopies(
            of: bases, copies: copies, shift: perCopy * width, workers: max(1, workers))
    }

    /// The width c minimising (254/c + 1, rounded up to whole copies)·a·count + windowsPerCopy·b·2^(c−1)
    /// (+ 2·a·count when the top window holds fewer than 6 bits): batched affine bucket additions
    /// (weight a) plus the bucket reductions (weight b per bucket: two batched affine additions and a
    /// share of the chunk combination, see ``AffineBucketAccumulator/reduce(offset:count:)``).
    ///
    /// The top window holds the scalars' last 254 − (254/c)·c bits (2 for c = 12 and 14, 7 for 13): with
    /// a few bits every point's last digit lands in a handful of buckets, which collide in every batch
    /// and end up deferred again and again or in the Jacobian overflow — about three times the cost of
    /// those additions. The weights were calibrated with `proofnode bench --suite msm-widths` (1 window
    /// per copy, 2 parts, CPU time): in G1 an addition costs more than its 6 multiplications because
    /// batches are small (inversions) and collide, so a = 10, b = 18; in G2, a = 7, b = 15. Width 13
    /// measured fastest for every size the synthetic circuits use (1500–7100 points, G1 and G2).
    @inlinable
    static func width(forCount count: Int, windowsPerCopy: Int) -> Int {
        let isG1 = Affine.Field.self == Fq.self
        let additionWeight = isG1 ? 10 : 7
        let reductionWeight = isG1 ? 18 : 15
        var best = 2
        var bestCost = Int.max
        for width in 2...16 {
            let windows = ((254 / width + 1 + windowsPerCopy - 1) / windowsPerCopy) * windowsPerCopy
            let topBits = 254 - (254 / width) * width
            let crowding = topBits < 6 ? 2 * additionWeight * count : 0
            let cost =
                additionWeight * count * windows + crowding + windowsPerCopy * reductionWeight * (1 << (width - 1))
            if cost < bestCost {
                best = width
                bestCost = cost
            }
        }
        return best
    }

    /// Every base's copies, point-major, computed by repeated batched affine doubling in
    /// `workers` contiguous slices of the bases.
    @inlinable
    static func shiftedCopies(of bases: [Affine], copies: Int, shift: Int, workers: Int) -> [Affine] {
        let count = bases.count
        var points = [Affine](repeating: .infinity, count: count * copies)
        let slices = min(workers, max(1, count / 64))
        points.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            bases.withUnsafeBufferPointer { input in
                let source = SharedBuffer(UnsafeMutableBufferPointer(mutating: input))
                ParallelWork.run(workers: slices) { slice in
                    let lower = count * slice / slices
                    let upper = count * (slice + 1) / slices
                    fillCopies(source: source, range: lower..<upper, copies: copies, shift: shift, output: shared)
                }
            }
        }
        return points
    }

    /// Fills output[i·copies + j] for i in `range`.
    @inlinable
    static func fillCopies(
        source: SharedBuffer<Affine>, range: Range<Int>, copies: Int, shift: Int, output: SharedBuffer<Affine>
    ) {
        let count = range.count
        if count == 0 { return }
        let doubler = AffineBatchDoubler<Affine>(capacity: count)
        defer { doubler.deallocate() }
        for local in 0..<count { doubler.load(source[range.lowerBound + local], at: local) }
        for copy in 0..<copies {
            if copy > 0 { doubler.doubleAll(times: shift) }
            for local in 0..<count { output[(range.lowerBound + local) * copies + copy] = doubler.point(at: local) }
        }
    }
}

/// Doubles many affine points at once, sharing one field inversion per round (Montgomery's trick):
/// about 3 multiplications for the shared inversion plus 2 multiplications and 2 squarings per point
/// and doubling, with affine results and no final normalisation.
@usableFromInline
struct AffineBatchDoubler<Affine: AffineCurvePoint> {
    @usableFromInline typealias Field = Affine.Field
    @usableFromInline let x: UnsafeMutablePointer<Field>
    @usableFromInline let y: UnsafeMutablePointer<Field>
    /// False for the point at infinity (also after doubling a point with y = 0, of order 2).
    @usableFromInline let finite: UnsafeMutablePointer<Bool>
    @usableFromInline let denominators: UnsafeMutablePointer<Field>
    @usableFromInline let prefixes: UnsafeMutablePointer<Field>
    @usableFromInline let capacity: Int

    @inlinable
    init(capacity: Int) {
        self.capacity = capacity
        x = .allocate(capacity: capacity)
        y = .allocate(capacity: capacity)
        finite = .allocate(capacity: capacity)
        denominators = .allocate(capacity: capacity)
        prefixes = .allocate(capacity: capacity)
        x.initialize(repeating: .zero, count: capacity)
        y.initialize(repeating: .zero, count: capacity)
        finite.initialize(repeating: false, count: capacity)
        denominators.initialize(repeating: .one, count: capacity)
        prefixes.initialize(repeating: .one, count: capacity)
    }

    @inlinable
    func deallocate() {
        x.deallocate()
        y.deallocate()
        finite.deallocate()
        denominators.deallocate()
        prefixes.deallocate()
    }

    @inlinable
    func load(_ point: Affine, at index: Int) {
        finite[index] = !point.isInfinity
        x[index] = point.x
        y[index] = point.y
    }

    @inlinable
    func point(at index: Int) -> Affine {
        finite[index] ? Affine(x: x[index], y: y[index]) : .infinity
    }

    /// Replaces every point P by 2^times·P.
    @inlinable
    func doubleAll(times: Int) {
        for _ in 0..<times { doubleAllOnce() }
    }

    /// P ↦ 2P for every point: λ = 3x²/(2y), x' = λ² − 2x, y' = λ(x − x') − y.
    @inlinable
    func doubleAllOnce() {
        var accumulator = Field.one
        for k in 0..<capacity where finite[k] {
            if y[k].isZero {
                finite[k] = false
                continue
            }
            let denominator = y[k].doubled()
            denominators[k] = denominator
            prefixes[k] = accumulator
            accumulator = accumulator * denominator
        }
        guard var inverse = accumulator.inverse() else { return }
        var k = capacity - 1
        while k >= 0 {
            if finite[k] {
                let inverseHere = inverse * prefixes[k]
                inverse = inverse * denominators[k]
                let x1 = x[k]
                let xSquared = x1.squared()
                let lambda = (xSquared.doubled() + xSquared) * inverseHere
                let x3 = lambda.squared() - x1.doubled()
                y[k] = lambda * (x1 - x3) - y[k]
                x[k] = x3
            }
            k -= 1
        }
    }
}
