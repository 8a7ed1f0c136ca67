/// Pippenger buckets kept in affine coordinates and filled with batched affine additions.
///
/// Adding a point to an affine bucket needs one division; collecting up to `capacity` such
/// additions and inverting all their denominators at once (Montgomery's trick) brings the cost to
/// about 6 multiplications per addition instead of the 11 of a mixed Jacobian addition. A bucket
/// already waiting in the current batch cannot take a second point, so such points are deferred to
/// the next batch. Equal points are doubled and opposite points empty the bucket.
@usableFromInline
struct AffineBucketAccumulator<Affine: AffineCurvePoint> {
    @usableFromInline typealias Field = Affine.Field

    /// Bucket x-coordinates.
    @usableFromInline var x: [Field]
    /// Bucket y-coordinates.
    @usableFromInline var y: [Field]
    /// 0 = empty, 1 = holds a point, 2 = holds a point and has an addition pending in the batch.
    @usableFromInline var state: [UInt8]
    /// The batch: target bucket and the point to add.
    @usableFromInline var pendingBucket: [Int]
    @usableFromInline var pendingX: [Field]
    @usableFromInline var pendingY: [Field]
    /// Denominators, then their inverses; and the prefix products of the batch inversion.
    @usableFromInline var inverses: [Field]
    @usableFromInline var prefixes: [Field]
    /// Points whose bucket was busy, for the next batch.
    @usableFromInline var deferredBucket: [Int]
    @usableFromInline var deferredPoint: [Affine]
    /// The batch size at which the caller should flush.
    @usableFromInline let capacity: Int

    /// Empty buckets.
    @inlinable
    init(bucketCount: Int, capacity: Int) {
        x = [Field](repeating: .zero, count: bucketCount)
        y = [Field](repeating: .zero, count: bucketCount)
        state = [UInt8](repeating: 0, count: bucketCount)
        pendingBucket = []
        pendingX = []
        pendingY = []
        inverses = []
        prefixes = []
        deferredBucket = []
        deferredPoint = []
        self.capacity = capacity
        pendingBucket.reserveCapacity(capacity)
        pendingX.reserveCapacity(capacity)
        pendingY.reserveCapacity(capacity)
        inverses.reserveCapacity(capacity)
        prefixes.reserveCapacity(capacity)
    }

    /// Whether the batch is full and should be flushed.
    @inlinable
    var isFull: Bool { pendingBucket.count >= capacity }

    /// Schedules bucket[index] += point (a finite point).
    @inlinable
    mutating func add(_ point: Affine, to index: Int) {
        switch state[index] {
        case 0:
            x[index] = point.x
            y[index] = point.y
            state[index] = 1
        case 1:
            pendingBucket.append(index)
            pendingX.append(point.x)
            pendingY.append(point.y)
            state[index] = 2
        default:
            deferredBucket.append(index)
            deferredPoint.append(point)
        }
    }

    /// Performs the pending additions with one inversion, then schedules the deferred points.
    @inlinable
    mutating func flush() {
        let count = pendingBucket.count
        if count > 0 {
            inverses.removeAll(keepingCapacity: true)
            prefixes.removeAll(keepingCapacity: true)
            var accumulator = Field.one
            for k in 0..<count {
                let b = pendingBucket[k]
                var denominator = pendingX[k] - x[b]
                if denominator.isZero {
                    denominator = pendingY[k] == y[b] ? y[b].doubled() : .one
                }
                inverses.append(denominator)
                prefixes.append(accumulator)
                accumulator = accumulator * denominator
            }
            var inverse = accumulator.inverse() ?? .zero
            var k = count - 1
            while k >= 0 {
                let denominator = inverses[k]
                inverses[k] = inverse * prefixes[k]
                inverse = inverse * denominator
                k -= 1
            }
            for k in 0..<count {
                let b = pendingBucket[k]
                let x1 = x[b]
                let y1 = y[b]
                let x2 = pendingX[k]
                let y2 = pendingY[k]
                let lambda: Field
                if x1 != x2 {
                    lambda = (y2 - y1) * inverses[k]
                } else if y1 == y2 {
                    let xSquared = x1.squared()
                    lambda = (xSquared.doubled() + xSquared) * inverses[k]
                } else {
                    state[b] = 0
                    continue
                }
                let x3 = lambda.squared() - x1 - x2
                y[b] = lambda * (x1 - x3) - y1
                x[b] = x3
                state[b] = 1
            }
            pendingBucket.removeAll(keepingCapacity: true)
            pendingX.removeAll(keepingCapacity: true)
            pendingY.removeAll(keepingCapacity: true)
        }
        if !deferredBucket.isEmpty {
            let buckets = deferredBucket
            let points = deferredPoint
            deferredBucket.removeAll(keepingCapacity: true)
            deferredPoint.removeAll(keepingCapacity: true)
            for index in buckets.indices { add(points[index], to: buckets[index]) }
        }
    }

    /// Flushes until no addition is pending or deferred.
    @inlinable
    mutating func finish() {
        while !pendingBucket.isEmpty || !deferredBucket.isEmpty { flush() }
    }

    /// Σ j·bucket[offset + j − 1] for j = 1…count, by a running sum from the top bucket down.
    @inlinable
    func weightedSum(offset: Int, count: Int) -> JacobianPoint<Affine> {
        var running = JacobianPoint<Affine>.infinity
        var total = JacobianPoint<Affine>.infinity
        var index = offset + count - 1
        while index >= offset {
            if state[index] != 0 { running = running.adding(Affine(x: x[index], y: y[index])) }
            total += running
            index -= 1
        }
        return total
    }
}
