/// Bucket reduction Σ j·bucket[j] with batched affine additions.
///
/// The classic running sum (running += bucket, total += running, from the top bucket down) costs a
/// mixed and a full Jacobian addition per bucket, about 27 multiplications in G1: with wide windows
/// that is a fifth of a fixed-base MSM. Here the buckets are cut into K chunks of S consecutive
/// buckets whose running sums advance in lockstep: each step adds, for every chunk at once, the
/// chunk's running sum to its total and the chunk's next bucket to its running sum — 2K independent
/// affine additions that share one inversion (``AffineBucketAccumulator/flush()``). The chunks'
/// results combine as Σ_t T_t + S·Σ_t t·R_t with a short Jacobian running sum over the K chunks.
/// With K ≈ √(10·count) this costs about two batched additions (≈ 6 multiplications each in G1) plus
/// a share of one inversion per bucket.
extension AffineBucketAccumulator {
    /// Adds the Jacobian overflow buckets into the affine buckets (one batch normalisation and one
    /// round of batched additions; each bucket takes at most one point, so nothing is deferred) and
    /// releases them, so that every bucket is one affine point or empty. Call after ``finish()``.
    @inlinable
    mutating func foldOverflow() {
        guard let buckets = overflow else { return }
        var indices: [Int] = []
        var points: [JacobianPoint<Affine>] = []
        for index in 0..<bucketCount where !buckets[index].isInfinity {
            indices.append(index)
            points.append(buckets[index])
        }
        buckets.deallocate()
        overflow = nil
        let affine = JacobianPoint<Affine>.batchNormalise(points)
        for (index, point) in zip(indices, affine) where !point.isInfinity {
            add(x: point.x, y: point.y, to: index)
            if isFull { flush() }
        }
        finish()
    }

    /// Σ j·bucket[offset + j − 1] for j = 1…count (`weighted`) and Σ bucket[offset + j − 1] (`sum`).
    /// - Precondition: no overflow bucket is in use (``foldOverflow()`` was called after the last flush).
    @inlinable
    func reduce(offset: Int, count: Int) -> (weighted: JacobianPoint<Affine>, sum: JacobianPoint<Affine>) {
        reduce(offset: offset, count: count, chunks: Self.reductionChunkCount(forCount: count))
    }

    /// ``reduce(offset:count:)`` with `chunks` lockstep running sums (1: the plain running sum; tests
    /// choose the count to reach every path with few buckets).
    @inlinable
    func reduce(
        offset: Int, count: Int, chunks requested: Int
    ) -> (weighted: JacobianPoint<Affine>, sum: JacobianPoint<Affine>) {
        precondition(overflow == nil, "fold the overflow buckets before reducing")
        let chunks = min(requested, count)
        if chunks <= 1 { return runningSums(offset: offset, count: count) }
        let length = (count + chunks - 1) / chunks
        // Lane t holds chunk t's running sum; lane chunks + t holds its total.
        var lanes = AffineBucketAccumulator(bucketCount: 2 * chunks, capacity: 2 * chunks)
        defer { lanes.deallocate() }
        for step in 0...length {
            let position = length - 1 - step
            for chunk in 0..<chunks {
                // The total takes the running sum as it was before this step's bucket joins it.
                if lanes.state[chunk] != 0 {
                    lanes.schedule(x: lanes.x[chunk], y: lanes.y[chunk], to: chunks + chunk, deferring: true)
                }
                let bucket = chunk * length + position
                if position >= 0 && bucket < count && state[offset + bucket] != 0 {
                    lanes.schedule(x: x[offset + bucket], y: y[offset + bucket], to: chunk, deferring: true)
                }
            }
            lanes.flush()
        }
        // Σ_t t·R_t by a running sum over the chunks, then Σ_t T_t + length·Σ_t t·R_t.
        var running = JacobianPoint<Affine>.infinity
        var weightedRunning = JacobianPoint<Affine>.infinity
        var totals = JacobianPoint<Affine>.infinity
        for chunk in stride(from: chunks - 1, through: 0, by: -1) {
            if lanes.state[chunk] != 0 { running = running.adding(Affine(x: lanes.x[chunk], y: lanes.y[chunk])) }
            if chunk > 0 { weightedRunning += running }
            if lanes.state[chunks + chunk] != 0 {
                totals = totals.adding(Affine(x: lanes.x[chunks + chunk], y: lanes.y[chunks + chunk]))
            }
        }
        let weighted = totals + weightedRunning.multiplied(by: UInt256(UInt64(length)))
        return (weighted, running)
    }

    /// The chunk count K for reducing `count` buckets: about √(10·count) in G1 (one inversion per step
    /// against three Jacobian additions per chunk), √(4·count) in G2 (whose Jacobian additions weigh
    /// more against the Fq inversion of the norms); 1 (the plain running sum, 27 multiplications per
    /// bucket in G1) below 512 buckets in G1 and 256 in G2, where the inversions per step and the chunk
    /// combination outweigh the saving (operation counts; the general MSM's 64-bucket windows measured
    /// 15 % slower batched).
    @inlinable
    static func reductionChunkCount(forCount count: Int) -> Int {
        let isPrimeField = Field.self == Field.NormField.self
        if count < (isPrimeField ? 512 : 256) { return 1 }
        let factor = isPrimeField ? 10.0 : 4.0
        return max(1, Int((factor * Double(count)).squareRoot()))
    }

    /// The plain running sums from the top bucket down (mixed and full Jacobian additions).
    @inlinable
    func runningSums(offset: Int, count: Int) -> (weighted: JacobianPoint<Affine>, sum: JacobianPoint<Affine>) {
        var running = JacobianPoint<Affine>.infinity
        var total = JacobianPoint<Affine>.infinity
        var index = offset + count - 1
        while index >= offset {
            if state[index] != 0 { running = running.adding(Affine(x: x[index], y: y[index])) }
            total += running
            index -= 1
        }
        return (total, running)
    }
}
