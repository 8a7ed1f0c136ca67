import BN254

/// Multiplies one fixed base point by many scalars with a precomputed window table: for w-bit
/// windows, ⌈254/w⌉ rows of 2^w − 1 multiples, so each product costs one mixed addition per window
/// and no doublings.
///
/// Setup multiplies the generators by thousands of secret scalars with 8-bit windows (~10× faster
/// than double-and-add); the verifier multiplies its few IC points by the public inputs with smaller
/// tables. Timing depends on which windows of the scalar are zero.
struct FixedBaseMultiplier<Affine: AffineCurvePoint>: Sendable {
    /// The window width in bits.
    private let windowBits: Int
    /// table[w][d − 1] = (d · 2^(w·windowBits)) · base for d in 1..<2^windowBits.
    private let table: [[Affine]]

    /// Tables for `base` with windows of `windowBits` bits (1…16).
    init(base: Affine, windowBits: Int = 8) {
        precondition((1...16).contains(windowBits), "a fixed-base window has 1 to 16 bits")
        self.windowBits = windowBits
        let windowCount = (Fr.modulus.bitWidth + windowBits - 1) / windowBits
        let rowLength = (1 << windowBits) - 1
        var multiples = [JacobianPoint<Affine>]()
        multiples.reserveCapacity(windowCount * rowLength)
        var windowBase = JacobianPoint<Affine>(base)
        for _ in 0..<windowCount {
            var current = windowBase
            for _ in 0..<rowLength {
                multiples.append(current)
                current += windowBase
            }
            for _ in 0..<windowBits { windowBase = windowBase.doubled() }
        }
        // One shared inversion for the whole table rather than one per row.
        let affine = JacobianPoint<Affine>.batchNormalise(multiples)
        table = (0..<windowCount).map { row in Array(affine[(row * rowLength)..<((row + 1) * rowLength)]) }
    }

    /// `scalar · base`.
    func multiply(_ scalar: Fr) -> JacobianPoint<Affine> {
        let value = scalar.canonical
        let mask = UInt64((1 << windowBits) - 1)
        var result = JacobianPoint<Affine>.infinity
        for window in table.indices {
            let bit = window * windowBits
            let limb = bit >> 6
            let shift = UInt64(bit & 63)
            var bits = value[limb: limb] >> shift
            if shift + UInt64(windowBits) > 64 && limb < 3 { bits |= value[limb: limb + 1] << (64 - shift) }
            let digit = Int(bits & mask)
            if digit != 0 { result = result.adding(table[window][digit - 1]) }
        }
        return result
    }

    /// `scalars[i] · base` for every scalar, as affine points (one shared inversion).
    func multiplyAll(_ scalars: [Fr]) -> [Affine] {
        JacobianPoint<Affine>.batchNormalise(scalars.map(multiply))
    }
}
