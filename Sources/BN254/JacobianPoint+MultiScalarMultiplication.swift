/// Multi-scalar multiplication Σ sᵢ·Pᵢ by Pippenger's bucket method with signed digits.
///
/// Scalars are converted out of Montgomery form once. Scalars 0 are skipped and scalars 1 are summed
/// directly with mixed additions (half of a commitment circuit's witness is bits); scalars below
/// 2^64 get their own pass with a quarter of the windows; the rest go through full-width buckets.
/// For a window width c (chosen by an operation-count model), each scalar is recoded into signed
/// digits in (−2^(c−1), 2^(c−1)], each window adds every base (or its negation) into one of 2^(c−1)
/// buckets, and the buckets are combined by a running sum. From 128 points on, buckets are affine
/// and filled with batched affine additions (``AffineBucketAccumulator``); below that, with mixed
/// Jacobian additions. Windows are independent and are shared among the available cores.
///
/// Timing reveals how many scalars are 0, 1 or below 2^64 and the digits' zero pattern: MSM inputs
/// are not protected against timing observers.
extension JacobianPoint {
    /// Σ scalars[i]·bases[i].
    ///
    /// The bases must be points of the group (as every decoder guarantees): the batched affine
    /// formulas assume no point has y = 0, which holds in G1 and G2. Points at infinity are skipped.
    /// - Throws: ``BN254Error`` `.sizeMismatch` when the arrays have different lengths.
    @inlinable
    public static func multiScalarMultiplication(bases: [Affine], scalars: [Fr]) throws(BN254Error) -> Self {
        guard bases.count == scalars.count else {
            throw BN254Error(
                .sizeMismatch,
                "MSM needs as many scalars as bases, got \(scalars.count) scalars and \(bases.count) bases")
        }
        var ones = Self.infinity
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
        var result = ones
        if !smallBases.isEmpty { result += pippenger(bases: smallBases, scalars: smallScalars, bits: 64) }
        if !largeBases.isEmpty { result += pippenger(bases: largeBases, scalars: largeScalars, bits: 254) }
        return result
    }

    /// The window width c minimising the operation count (bits/c + 1)·(a·count + 27·2^(c−1)): one
    /// bucket addition (a ≈ 11 multiplications mixed, ≈ 7 batched affine) per point and window, and
    /// two additions per bucket and window to combine the buckets.
    @inlinable
    static func windowWidth(forCount count: Int, bits: Int, additionCost: Int) -> Int {
        var best = 2
        var bestCost = Int.max
        for width in 2...16 {
            let cost = (bits / width + 1) * (additionCost * count + 27 * (1 << (width - 1)))
            if cost < bestCost {
                best = width
                bestCost = cost
            }
        }
        return best
    }

    /// Pippenger over canonical scalars below 2^bits (every base finite, every scalar non-zero),
    /// with `bits` ≤ 254.
    @inlinable
    static func pippenger(bases: [Affine], scalars: [UInt256], bits: Int) -> Self {
        let count = bases.count
        let useBatchAffine = count >= batchAffineThreshold
        let width = windowWidth(forCount: count, bits: bits, additionCost: useBatchAffine ? 7 : 11)
        let windowCount = bits / width + 1
        let digits = signedDigits(scalars, width: width, windowCount: windowCount)
        var windowSums = [Self](repeating: .infinity, count: windowCount)
        let workers = count >= 32 ? min(windowCount, ParallelWork.coreCount) : 1
        var digitStorage = digits
        var baseStorage = bases
        baseStorage.withUnsafeMutableBufferPointer { basePointer in
            digitStorage.withUnsafeMutableBufferPointer { digitPointer in
                windowSums.withUnsafeMutableBufferPointer { sumPointer in
                    let sharedBases = SharedBuffer(basePointer)
                    let sharedDigits = SharedBuffer(digitPointer)
                    let sharedSums = SharedBuffer(sumPointer)
                    ParallelWork.run(workers: workers) { worker in
                        let windows = Array(stride(from: worker, to: windowCount, by: workers))
                        if useBatchAffine {
                            let sums = batchAffineWindowSums(
                                bases: sharedBases, digits: sharedDigits, count: count, windowCount: windowCount,
                                width: width, windows: windows)
                            for (local, window) in windows.enumerated() { sharedSums[window] = sums[local] }
                            return
                        }
                        var buckets = [Self](repeating: .infinity, count: 1 << (width - 1))
                        buckets.withUnsafeMutableBufferPointer { bucketPointer in
                            for window in windows {
                                sharedSums[window] = windowSum(
                                    bases: sharedBases, digits: sharedDigits, window: window, windowCount: windowCount,
                                    count: count, buckets: bucketPointer)
                            }
                        }
                    }
                }
            }
        }
        var result = Self.infinity
        for window in stride(from: windowCount - 1, through: 0, by: -1) {
            if !result.isInfinity {
                for _ in 0..<width { result = result.doubled() }
            }
            result += windowSums[window]
        }
        return result
    }

    /// One window: bucket accumulation with mixed additions, then the running-sum combination
    /// Σ j·bucket[j] with 2·2^(c−1) full additions.
    @inlinable
    static func windowSum(
        bases: SharedBuffer<Affine>, digits: SharedBuffer<Int32>, window: Int, windowCount: Int,
        count: Int, buckets: UnsafeMutableBufferPointer<Self>
    ) -> Self {
        for index in buckets.indices { buckets[index] = .infinity }
        for index in 0..<count {
            let digit = Int(digits[index * windowCount + window])
            if digit > 0 {
                buckets[digit - 1] = buckets[digit - 1].adding(bases[index])
            } else if digit < 0 {
                buckets[-digit - 1] = buckets[-digit - 1].adding(-bases[index])
            }
        }
        var running = Self.infinity
        var total = Self.infinity
        for index in stride(from: buckets.count - 1, through: 0, by: -1) {
            running += buckets[index]
            total += running
        }
        return total
    }

    /// The point count from which buckets are filled with batched affine additions.
    @inlinable
    static var batchAffineThreshold: Int { 128 }

    /// The window sums of `windows` with affine buckets for all of them at once, so that one batch
    /// inversion serves additions into many windows' buckets.
    @inlinable
    static func batchAffineWindowSums(
        bases: SharedBuffer<Affine>, digits: SharedBuffer<Int32>, count: Int, windowCount: Int, width: Int,
        windows: [Int]
    ) -> [Self] {
        let half = 1 << (width - 1)
        let bucketCount = windows.count * half
        var accumulator = AffineBucketAccumulator<Affine>(
            bucketCount: bucketCount, capacity: min(512, max(16, bucketCount / 4)))
        for index in 0..<count {
            let base = bases[index]
            let row = index * windowCount
            for local in windows.indices {
                let digit = Int(digits[row + windows[local]])
                if digit > 0 {
                    accumulator.add(base, to: local * half + digit - 1)
                } else if digit < 0 {
                    accumulator.add(-base, to: local * half - digit - 1)
                }
                if accumulator.isFull { accumulator.flush() }
            }
        }
        accumulator.finish()
        return windows.indices.map { local in accumulator.weightedSum(offset: local * half, count: half) }
    }

    /// Signed base-2^c digits of every scalar, point-major (`digits[i·windowCount + window]`), each in
    /// (−2^(c−1), 2^(c−1)]; the top window absorbs the last carry.
    @inlinable
    static func signedDigits(_ scalars: [UInt256], width: Int, windowCount: Int) -> [Int32] {
        let count = scalars.count
        var digits = [Int32](repeating: 0, count: count * windowCount)
        let half = 1 << (width - 1)
        let mask = UInt64((1 << width) - 1)
        for index in 0..<count {
            let scalar = scalars[index]
            var carry = 0
            for window in 0..<windowCount {
                let bit = window * width
                var value = 0
                if bit < 256 {
                    let limb = bit >> 6
                    let shift = UInt64(bit & 63)
                    var raw = scalar[limb: limb] >> shift
                    if shift + UInt64(width) > 64 && limb < 3 {
                        raw |= scalar[limb: limb + 1] << (64 - shift)
                    }
                    value = Int(raw & mask)
                }
                value += carry
                if value > half && window < windowCount - 1 {
                    digits[index * windowCount + window] = Int32(value - (1 << width))
                    carry = 1
                } else {
                    digits[index * windowCount + window] = Int32(value)
                    carry = 0
                }
            }
        }
        return digits
    }
}
