import BN254

/// Groth16 key generation for one circuit (a single-party setup).
///
/// Whoever knows the setup randomness (τ, α, β, γ, δ — the "toxic waste") can forge proofs, so keys
/// made by one party convince only those who trust that party; a multi-party ceremony removes that
/// trust. The randomness comes from the operating system's CSPRNG and is overwritten before returning.
public enum Setup {
    /// Generates proving and verifying keys for `system` from the operating system's CSPRNG.
    /// - Parameters:
    ///   - system: the finalised constraint system.
    ///   - progress: called with a short description of each phase (for command-line progress).
    /// - Throws: ``Groth16Error`` `.circuitTooLarge`.
    public static func generateKeys(
        for system: R1CS, progress: (String) -> Void = { _ in }
    ) throws(Groth16Error)
        -> ProvingKey
    {
        var generator = SecureRandom()
        return try generateKeys(for: system, using: &generator, progress: progress)
    }

    /// Generates keys from a caller-supplied generator. Only for reproducible tests: a predictable
    /// generator makes the toxic waste known and the keys forgeable.
    public static func generateKeysForTestingOnly<G: RandomNumberGenerator>(
        for system: R1CS, insecureGenerator generator: inout G
    ) throws(Groth16Error) -> ProvingKey {
        try generateKeys(for: system, using: &generator, progress: { _ in })
    }

    static func generateKeys<G: RandomNumberGenerator>(
        for system: R1CS, using generator: inout G, progress: (String) -> Void
    ) throws(Groth16Error) -> ProvingKey {
        let qap = try QuadraticArithmeticProgram(system)
        var toxic = ToxicWaste(using: &generator, domain: qap.domain)
        defer { toxic.erase() }

        progress("evaluating the QAP at τ (domain of \(qap.domain.size))")
        let (u, v, w) = qap.columnPolynomials(at: toxic.tau)
        guard let gammaInverse = toxic.gamma.inverse(), let deltaInverse = toxic.delta.inverse() else {
            throw Groth16Error(.circuitTooLarge, "internal: γ or δ drawn as zero")
        }
        let inputCount = qap.inputCount
        var inputScalars = [Fr]()
        var privateScalars = [Fr]()
        for column in 0..<system.variableCount {
            let combined = toxic.beta * u[column] + toxic.alpha * v[column] + w[column]
            if column < inputCount {
                inputScalars.append(combined * gammaInverse)
            } else {
                privateScalars.append(combined * deltaInverse)
            }
        }
        var hScalars = [Fr]()
        hScalars.reserveCapacity(qap.domain.size - 1)
        var tauPower = Fr.one
        let vanishingOverDelta = qap.domain.vanishingPolynomial(at: toxic.tau) * deltaInverse
        for _ in 0..<(qap.domain.size - 1) {
            hScalars.append(tauPower * vanishingOverDelta)
            tauPower *= toxic.tau
        }

        progress("building generator tables")
        let g1 = FixedBaseMultiplier(base: G1Affine.generator)
        let g2 = FixedBaseMultiplier(base: G2Affine.generator)
        progress("computing \(3 * system.variableCount + hScalars.count) G1 and \(system.variableCount) G2 points")
        let verifyingKey = VerifyingKey(
            alpha: g1.multiply(toxic.alpha).affine, beta: g2.multiply(toxic.beta).affine,
            gamma: g2.multiply(toxic.gamma).affine, delta: g2.multiply(toxic.delta).affine,
            inputCommitments: g1.multiplyAll(inputScalars), circuitDigest: system.circuitDigest)
        let key = ProvingKey(
            verifyingKey: verifyingKey, betaG1: g1.multiply(toxic.beta).affine,
            deltaG1: g1.multiply(toxic.delta).affine, aQuery: g1.multiplyAll(u), bG1Query: g1.multiplyAll(v),
            bG2Query: g2.multiplyAll(v), hQuery: g1.multiplyAll(hScalars), lQuery: g1.multiplyAll(privateScalars))
        progress("done")
        return key
    }
}

/// The setup secrets. ``erase()`` overwrites them; the QAP values derived from them are
/// overwritten by their owners' scope ending (best effort: Swift gives no guaranteed wipe of copies).
struct ToxicWaste {
    var tau: Fr
    var alpha: Fr
    var beta: Fr
    var gamma: Fr
    var delta: Fr

    init<G: RandomNumberGenerator>(using generator: inout G, domain: EvaluationDomain) {
        func nonZero() -> Fr {
            while true {
                let value = Fr.random(using: &generator)
                if !value.isZero { return value }
            }
        }
        // τ must not be a domain point (its Lagrange denominators would vanish).
        var candidate = nonZero()
        while domain.vanishingPolynomial(at: candidate).isZero { candidate = nonZero() }
        tau = candidate
        alpha = nonZero()
        beta = nonZero()
        gamma = nonZero()
        delta = nonZero()
    }

    mutating func erase() {
        withUnsafeMutableBytes(of: &self) { bytes in _ = bytes.initializeMemory(as: UInt8.self, repeating: 0) }
        keepAlive(&self)
    }
}

/// An opaque use of the erased memory so the optimiser cannot drop the overwrite as a dead store.
@inline(never)
func keepAlive<T>(_ value: inout T) {
    withUnsafeBytes(of: &value) { bytes in _ = bytes.first }
}
