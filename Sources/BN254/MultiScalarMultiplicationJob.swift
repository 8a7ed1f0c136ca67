/// One multi-scalar multiplication Σ sᵢ·Pᵢ prepared so that its windows can be computed as separate
/// jobs, on any threads, and then combined.
///
/// Preparation (in the initialiser) converts the scalars out of Montgomery form, skips scalars 0 and
/// points at infinity, sums the bases of scalars 1 directly, and recodes the rest into signed
/// digits: scalars below 2^64 in a set with a quarter of the windows, the others in a full-width set.
/// Each set's windows are then dealt to ``partCount`` parts. ``run(part:)`` computes one part's
/// window sums (different parts may run concurrently); ``result()`` combines all of them and may
/// only be called once every part has run.
///
/// This lets a caller with several MSMs (the Groth16 prover) put all their parts into one pool of
/// jobs so both cores stay busy until the end, instead of running one large MSM on one core.
public final class MultiScalarMultiplicationJob<Affine: AffineCurvePoint>: @unchecked Sendable {
    /// One set of scalars sharing a window width.
    @usableFromInline
    struct ScalarSet {
        @usableFromInline let bases: UnsafeMutableBufferPointer<Affine>
        /// Signed digits, point-major: digits[i·windowCount + window].
        @usableFromInline let digits: UnsafeMutableBufferPointer<Int32>
        @usableFromInline let width: Int
        @usableFromInline let windowCount: Int
        /// Index of the set's first window sum in ``windowSums``.
        @usableFromInline let sumOffset: Int

        @inlinable
        init(bases: [Affine], scalars: [UInt256], bits: Int, sumOffset: Int) {
            let count = bases.count
            let useBatchAffine = count >= JacobianPoint<Affine>.batchAffineThreshold
            width = JacobianPoint<Affine>.windowWidth(
                forCount: count, bits: bits, additionCost: useBatchAffine ? 7 : 11)
            windowCount = bits / width + 1
            self.bases = .allocate(capacity: count)
            _ = self.bases.initialize(from: bases)
            let recoded = JacobianPoint<Affine>.signedDigits(scalars, width: width, windowCount: windowCount)
            digits = .allocate(capacity: recoded.count)
            _ = digits.initialize(from: recoded)
            self.sumOffset = sumOffset
        }
    }

    /// The sum of the bases whose scalar is 1.
    @usableFromInline let ones: JacobianPoint<Affine>
    /// The sets with at least one point (small scalars first).
    @usableFromInline let sets: [ScalarSet]
    /// For each part: the set and the windows it computes.
    @usableFromInline let parts: [(set: Int, windows: [Int])]
    /// One sum per window of every set, written by the part that owns the window.
    @usableFromInline let windowSums: UnsafeMutableBufferPointer<JacobianPoint<Affine>>

    /// The number of independent parts; run each once with ``run(part:)``.
    public var partCount: Int { parts.count }

    /// Prepares Σ scalars[i]·bases[i] with each set of windows split into `partsPerSet` parts (fewer
    /// if a set has fewer windows; one when there are fewer than 32 points).
    ///
    /// The bases must be points of the group (as every decoder guarantees): the batched affine
    /// formulas assume no point has y = 0, which holds in G1 and G2.
    /// - Throws: ``BN254Error`` `.sizeMismatch` when the arrays have different lengths.
    @inlinable
    public init(bases: [Affine], scalars: [Fr], partsPerSet: Int) throws(BN254Error) {
        guard bases.count == scalars.count else {
            throw BN254Error(
                .sizeMismatch,
                "MSM needs as many scalars as bases, got \(scalars.count) scalars and \(bases.count) bases")
        }
        var ones = JacobianPoint<Affine>.infinity
        var smallBases: [Affine] = []
        var smallScalars: [UInt256] = []
        var largeBases: [Affine] = []
        var largeScalars: [UInt256] = []
        largeBases.reserveCapacity(bases.count)
        largeScalars.reserveCapacity(bases.count)
        for index in bases.indices {
            let scalar = scalars[index]
            if scalar.isZero || bases[index].isInfinity { continue }
            if scalar.isOne {
                ones = ones.adding(bases[index])
                continue
            }
            let canonical = scalar.canonical
            if canonical.w1 | canonical.w2 | canonical.w3 == 0 {
                smallBases.append(bases[index])
                smallScalars.append(canonical)
            } else {
                largeBases.append(bases[index])
                largeScalars.append(canonical)
            }
        }
        var sets: [ScalarSet] = []
        var sumCount = 0
        for (setBases, setScalars, bits) in [(smallBases, smallScalars, 64), (largeBases, largeScalars, 254)]
        where !setBases.isEmpty {
            let set = ScalarSet(bases: setBases, scalars: setScalars, bits: bits, sumOffset: sumCount)
            sumCount += set.windowCount
            sets.append(set)
        }
        var parts: [(set: Int, windows: [Int])] = []
        for (setIndex, set) in sets.enumerated() {
            let split = set.bases.count >= 32 ? max(1, min(partsPerSet, set.windowCount)) : 1
            for part in 0..<split {
                parts.append((setIndex, Array(stride(from: part, to: set.windowCount, by: split))))
            }
        }
        self.ones = ones
        self.sets = sets
        self.parts = parts
        windowSums = .allocate(capacity: sumCount)
        windowSums.initialize(repeating: .infinity)
    }

    deinit {
        for set in sets {
            set.bases.deallocate()
            set.digits.deallocate()
        }
        windowSums.deallocate()
    }

    /// Computes the window sums of part `part` (in 0..<``partCount``). Distinct parts may run concurrently.
    @inlinable
    public func run(part: Int) {
        let (setIndex, windows) = parts[part]
        let set = sets[setIndex]
        let count = set.bases.count
        if count >= JacobianPoint<Affine>.batchAffineThreshold {
            let sums = JacobianPoint<Affine>.batchAffineWindowSums(
                bases: set.bases, digits: set.digits, windowCount: set.windowCount, width: set.width,
                windows: windows)
            for (local, window) in windows.enumerated() { windowSums[set.sumOffset + window] = sums[local] }
            return
        }
        var buckets = [JacobianPoint<Affine>](repeating: .infinity, count: 1 << (set.width - 1))
        buckets.withUnsafeMutableBufferPointer { bucketPointer in
            for window in windows {
                windowSums[set.sumOffset + window] = JacobianPoint<Affine>.windowSum(
                    bases: set.bases, digits: set.digits, window: window, windowCount: set.windowCount,
                    buckets: bucketPointer)
            }
        }
    }

    /// Σ scalars[i]·bases[i], once every part has run.
    @inlinable
    public func result() -> JacobianPoint<Affine> {
        var total = ones
        for set in sets {
            var result = JacobianPoint<Affine>.infinity
            for window in stride(from: set.windowCount - 1, through: 0, by: -1) {
                if !result.isInfinity {
                    for _ in 0..<set.width { result = result.doubled() }
                }
                result += windowSums[set.sumOffset + window]
            }
            total += result
        }
        return total
    }

    /// Runs every part, concurrently on the available cores, and returns the sum.
    @inlinable
    public func runAll() -> JacobianPoint<Affine> {
        if partCount > 0 { ParallelWork.run(workers: partCount) { part in self.run(part: part) } }
        return result()
    }
}
