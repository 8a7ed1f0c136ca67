import BN254

/// Computes the coefficients of the Groth16 quotient H(X) = (A(X)·B(X) − C(X)) / (Xⁿ − 1) from the
/// row values of A·z, B·z and C·z, with the scaling factors of every step precomputed per domain.
///
/// Seven radix-2 transforms of the domain's size (three inverse, three forward on the coset g·⟨ω⟩,
/// one inverse back), as in arkworks and snarkjs; the n⁻¹ and coset-power scalings are folded into
/// one table multiplication per element and step, and the division by the vanishing polynomial (the
/// constant gⁿ − 1 on the coset) is folded into the last table.
struct QuotientEvaluator: Sendable {
    /// The QAP's domain.
    let domain: EvaluationDomain
    /// n⁻¹·gⁱ: turns the unscaled inverse transform of row values into the coefficients of the
    /// polynomial composed with g·X, ready for a forward transform onto the coset.
    private let toCoset: [Fr]
    /// n⁻¹·g⁻ⁱ/(gⁿ − 1): turns the unscaled inverse transform of coset values of A·B − C into H's coefficients.
    private let fromCoset: [Fr]

    /// Tables for `domain`.
    /// - Throws: ``Groth16Error`` `.circuitTooLarge` if the coset shift lies in the domain (never for
    ///   the domains of Fr, whose shift 5 generates Fr*).
    init(domain: EvaluationDomain) throws(Groth16Error) {
        self.domain = domain
        guard let vanishingInverse = domain.vanishingPolynomial(at: domain.cosetShift).inverse() else {
            throw Groth16Error(.circuitTooLarge, "internal: the coset shift lies in the QAP domain")
        }
        let n = domain.size
        var forward = [Fr]()
        var backward = [Fr]()
        forward.reserveCapacity(n)
        backward.reserveCapacity(n)
        var up = domain.sizeInverse
        var down = domain.sizeInverse * vanishingInverse
        for _ in 0..<n {
            forward.append(up)
            backward.append(down)
            up *= domain.cosetShift
            down *= domain.cosetShiftInverse
        }
        toCoset = forward
        fromCoset = backward
    }

    /// The evaluations on the coset g·⟨ω⟩ of the polynomial that takes the value `rows[j]` at ωʲ
    /// (rows beyond the given ones are zero).
    /// - Throws: ``BN254Error`` `.sizeMismatch` when there are more rows than the domain's size.
    func cosetEvaluations(ofRows rows: [Fr]) throws(BN254Error) -> [Fr] {
        let n = domain.size
        guard rows.count <= n else {
            throw BN254Error(.sizeMismatch, "\(rows.count) rows do not fit a domain of size \(n)")
        }
        var values = rows
        values.append(contentsOf: repeatElement(.zero, count: n - rows.count))
        try domain.inverseTransformUnscaled(&values)
        values.withUnsafeMutableBufferPointer { buffer in
            toCoset.withUnsafeBufferPointer { table in
                for index in 0..<n { buffer[index] *= table[index] }
            }
        }
        try domain.forwardTransform(&values)
        return values
    }

    /// H's coefficients h_0 … h_{n−2} from the coset evaluations of A, B and C.
    /// - Throws: ``BN254Error`` `.sizeMismatch` unless each has exactly n values.
    func quotientCoefficients(a: [Fr], b: [Fr], c: [Fr]) throws(BN254Error) -> [Fr] {
        let n = domain.size
        guard a.count == n, b.count == n, c.count == n else {
            throw BN254Error(.sizeMismatch, "expected \(n) coset evaluations of A, B and C")
        }
        var values = [Fr](repeating: .zero, count: n)
        values.withUnsafeMutableBufferPointer { out in
            for index in 0..<n { out[index] = a[index] * b[index] - c[index] }
        }
        try domain.inverseTransformUnscaled(&values)
        values.withUnsafeMutableBufferPointer { buffer in
            fromCoset.withUnsafeBufferPointer { table in
                for index in 0..<n { buffer[index] *= table[index] }
            }
        }
        values.removeLast()
        return values
    }
}
