import BN254

/// A synthetic circuit of a chosen size, for tests and benchmarks: a chain of `constraintCount`
/// multiplications v_i = (v_{i−1} + p_{i mod k}) · v_{i−1} that uses every public input p_j.
public struct SyntheticCircuit: Sendable {
    /// The finalised system.
    public let system: R1CS
    /// The chain's variables (v_0 … v_n).
    let chain: [Variable]
    /// The public inputs.
    let inputs: [Variable]

    /// Builds a chain of `constraintCount` multiplication constraints with `publicInputCount` public inputs.
    /// - Precondition: `constraintCount ≥ 1`, `publicInputCount ≥ 1`.
    public init(constraintCount: Int, publicInputCount: Int) {
        precondition(
            constraintCount >= 1 && publicInputCount >= 1, "a synthetic circuit needs a constraint and an input")
        var cs = ConstraintSystem()
        let inputs = (0..<publicInputCount).map { cs.allocatePublicInput("p\($0)") }
        var chain = [cs.allocatePrivate()]
        for index in 1...constraintCount {
            let next = cs.allocatePrivate()
            let previous = chain[index - 1]
            cs.enforce(
                LinearCombination(previous) + inputs[index % publicInputCount], times: LinearCombination(previous),
                equals: LinearCombination(next), "chain \(index)")
            chain.append(next)
        }
        system = cs.finalize()
        self.chain = chain
        self.inputs = inputs
    }

    /// A satisfying assignment for the given public inputs and starting value.
    public func assignment(publicInputs: [Fr], start: Fr) -> Assignment {
        var assignment = Assignment(for: system)
        for (variable, value) in zip(inputs, publicInputs) { assignment[variable] = value }
        var value = start
        assignment[chain[0]] = value
        for index in 1..<chain.count {
            value = (value + publicInputs[index % publicInputs.count]) * value
            assignment[chain[index]] = value
        }
        return assignment
    }
}
