import BN254

/// Small gadgets every circuit needs: booleans, bit decomposition with a range check, packing.
extension ConstraintSystem {
    /// The largest bit count ``decompose(_:bitCount:_:)`` accepts: 253 bits keep Σ bᵢ·2ⁱ below r
    /// (r > 2^253), so the decomposition is unique and proves `value < 2^bitCount`.
    public static let maximumDecompositionBits = 253

    /// Constrains `variable` to be 0 or 1 with `variable · (1 − variable) = 0` (one constraint).
    public mutating func enforceBoolean(_ variable: Variable, _ annotation: String? = nil) {
        enforce(
            LinearCombination(variable), times: LinearCombination.one - variable, equals: .zero,
            annotation ?? "boolean \(variable)")
    }

    /// The linear combination Σ 2ⁱ·bitsᵢ (little-endian: `bits[0]` is the least significant).
    /// No constraint is added.
    public static func pack(_ bits: [Variable]) -> LinearCombination {
        var result = LinearCombination()
        result.terms.reserveCapacity(bits.count)
        var weight = Fr.one
        for bit in bits {
            result.add(bit, coefficient: weight)
            weight = weight.doubled()
        }
        return result
    }

    /// Allocates `bitCount` private bits b₀…b_{n−1} (little-endian), constrains each to be boolean and
    /// their packing Σ 2ⁱ·bᵢ to equal `value`: `bitCount + 1` constraints that prove
    /// `value < 2^bitCount`. Fill the bits of a witness with ``Assignment/assignBits(of:to:)``.
    /// - Throws: ``R1CSError`` `.invalidParameter` unless `1 ≤ bitCount ≤ 253`.
    public mutating func decompose(
        _ value: LinearCombination, bitCount: Int, _ annotation: String = "bits"
    ) throws(R1CSError) -> [Variable] {
        guard bitCount >= 1, bitCount <= Self.maximumDecompositionBits else {
            throw R1CSError(
                .invalidParameter,
                "bit decomposition supports 1 to \(Self.maximumDecompositionBits) bits (got \(bitCount)); "
                    + "wider values are not uniquely decomposable in Fr")
        }
        let bits = allocatePrivate(count: bitCount)
        for (index, bit) in bits.enumerated() { enforceBoolean(bit, "\(annotation)[\(index)] boolean") }
        enforce(Self.pack(bits), times: .one, equals: value, "\(annotation) packing")
        return bits
    }
}

extension Assignment {
    /// Writes the little-endian bits of `value`'s canonical integer into `bits` (as 0 or 1).
    /// Bits beyond `bits.count` are ignored: if `value ≥ 2^bits.count` the packing constraint fails.
    public mutating func assignBits(of value: Fr, to bits: [Variable]) {
        let integer = value.canonical
        for (index, bit) in bits.enumerated() { self[bit] = integer.bit(index) ? .one : .zero }
    }
}
