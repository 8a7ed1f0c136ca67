/// Radix-2 FFTs over an ``EvaluationDomain``: in place, bit-reversed input order, iterative
/// Cooley–Tukey butterflies with precomputed twiddles, stages split across cores for large sizes.
extension EvaluationDomain {
    /// Sizes from which a stage's butterflies are shared among cores.
    @usableFromInline
    static var parallelThreshold: Int { 1 << 11 }

    /// Replaces polynomial coefficients (lowest degree first, at most n of them; missing ones are
    /// zero) by the evaluations at ω⁰…ω^(n−1).
    /// - Throws: ``BN254Error`` `.sizeMismatch` when there are more than n coefficients.
    public func fft(_ values: inout [Fr]) throws(BN254Error) {
        try pad(&values)
        Self.transform(&values, twiddles: twiddles)
    }

    /// Replaces evaluations at ω⁰…ω^(n−1) by the coefficients of the interpolating polynomial.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless there are exactly n values.
    public func inverseFFT(_ values: inout [Fr]) throws(BN254Error) {
        try requireExactSize(values)
        Self.transform(&values, twiddles: inverseTwiddles)
        scale(&values, start: sizeInverse, ratio: .one)
    }

    /// Replaces coefficients (at most n) by the evaluations on the coset g·ω⁰…g·ω^(n−1).
    /// - Throws: ``BN254Error`` `.sizeMismatch` when there are more than n coefficients.
    public func cosetFFT(_ values: inout [Fr]) throws(BN254Error) {
        try pad(&values)
        scale(&values, start: .one, ratio: cosetShift)
        Self.transform(&values, twiddles: twiddles)
    }

    /// Replaces evaluations on the coset g·⟨ω⟩ by the polynomial's coefficients.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless there are exactly n values.
    public func cosetInverseFFT(_ values: inout [Fr]) throws(BN254Error) {
        try requireExactSize(values)
        Self.transform(&values, twiddles: inverseTwiddles)
        scale(&values, start: sizeInverse, ratio: cosetShiftInverse)
    }

    func pad(_ values: inout [Fr]) throws(BN254Error) {
        guard values.count <= size else {
            throw BN254Error(.sizeMismatch, "\(values.count) coefficients do not fit a domain of size \(size)")
        }
        if values.count < size { values.append(contentsOf: repeatElement(.zero, count: size - values.count)) }
    }

    func requireExactSize(_ values: [Fr]) throws(BN254Error) {
        guard values.count == size else {
            throw BN254Error(.sizeMismatch, "expected \(size) evaluations for this domain, got \(values.count)")
        }
    }

    /// values[i] *= start · ratio^i.
    func scale(_ values: inout [Fr], start: Fr, ratio: Fr) {
        var factor = start
        for index in values.indices {
            values[index] *= factor
            factor *= ratio
        }
    }

    /// The low `count` bits of `value` in reverse order.
    @inlinable @inline(__always)
    static func reverseBits(_ value: Int, count: Int) -> Int {
        var input = value
        var output = 0
        for _ in 0..<count {
            output = (output << 1) | (input & 1)
            input >>= 1
        }
        return output
    }

    /// The in-place transform: bit-reversal permutation, then log2(n) butterfly stages.
    @inlinable
    static func transform(_ values: inout [Fr], twiddles: [Fr]) {
        let n = values.count
        if n <= 1 { return }
        let logN = n.trailingZeroBitCount
        values.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<n {
                let reversed = reverseBits(index, count: logN)
                if index < reversed { buffer.swapAt(index, reversed) }
            }
        }
        let workers = n >= parallelThreshold ? ParallelWork.coreCount : 1
        values.withUnsafeMutableBufferPointer { buffer in
            twiddles.withUnsafeBufferPointer { twiddlePointer in
                let data = SharedBuffer(buffer)
                let roots = SharedBuffer(UnsafeMutableBufferPointer(mutating: twiddlePointer))
                var half = 1
                while half < n {
                    let stride = n / (2 * half)
                    let butterflies = n / 2
                    let chunk = (butterflies + workers - 1) / workers
                    let currentHalf = half
                    ParallelWork.run(workers: workers) { worker in
                        let begin = worker * chunk
                        let end = min(butterflies, begin + chunk)
                        if begin >= end { return }
                        let block = begin / currentHalf
                        var j = begin - block * currentHalf
                        var top = block * 2 * currentHalf + j
                        for _ in begin..<end {
                            let bottom = top + currentHalf
                            let u = data[top]
                            // ω⁰ = 1: the first butterfly of every block (all of them in the first stage,
                            // n − 1 of the n/2·log₂n in total) needs no multiplication.
                            let v = j == 0 ? data[bottom] : data[bottom] * roots[j * stride]
                            data[top] = u + v
                            data[bottom] = u - v
                            j += 1
                            top += 1
                            if j == currentHalf {
                                j = 0
                                top += currentHalf
                            }
                        }
                    }
                    half *= 2
                }
            }
        }
    }
}
