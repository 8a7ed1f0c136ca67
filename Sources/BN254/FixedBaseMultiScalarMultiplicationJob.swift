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
    /// For each part: the local windows (in 0..<windowsPerCopy) it computes.
    @usableFromInline let parts: [[Int]]
    /// One sum per local window, written by the part that owns the window.
    @usableFromInline let windowSums: UnsafeMutableBufferPointer<JacobianPoint<Affine>>

    /// The number of independent parts; run each once with ``run(part:)``.
    public var partCount: Int { parts.count }

    /// Prepares Σ scalars[i]·bases[i] for the bases of `table`, its local windows dealt to at most
    /// `parts` parts.
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
        let split = indices.isEmpty ? 0 : max(1, min(parts, table.windowsPerCopy))
        self.parts = (0..<split).map { part in Array(stride(from: part, to: table.windowsPerCopy, by: split)) }
        self.table = table
        self.ones = ones
        self.indices = indices
        windowSums = .allocate(capacity: table.windowsPerCopy)
        windowSums.initialize(repeating: .infinity)
    }

    deinit {
        digits.deallocate()
        windowSums.deallocate()
    }

    /// Computes the window sums of part `part` (in 0..<``partCount``). Distinct parts may run concurrently.
    @inlinable
    public func run(part: Int) {
        let windows = parts[part]
        let half = 1 << (table.width - 1)
        let bucketCount = windows.count * half
        var accumulator = AffineBucketAccumulator<Affine>(
            bucketCount: bucketCount, capacity: min(1024, max(16, bucketCount / 2)))
        defer { accumulator.deallocate() }
        let copies = table.copyCount
        let perCopy = table.windowsPerCopy
        let windowCount = table.windowCount
        table.points.withUnsafeBufferPointer { points in
            indices.withUnsafeBufferPointer { indices in
                windows.withUnsafeBufferPointer { windowList in
                    let digitBase = digits.baseAddress.unsafelyUnwrapped
                    for k in 0..<indices.count {
                        let row = digitBase + k * windowCount
                        let pointRow = indices[k] * copies
                        for copy in 0..<copies {
                            var offset = 0
                            for local in 0..<windowList.count {
                                let digit = Int(row[copy * perCopy + windowList[local]])
                                if digit != 0 {
                                    let point = points[pointRow + copy]
                                    if !point.isInfinity {
                                        if digit > 0 {
                                            accumulator.add(x: point.x, y: point.y, to: offset + digit - 1)
                                        } else {
                                            accumulator.add(x: point.x, y: -point.y, to: offset - digit - 1)
                                        }
                                        if accumulator.isFull { accumulator.flush() }
                                    }
                                }
                                offset += half
                            }
                        }
                    }
                }
            }
        }
        accumulator.finish()
        for (local, window) in windows.enumerated() {
            windowSums[window] = accumulator.weightedSum(offset: local * half, count: half)
        }
    }

    /// Σ scalars[i]·bases[i], once every part has run.
    @inlinable
    public func result() -> JacobianPoint<Affine> {
        var result = JacobianPoint<Affine>.infinity
        for window in stride(from: table.windowsPerCopy - 1, through: 0, by: -1) {
            if !result.isInfinity {
                for _ in 0..<table.width { result = result.doubled() }
            }
            result += windowSums[window]
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
