import BN254

/// The quadratic arithmetic program of an ``R1CS``: its constraint rows extended with one row
/// `x_i · 0 = 0` per public input (including the constant one), on an FFT domain large enough for all rows.
///
/// The extra rows make the public inputs' polynomials linearly independent, so a proof cannot be
/// re-targeted to other public inputs (the same construction as arkworks and snarkjs).
public struct QuadraticArithmeticProgram: Sendable {
    /// The constraint system.
    public let system: R1CS
    /// The domain over which rows are interpolated; its size is at least `constraintCount + inputCount`.
    public let domain: EvaluationDomain

    /// The number of "input" columns: the constant one and the public inputs.
    public var inputCount: Int { 1 + system.publicInputCount }

    /// Builds the QAP of `system`.
    /// - Throws: ``Groth16Error`` `.circuitTooLarge` when the rows exceed 2^28.
    public init(_ system: R1CS) throws(Groth16Error) {
        self.system = system
        do {
            domain = try EvaluationDomain(minimumSize: system.constraintCount + 1 + system.publicInputCount)
        } catch {
            throw Groth16Error(
                .circuitTooLarge,
                "the circuit has \(system.constraintCount) constraints; at most 2^28 rows are supported")
        }
    }

    /// The Lagrange basis polynomials of the domain evaluated at `tau`: L_j(τ) = (τⁿ − 1)·ωʲ / (n·(τ − ωʲ)).
    /// - Precondition: τ is not in the domain (a random τ is not, except with negligible probability).
    func lagrangeCoefficients(at tau: Fr) -> [Fr] {
        let n = domain.size
        var denominators = [Fr](repeating: .zero, count: n)
        var omegaPower = Fr.one
        var numerators = [Fr](repeating: .zero, count: n)
        let vanishing = domain.vanishingPolynomial(at: tau) * domain.sizeInverse
        for j in 0..<n {
            denominators[j] = tau - omegaPower
            numerators[j] = vanishing * omegaPower
            omegaPower *= domain.generator
        }
        Fr.batchInvert(&denominators)
        for j in 0..<n { numerators[j] *= denominators[j] }
        return numerators
    }

    /// The values u_k(τ), v_k(τ), w_k(τ) of every column's A, B and C polynomials at τ.
    func columnPolynomials(at tau: Fr) -> (u: [Fr], v: [Fr], w: [Fr]) {
        let lagrange = lagrangeCoefficients(at: tau)
        let columns = system.variableCount
        var u = [Fr](repeating: .zero, count: columns)
        var v = [Fr](repeating: .zero, count: columns)
        var w = [Fr](repeating: .zero, count: columns)
        func accumulate(_ matrix: SparseMatrix, into target: inout [Fr]) {
            for row in 0..<matrix.rowCount {
                let basis = lagrange[row]
                for k in matrix.entries(ofRow: row) {
                    target[Int(matrix.columns[k])] += matrix.values[k] * basis
                }
            }
        }
        accumulate(system.a, into: &u)
        accumulate(system.b, into: &v)
        accumulate(system.c, into: &w)
        // The input rows x_i · 0 = 0 come after the constraints.
        for input in 0..<inputCount {
            u[input] += lagrange[system.constraintCount + input]
        }
        return (u, v, w)
    }

    /// The coefficients h_0 … h_{n−2} of H(X) = (A(X)·B(X) − C(X)) / (Xⁿ − 1) for a full assignment z.
    ///
    /// Seven FFTs of the domain's size: A, B, C are interpolated from their row values, evaluated on the
    /// coset g·⟨ω⟩ (where the vanishing polynomial is the constant gⁿ − 1), divided, and interpolated back.
    func quotientCoefficients(for values: [Fr]) throws(BN254Error) -> [Fr] {
        let n = domain.size
        var a: [Fr]
        var b: [Fr]
        var c: [Fr]
        do {
            a = try system.a.multiply(values)
            b = try system.b.multiply(values)
            c = try system.c.multiply(values)
        } catch {
            throw BN254Error(.wrongLength, error.message)
        }
        a.reserveCapacity(n)
        for input in 0..<inputCount { a.append(values[input]) }
        a += [Fr](repeating: .zero, count: n - a.count)
        b += [Fr](repeating: .zero, count: n - b.count)
        c += [Fr](repeating: .zero, count: n - c.count)
        try domain.inverseFFT(&a)
        try domain.inverseFFT(&b)
        try domain.inverseFFT(&c)
        try domain.cosetFFT(&a)
        try domain.cosetFFT(&b)
        try domain.cosetFFT(&c)
        guard let vanishingInverse = domain.vanishingPolynomial(at: domain.cosetShift).inverse() else {
            throw BN254Error(.noInverse, "the coset shift lies in the domain")
        }
        for i in 0..<n { a[i] = (a[i] * b[i] - c[i]) * vanishingInverse }
        try domain.cosetInverseFFT(&a)
        a.removeLast()
        return a
    }
}
