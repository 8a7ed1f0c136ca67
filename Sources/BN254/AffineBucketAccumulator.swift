/// Pippenger buckets kept in affine coordinates and filled with batched affine additions.
///
/// Adding a point to an affine bucket needs one division; collecting up to `capacity` such
/// additions and inverting all their denominators at once (Montgomery's trick) brings the cost to
/// about 6 multiplications per addition instead of the 11 of a mixed Jacobian addition. A bucket
/// already waiting in the current batch cannot take a second point, so such points are deferred to
/// the next batch; a deferred point that finds its bucket busy again waits once more while fewer
/// than `waitLimit` points wait (half a batch by default; none for the general MSM, whose narrow top
/// window would make waiting points force flush after flush), and otherwise goes into a Jacobian
/// overflow bucket (a mixed addition), so that a window with very few buckets (the top window holds
/// the scalars' last bits) cannot force a flush, and an inversion, every few points. (Sending every
/// second collision to the overflow cost a fixed-base MSM with 2^12 buckets per part and batches of
/// 1024 about 11 % of its additions as mixed additions plus a final fold; see docs/BENCHMARKS.md.)
/// Equal points are doubled and opposite points empty the bucket.
///
/// The storage is raw memory owned by the accumulator (no array bounds or uniqueness checks in the
/// inner loops): create it with ``init(bucketCount:capacity:)`` and release it with
/// ``deallocate()`` exactly once, on the thread that owns it.
@usableFromInline
struct AffineBucketAccumulator<Affine: AffineCurvePoint> {
    @usableFromInline typealias Field = Affine.Field

    /// Bucket x- and y-coordinates.
    @usableFromInline let x: UnsafeMutablePointer<Field>
    @usableFromInline let y: UnsafeMutablePointer<Field>
    /// 0 = empty, 1 = holds a point, 2 = holds a point and has an addition pending in the batch.
    @usableFromInline let state: UnsafeMutablePointer<UInt8>
    /// The batch: target bucket and the point to add.
    @usableFromInline let pendingBucket: UnsafeMutablePointer<Int32>
    @usableFromInline let pendingX: UnsafeMutablePointer<Field>
    @usableFromInline let pendingY: UnsafeMutablePointer<Field>
    /// The norms of the batch's denominators (``CurveField/inversionNorm``: the denominators
    /// themselves in Fq, their Fq norms in Fq2) and the prefix products of their batch inversion.
    @usableFromInline let norms: UnsafeMutablePointer<Field.NormField>
    @usableFromInline let prefixes: UnsafeMutablePointer<Field.NormField>
    /// Points whose bucket was busy, for the next batch.
    @usableFromInline let deferredBucket: UnsafeMutablePointer<Int32>
    @usableFromInline let deferredX: UnsafeMutablePointer<Field>
    @usableFromInline let deferredY: UnsafeMutablePointer<Field>
    /// Jacobian buckets for points deferred twice, allocated on first use (all at infinity).
    @usableFromInline var overflow: UnsafeMutablePointer<JacobianPoint<Affine>>?
    @usableFromInline var pendingCount = 0
    @usableFromInline var deferredCount = 0
    /// The number of buckets.
    @usableFromInline let bucketCount: Int
    /// The batch size at which the caller should flush (pending or deferred).
    @usableFromInline let capacity: Int
    /// How many deferred points may wait a second time at a flush (the rest go to the overflow).
    @usableFromInline let waitLimit: Int

    /// Empty buckets (at most 2^31 of them), flushed at `capacity` pending or deferred points, of which
    /// up to `waitLimit` (default half a batch) may be deferred a second time.
    @inlinable
    init(bucketCount: Int, capacity: Int, waitLimit: Int? = nil) {
        self.bucketCount = bucketCount
        self.capacity = capacity
        self.waitLimit = waitLimit ?? capacity / 2
        x = .allocate(capacity: bucketCount)
        y = .allocate(capacity: bucketCount)
        state = .allocate(capacity: bucketCount)
        state.initialize(repeating: 0, count: bucketCount)
        pendingBucket = .allocate(capacity: capacity)
        pendingX = .allocate(capacity: capacity)
        pendingY = .allocate(capacity: capacity)
        norms = .allocate(capacity: capacity)
        prefixes = .allocate(capacity: capacity)
        deferredBucket = .allocate(capacity: capacity)
        deferredX = .allocate(capacity: capacity)
        deferredY = .allocate(capacity: capacity)
    }

    /// Releases the memory; the accumulator must not be used afterwards.
    @inlinable
    func deallocate() {
        x.deallocate()
        y.deallocate()
        state.deallocate()
        pendingBucket.deallocate()
        pendingX.deallocate()
        pendingY.deallocate()
        norms.deallocate()
        prefixes.deallocate()
        deferredBucket.deallocate()
        deferredX.deallocate()
        deferredY.deallocate()
        overflow?.deallocate()
    }

    /// Whether the batch (or the deferred list) is full and should be flushed.
    @inlinable
    var isFull: Bool { pendingCount >= capacity || deferredCount >= capacity }

    /// Schedules bucket[index] += (pointX, pointY) (a finite point).
    @inlinable @inline(__always)
    mutating func add(x pointX: Field, y pointY: Field, to index: Int) {
        schedule(x: pointX, y: pointY, to: index, deferring: true)
    }

    /// Schedules bucket[index] += (pointX, pointY): into the batch if the bucket is free, else
    /// deferred (`deferring`) or added to the bucket's Jacobian overflow.
    @inlinable @inline(__always)
    mutating func schedule(x pointX: Field, y pointY: Field, to index: Int, deferring: Bool) {
        switch state[index] {
        case 0:
            (x + index).initialize(to: pointX)
            (y + index).initialize(to: pointY)
            state[index] = 1
        case 1:
            pendingBucket[pendingCount] = Int32(truncatingIfNeeded: index)
            (pendingX + pendingCount).initialize(to: pointX)
            (pendingY + pendingCount).initialize(to: pointY)
            pendingCount += 1
            state[index] = 2
        default:
            if deferring {
                deferredBucket[deferredCount] = Int32(truncatingIfNeeded: index)
                (deferredX + deferredCount).initialize(to: pointX)
                (deferredY + deferredCount).initialize(to: pointY)
                deferredCount += 1
            } else {
                addToOverflow(x: pointX, y: pointY, index: index)
            }
        }
    }

    /// overflow[index] += (pointX, pointY), allocating the overflow buckets on first use.
    @inlinable
    mutating func addToOverflow(x pointX: Field, y pointY: Field, index: Int) {
        let buckets: UnsafeMutablePointer<JacobianPoint<Affine>>
        if let overflow {
            buckets = overflow
        } else {
            buckets = .allocate(capacity: bucketCount)
            buckets.initialize(repeating: .infinity, count: bucketCount)
            overflow = buckets
        }
        buckets[index] = buckets[index].adding(Affine(x: pointX, y: pointY))
    }

    /// The norm of the denominator of pending addition k: x2 − x1, or 2·y1 for a doubling, or one
    /// for opposite points (which need no inversion).
    @inlinable @inline(__always)
    func denominatorNorm(_ k: Int) -> Field.NormField {
        let b = Int(pendingBucket[k])
        var denominator = pendingX[k] - x[b]
        if denominator.isZero {
            denominator = pendingY[k] == y[b] ? y[b].doubled() : .one
        }
        return denominator.inversionNorm
    }

    /// Performs pending addition k given the inverse of its denominator's norm.
    @inlinable @inline(__always)
    func apply(_ k: Int, normInverse: Field.NormField) {
        let b = Int(pendingBucket[k])
        let x1 = x[b]
        let y1 = y[b]
        let x2 = pendingX[k]
        let y2 = pendingY[k]
        let dx = x2 - x1
        let lambda: Field
        if !dx.isZero {
            lambda = (y2 - y1) * dx.inverse(normInverse: normInverse)
        } else if y1 == y2 {
            let xSquared = x1.squared()
            lambda = (xSquared.doubled() + xSquared) * y1.doubled().inverse(normInverse: normInverse)
        } else {
            state[b] = 0
            return
        }
        let x3 = lambda.squared() - x1 - x2
        y[b] = lambda * (x1 - x3) - y1
        x[b] = x3
        state[b] = 1
    }

    /// Performs the pending additions with one inversion, then schedules the deferred points.
    ///
    /// The batch inversion runs in ``CurveField/NormField`` (Fq also for G2: inverting norms costs
    /// fewer multiplications than inverting in Fq2) with two interleaved prefix chains, so that
    /// consecutive chain multiplications are independent and overlap in the CPU; the backward pass
    /// completes each addition as soon as its inverse is known.
    @inlinable
    mutating func flush() {
        let count = pendingCount
        if count > 0 {
            var even = Field.NormField.one
            var odd = Field.NormField.one
            var k = 0
            while k + 1 < count {
                let evenNorm = denominatorNorm(k)
                let oddNorm = denominatorNorm(k + 1)
                norms[k] = evenNorm
                norms[k + 1] = oddNorm
                prefixes[k] = even
                prefixes[k + 1] = odd
                even = even * evenNorm
                odd = odd * oddNorm
                k += 2
            }
            if k < count {
                let evenNorm = denominatorNorm(k)
                norms[k] = evenNorm
                prefixes[k] = even
                even = even * evenNorm
            }
            let inverse = (even * odd).inverse() ?? .zero
            var evenInverse = inverse * odd
            var oddInverse = inverse * even
            k = count - 1
            if count & 1 == 1 {
                apply(k, normInverse: evenInverse * prefixes[k])
                evenInverse = evenInverse * norms[k]
                k -= 1
            }
            while k > 0 {
                apply(k, normInverse: oddInverse * prefixes[k])
                oddInverse = oddInverse * norms[k]
                apply(k - 1, normInverse: evenInverse * prefixes[k - 1])
                evenInverse = evenInverse * norms[k - 1]
                k -= 2
            }
            pendingCount = 0
        }
        // Re-schedule the deferred points. A point whose bucket is busy again may wait once more while
        // fewer than half a batch wait (compacted in place: entry k is read before entry ≤ k is
        // written); beyond that it goes to the overflow, so that a few crowded buckets cannot force a
        // flush, and an inversion, every few points.
        let deferred = deferredCount
        deferredCount = 0
        for k in 0..<deferred {
            schedule(
                x: deferredX[k], y: deferredY[k], to: Int(deferredBucket[k]), deferring: deferredCount < waitLimit)
        }
    }

    /// Flushes until no addition is pending or deferred.
    @inlinable
    mutating func finish() {
        while pendingCount > 0 || deferredCount > 0 { flush() }
    }
}
