/// The bare radix-2 transforms, without the scaling by n⁻¹ or by coset powers, for callers that fold
/// those factors into a table of their own (the Groth16 prover multiplies once per element by
/// n⁻¹·gⁱ instead of scaling twice).
extension EvaluationDomain {
    /// Replaces `values` (exactly n) by their transform with ω: evaluations at ω⁰…ω^(n−1) of the
    /// polynomial whose coefficients they are. Identical to ``fft(_:)`` for n values.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless there are exactly n values.
    public func forwardTransform(_ values: inout [Fr]) throws(BN254Error) {
        try requireExactSize(values)
        Self.transform(&values, twiddles: twiddles)
    }

    /// Replaces `values` (exactly n) by their transform with ω⁻¹, *without* the factor n⁻¹:
    /// ``inverseFFT(_:)`` is this followed by multiplying every value by n⁻¹.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless there are exactly n values.
    public func inverseTransformUnscaled(_ values: inout [Fr]) throws(BN254Error) {
        try requireExactSize(values)
        Self.transform(&values, twiddles: inverseTwiddles)
    }
}
