/// Multi-scalar multiplication Σ sᵢ·Pᵢ by Pippenger's bucket method with signed digits.
///
/// Scalars are converted out of Montgomery form once. Scalars 0 are skipped and scalars 1 are summed
/// directly with mixed additions (half of a commitment circuit's witness is bits); scalars below
/// 2^64 get their own pass with a quarter of the windows; the rest go through full-width buckets.
/// For a window width c (chosen by an operation-count model), each scalar is recoded into signed
/// digits in (−2^(c−1), 2^(c−1)], each window adds every base (or its negation) into one of 2^(c−1)
/// buckets, and the buckets are combined by a running sum. From 128 points on, buckets are affine
/// and filled with batched affine additions (``AffineBucketAccumulator``); below that, with mixed
/// Jacobian additions. Windows are independent and are shared among the available cores
/// (``MultiScalarMultiplicationJob`` exposes that split to callers with several MSMs).
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
        try MultiScalarMultiplicationJob(bases: bases, scalars: scalars, partsPerSet: ParallelWork.coreCount)
            .runAll()
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

    /// One window: bucket accumulation with mixed additions, then the running-sum combination
    /// Σ j·bucket[j] with 2·2^(c−1) full additions.
    @inlinable
    static func windowSum(
        bases: UnsafeMutableBufferPointer<Affine>, digits: UnsafeMutableBufferPointer<Int32>, window: Int,
        windowCount: Int, buckets: UnsafeMutableBufferPointer<Self>
    ) -> Self {
        for index in buckets.indices { buckets[index] = .infinity }
        for index in 0..<bases.count {
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
        bases: UnsafeMutableBufferPointer<Affine>, digits: UnsafeMutableBufferPointer<Int32>, windowCount: Int,
        width: Int, windows: [Int]
    ) -> [Self] {
        let half = 1 << (width - 1)
        let bucketCount = windows.count * half
        // No second wait for deferred points: this MSM's narrow windows (c ≈ 7) leave its top window
        // a few bits wide, whose handful of buckets would make waiting points force flush after flush
        // (g1.msm 1024 measured 5 % slower with waits).
        var accumulator = AffineBucketAccumulator<Affine>(
            bucketCount: bucketCount, capacity: min(512, max(16, bucketCount / 4)), waitLimit: 0)
        defer { accumulator.deallocate() }
        let windowCountHere = windows.count
        windows.withUnsafeBufferPointer { windowList in
            let digitBase = digits.baseAddress.unsafelyUnwrapped
            for index in 0..<bases.count {
                let base = bases[index]
                let x = base.x
                let y = base.y
                let negativeY = -y
                let row = digitBase + index * windowCount
                var offset = 0
                for local in 0..<windowCountHere {
                    let digit = Int(row[windowList[local]])
                    if digit > 0 {
                        accumulator.add(x: x, y: y, to: offset + digit - 1)
                    } else if digit < 0 {
                        accumulator.add(x: x, y: negativeY, to: offset - digit - 1)
                    }
                    if accumulator.isFull { accumulator.flush() }
                    offset += half
                }
            }
        }
        accumulator.finish()
        accumulator.foldOverflow()
        return (0..<windowCountHere).map { local in accumulator.reduce(offset: local * half, count: half).weighted }
    }

    /// Signed base-2^c digits of every scalar, point-major (`digits[i·windowCount + window]`), each in
    /// (−2^(c−1), 2^(c−1)]; the top window absorbs the last carry.
    @inlinable
    static func signedDigits(_ scalars: [UInt256], width: Int, windowCount: Int) -> [Int32] {
        let count = scalars.count
        var digits = [Int32](repeating: 0, count: count * windowCount)
        let half = 1 << (width - 1)
        let mask = UInt64((1 << width) - 1)
        digits.withUnsafeMutableBufferPointer { output in
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
                        output[index * windowCount + window] = Int32(value - (1 << width))
                        carry = 1
                    } else {
                        output[index * windowCount + window] = Int32(value)
                        carry = 0
                    }
                }
            }
        }
        return digits
    }
}
