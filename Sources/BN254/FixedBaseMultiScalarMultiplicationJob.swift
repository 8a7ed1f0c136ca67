/// One multi-scalar multiplication Σ sᵢ·Pᵢ over bases with a ``MultiScalarMultiplicationTable``,
/// prepared so that its windows can be computed as separate jobs, on any threads, and then combined
/// (the same contract as ``MultiScalarMultiplicationJob``).
///
/// Preparation converts the scalars out of Montgomery form, skips scalars 0 and bases at infinity,
/// sums the bases of scalars 1 directly, and recodes the rest into the table's signed digits
/// (width c, ``MultiScalarMultiplicationTable/windowCount`` windows). Window j·m + k of base i is
/// applied to the copy Pᵢ·2^(j·m·c) in local window k, so there are only m = windowsPerCopy local
/// windows, each filling one set of 2^(c−1) affine buckets with batched affine additions. Zero
/// digits (the high windows of small scalars) cost nothing but a test.
///
/// The parts split the buckets, not the points: each part scans every digit, adds only those that
/// fall into its contiguous slice of the m·2^(c−1) buckets, and reduces its own buckets (batched
/// affine running sums, ``AffineBucketAccumulator/reduce(offset:count:)``), shifting a window's
/// partial sum Σ j·B_j over buckets a…b by a·Σ B_j. So one window per copy (m = 1, the prover's
/// choice) still splits across the cores, and the bucket reduction — the cost that grows with the
/// window width — is paid once per window, not once per part.
///
/// Timing reveals how many scalars are 0 or 1 and the digits' zero pattern: MSM inputs are not
/// protected against timing observers.
public final class FixedBaseMultiScalarMultiplicationJob<Affine: AffineCurvePoint>: @unchecked Sendable {
    /// The table of shifted bases.
    @usableFromInline let table: MultiScalarMultiplicationTable<Affine>
    /// The sum of the bases whose scalar is 1.
    @usableFromInline let ones: JacobianPoint<Affine>
    /// Indices of the bases with a scalar other than 0 and 1.
    @usableFromInline let indices: [Int]
    /// Signed digits, point-major: digits[k·windowCount + window] for the k-th entry of ``indices``.
    @usableFromInline let digits: UnsafeMutableBufferPointer<Int32>
    /// For each part: its slice of the bucket indices 0..<windowsPerCopy·2^(c−1), where local window
    /// k's bucket for the digit magnitude d is k·2^(c−1) + d − 1 (``bucketSlices(table:pointCount:parts:)``).
    @usableFromInline let slices: [Range<Int>]
    /// One partial sum per part and local window, windowSums[part·windowsPerCopy + window], written by
    /// its part (the point at infinity where the part holds none of the window's buckets).
    @usableFromInline let windowSums: UnsafeMutableBufferPointer<JacobianPoint<Affine>>

    /// The number of independent parts; run each once with ``run(part:)``.
    public var partCount: Int { slices.count }

    /// Prepares Σ scalars[i]·bases[i] for the bases of `table`, its buckets dealt to at most `parts`
    /// parts of about equal work.
    /// - Throws: ``BN254Error`` `.sizeMismatch` when the scalar count differs from the table's base count.
    @inlinable
    public init(table: MultiScalarMultiplicationTable<Affine>, scalars: [Fr], parts: Int) throws(BN254Error) {
        guard table.baseCount == scalars.count else {
            throw BN254Error(
                .sizeMismatch,
                "MSM needs as many scalars as bases, got \(scalars.count) scalars and \(table.baseCount) bases")
        }
        var ones = JacobianPoint<Affine>.infinity
        var indices: [Int] = []
        var canonical: [UInt256] = []
        indices.reserveCapacity(scalars.count)
        canonical.reserveCapacity(scalars.count)
        for index in scalars.indices {
            let scalar = scalars[index]
            let base = table.bases[index]
            if scalar.isZero || base.isInfinity { continue }
            if scalar.isOne {
                ones = ones.adding(base)
                continue
            }
            indices.append(index)
            canonical.append(scalar.canonical)
        }
        let recoded = JacobianPoint<Affine>.signedDigits(canonical, width: table.width, windowCount: table.windowCount)
        digits = .allocate(capacity: recoded.count)
        _ = digits.initialize(from: recoded)
        slices = indices.isEmpty ? [] : Self.bucketSlices(table: table, pointCount: indices.count, parts: parts)
        self.table = table
        self.ones = ones
        self.indices = indices
        windowSums = .allocate(capacity: max(1, slices.count * table.windowsPerCopy))
        windowSums.initialize(repeating: .infinity)
    }

    deinit {
        digits.deallocate()
        windowSums.deallocate()
    }

    /// Contiguous slices of the bucket indices with about equal expected work each: `pointCount`
    /// times the probability that a digit lands in the bucket (additions), plus two additions' worth
    /// for the bucket's share of the reduction.
    ///
    /// A full window's digit magnitudes are close to uniform over 1…2^(c−1), but a window at the top
    /// of the scalars holds only their last bits, so its digits crowd into the lowest buckets: cutting
    /// the buckets in equal halves would give the part with the low buckets up to a tenth more work.
    @inlinable
    static func bucketSlices(table: MultiScalarMultiplicationTable<Affine>, pointCount: Int, parts: Int) -> [Range<Int>]
    {
        let half = 1 << (table.width - 1)
        let perCopy = table.windowsPerCopy
        let bucketCount = perCopy * half
        let split = max(1, min(parts, bucketCount))
        if split == 1 { return [0..<bucketCount] }
        // For each local window, the digits per copy: a full window's magnitudes 1…half each take
        // 2/2^c of them (half only 1/2^c); a top window with largest value v spreads over 1…v + 1.
        let fullShare = 2.0 * Double(pointCount) / Double(1 << table.width)
        var fullWindows = [Int](repeating: 0, count: perCopy)
        var cost = [Double](repeating: 2, count: bucketCount)
        let largest = Fr.modulus.subtractingWithBorrow(UInt256(1)).difference
        for window in 0..<table.windowCount {
            let local = window % perCopy
            let bit = window * table.width
            if bit >= 256 { continue }
            // The largest scalar's bits from `bit` up fill the window unless fewer than c remain (and
            // then `low` is their value).
            let limb = bit >> 6
            let shift = UInt64(bit & 63)
            var low = largest[limb: limb] >> shift
            if shift > 0 && limb < 3 { low |= largest[limb: limb + 1] << (64 - shift) }
            if bit + table.width < largest.bitWidth || low >= UInt64(1 << table.width) - 1 {
                fullWindows[local] += 1
            } else {
                let reach = min(half, Int(low) + 1)
                for magnitude in 1...reach {
                    cost[local * half + magnitude - 1] += Double(pointCount) / Double(reach + 1)
                }
            }
        }
        for index in 0..<bucketCount { cost[index] += fullShare * Double(fullWindows[index / half]) }
        let total = cost.reduce(0, +)
        var slices: [Range<Int>] = []
        var lower = 0
        var accumulated = 0.0
        for index in 0..<bucketCount {
            accumulated += cost[index]
            let target = total * Double(slices.count + 1) / Double(split)
            if accumulated >= target && slices.count < split - 1 && index + 1 < bucketCount {
                slices.append(lower..<(index + 1))
                lower = index + 1
            }
        }
        slices.append(lower..<bucketCount)
        return slices
    }

    /// Computes part `part` (in 0..<``partCount``): its buckets' additions and their reduction into
    /// partial window sums. Distinct parts may run concurrently.
    @inlinable
    public func run(part: Int) {
        let slice = slices[part]
        let width = table.width
        let half = 1 << (width - 1)
        let firstWindow = slice.lowerBound / half
        let lastWindow = (slice.upperBound - 1) / half
        let lower = slice.lowerBound
        let sliceCount = slice.count
        // Batches of a quarter of the buckets: larger ones collide more often than the inversions they save.
        var accumulator = AffineBucketAccumulator<Affine>(
            bucketCount: sliceCount, capacity: min(1024, max(16, sliceCount / 4)))
        defer { accumulator.deallocate() }
        let copies = table.copyCount
        let perCopy = table.windowsPerCopy
        let windowCount = table.windowCount
        // One point's digits that fall into this slice: the copy and the bucket (complemented for a
        // negative digit), selected without a branch (whether a digit lands in the slice is a coin toss).
        let capacity = copies * (lastWindow - firstWindow + 1)
        let selectedCopy = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let selectedBucket = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer {
            selectedCopy.deallocate()
            selectedBucket.deallocate()
        }
        table.points.withUnsafeBufferPointer { points in
            indices.withUnsafeBufferPointer { indices in
                let digitBase = digits.baseAddress.unsafelyUnwrapped
                for k in 0..<indices.count {
                    let row = digitBase + k * windowCount
                    var count = 0
                    for copy in 0..<copies {
                        for local in firstWindow...lastWindow {
                            let digit = Int(row[copy * perCopy + local])
                            // The bucket's index within the slice; −1 (out of the slice) for digit 0.
                            let magnitude = digit < 0 ? -digit : digit
                            let bucket = digit == 0 ? -1 : local * half + magnitude - 1 - lower
                            selectedCopy[count] = Int32(truncatingIfNeeded: copy)
                            selectedBucket[count] = Int32(truncatingIfNeeded: digit < 0 ? ~bucket : bucket)
                            count &+= UInt(bitPattern: bucket) < UInt(sliceCount) ? 1 : 0
                        }
                    }
                    let pointRow = indices[k] * copies
                    for entry in 0..<count {
                        let point = points[pointRow + Int(selectedCopy[entry])]
                        let bucket = Int(selectedBucket[entry])
                        if bucket >= 0 {
                            accumulator.add(x: point.x, y: point.y, to: bucket)
                        } else {
                            accumulator.add(x: point.x, y: -point.y, to: ~bucket)
                        }
                        if accumulator.isFull { accumulator.flush() }
                    }
                }
            }
        }
        accumulator.finish()
        accumulator.foldOverflow()
        for local in firstWindow...lastWindow {
            // Buckets begin..<end of the window, digits begin − local·half + 1 onwards: weights shifted by
            // begin − local·half.
            let begin = max(lower, local * half)
            let end = min(slice.upperBound, (local + 1) * half)
            let (weighted, sum) = accumulator.reduce(offset: begin - lower, count: end - begin)
            let shift = begin - local * half
            windowSums[part * perCopy + local] =
                shift == 0 ? weighted : weighted + sum.multiplied(by: UInt256(UInt64(shift)))
        }
    }

    /// Σ scalars[i]·bases[i], once every part has run.
    @inlinable
    public func result() -> JacobianPoint<Affine> {
        let perCopy = table.windowsPerCopy
        var result = JacobianPoint<Affine>.infinity
        for window in stride(from: perCopy - 1, through: 0, by: -1) {
            if !result.isInfinity {
                for _ in 0..<table.width { result = result.doubled() }
            }
            for part in 0..<slices.count { result += windowSums[part * perCopy + window] }
        }
        return result + ones
    }

    /// Runs every part, concurrently on the available cores, and returns the sum.
    @inlinable
    public func runAll() -> JacobianPoint<Affine> {
        if partCount > 0 { ParallelWork.run(workers: partCount) { part in self.run(part: part) } }
        return result()
    }
}
