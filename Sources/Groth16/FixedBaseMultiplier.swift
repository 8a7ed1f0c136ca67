import BN254

/// Multiplies one fixed base point by many scalars with a precomputed window table
/// (32 windows of 8 bits: each product costs 32 mixed additions and no doublings).
///
/// Setup multiplies the generators by thousands of secret scalars; this makes that ~10× faster than
/// double-and-add. Timing depends on which windows of the scalar are zero.
struct FixedBaseMultiplier<Affine: AffineCurvePoint>: Sendable {
    private static var windowBits: Int { 8 }
    private static var windowCount: Int { 32 }
    /// table[w][d] = (d · 2^(8w)) · base for d in 0..<256 (entry 0 unused).
    private let table: [[Affine]]

    init(base: Affine) {
        var rows: [[Affine]] = []
        rows.reserveCapacity(Self.windowCount)
        var windowBase = JacobianPoint<Affine>(base)
        for _ in 0..<Self.windowCount {
            var multiples = [JacobianPoint<Affine>](repeating: .infinity, count: 1 << Self.windowBits)
            for digit in 1..<(1 << Self.windowBits) { multiples[digit] = multiples[digit - 1] + windowBase }
            rows.append(JacobianPoint<Affine>.batchNormalise(multiples))
            for _ in 0..<Self.windowBits { windowBase = windowBase.doubled() }
        }
        table = rows
    }

    /// `scalar · base`.
    func multiply(_ scalar: Fr) -> JacobianPoint<Affine> {
        let value = scalar.canonical
        var result = JacobianPoint<Affine>.infinity
        for window in 0..<Self.windowCount {
            let limb = value[limb: window / 8]
            let digit = Int((limb >> UInt64(8 * (window % 8))) & 0xff)
            if digit != 0 { result = result.adding(table[window][digit]) }
        }
        return result
    }

    /// `scalars[i] · base` for every scalar, as affine points (one shared inversion).
    func multiplyAll(_ scalars: [Fr]) -> [Affine] {
        JacobianPoint<Affine>.batchNormalise(scalars.map(multiply))
    }
}
