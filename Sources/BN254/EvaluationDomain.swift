/// A multiplicative subgroup {ω⁰, ω¹, …, ω^(n−1)} of Fr of size n = 2^k (k ≤ 28, the 2-adicity of
/// r − 1), with precomputed twiddle factors for radix-2 FFTs.
///
/// The root of unity is derived here rather than copied: ω = 5^((r−1)/2^k), where 5 generates Fr*
/// (so ω has order exactly 2^k). Coset FFTs evaluate on g·⟨ω⟩ with g = 5, the usual shift of BN254
/// provers (arkworks, gnark); 5 is not in any ⟨ω⟩, so the coset is disjoint from the domain and the
/// vanishing polynomial Xⁿ − 1 takes the constant value gⁿ − 1 ≠ 0 on it.
public struct EvaluationDomain: Sendable {
    /// The largest supported log2 size, the 2-adicity of r − 1.
    public static let maximumLogSize = 28

    /// The multiplicative generator of Fr* used for roots of unity and as the coset shift.
    public static var multiplicativeGenerator: Fr { Fr(5) }

    /// n, a power of two.
    public let size: Int
    /// log2(n).
    public let logSize: Int
    /// ω, a primitive n-th root of unity.
    public let generator: Fr
    /// ω⁻¹.
    public let generatorInverse: Fr
    /// n⁻¹ in Fr.
    public let sizeInverse: Fr
    /// The coset shift g = 5.
    public let cosetShift: Fr
    /// g⁻¹.
    public let cosetShiftInverse: Fr
    /// ω^i for i in 0..<n/2.
    @usableFromInline
    let twiddles: [Fr]
    /// ω^(−i) for i in 0..<n/2.
    @usableFromInline
    let inverseTwiddles: [Fr]

    /// The domain of exactly `size` points.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless `size` is a power of two in 1…2^28.
    public init(size: Int) throws(BN254Error) {
        guard size >= 1, size & (size - 1) == 0, size <= 1 << Self.maximumLogSize else {
            throw BN254Error(.sizeMismatch, "an FFT domain size must be a power of two in 1…2^28, got \(size)")
        }
        self.size = size
        self.logSize = size.trailingZeroBitCount
        let omega = try Self.rootOfUnity(logSize: logSize)
        self.generator = omega
        self.generatorInverse = omega.inverse() ?? .one
        self.sizeInverse = Fr(UInt64(size)).inverse() ?? .one
        self.cosetShift = Self.multiplicativeGenerator
        self.cosetShiftInverse = Self.multiplicativeGenerator.inverse() ?? .one
        self.twiddles = Self.powers(of: omega, count: max(1, size / 2))
        self.inverseTwiddles = Self.powers(of: generatorInverse, count: max(1, size / 2))
    }

    /// The smallest domain with at least `minimumSize` points.
    /// - Throws: ``BN254Error`` `.sizeMismatch` when more than 2^28 points are needed.
    public init(minimumSize: Int) throws(BN254Error) {
        var size = 1
        while size < minimumSize && size <= 1 << Self.maximumLogSize { size <<= 1 }
        try self.init(size: size)
    }

    /// The primitive 2^logSize-th root of unity 5^((r−1)/2^logSize).
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless logSize is in 0…28.
    public static func rootOfUnity(logSize: Int) throws(BN254Error) -> Fr {
        guard logSize >= 0, logSize <= maximumLogSize else {
            throw BN254Error(.sizeMismatch, "Fr has roots of unity of order 2^k only for k in 0…28, got k = \(logSize)")
        }
        var exponent = Fr.modulus.subtractingWithBorrow(UInt256(1)).difference
        for _ in 0..<logSize { exponent = exponent.shiftedRight(by: 1) }
        return multiplicativeGenerator.pow(exponent)
    }

    /// [1, x, x², …] with `count` entries.
    static func powers(of x: Fr, count: Int) -> [Fr] {
        var result = [Fr]()
        result.reserveCapacity(count)
        var current = Fr.one
        for _ in 0..<count {
            result.append(current)
            current *= x
        }
        return result
    }

    /// ω^index (any integer index; ω has order n).
    public func element(_ index: Int) -> Fr {
        let reduced = ((index % size) + size) % size
        return generator.pow(UInt256(UInt64(reduced)))
    }

    /// The value of the vanishing polynomial Xⁿ − 1 at `point`.
    public func vanishingPolynomial(at point: Fr) -> Fr {
        point.pow(UInt256(UInt64(size))) - .one
    }
}
