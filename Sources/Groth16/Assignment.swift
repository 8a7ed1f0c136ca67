import BN254

/// Values for every variable of an ``R1CS``: the full vector z = `[1, public inputs…, private…]`.
///
/// Create one sized for a system with ``init(for:)``, fill it through the variables the circuit's
/// gadgets returned (`assignment[variable] = value`), then check it with ``R1CS/checkSatisfied(_:)``.
public struct Assignment: Sendable, Equatable {
    /// The values in column order; `values[0]` is one.
    public var values: [Fr]
    /// The number of public inputs of the system this assignment is for.
    public let publicInputCount: Int

    /// An all-zero assignment (apart from the constant one) shaped for `system`.
    public init(for system: R1CS) {
        publicInputCount = system.publicInputCount
        values = [Fr](repeating: .zero, count: system.variableCount)
        values[0] = .one
    }

    /// An assignment from its public and private parts (the constant one is prepended).
    public init(publicInputs: [Fr], privateValues: [Fr]) {
        publicInputCount = publicInputs.count
        values = [.one] + publicInputs + privateValues
    }

    /// The value of `variable` (which must belong to the system the assignment was made for).
    @inlinable
    public subscript(variable: Variable) -> Fr {
        get { values[variable.column(publicInputCount: publicInputCount)] }
        set { values[variable.column(publicInputCount: publicInputCount)] = newValue }
    }

    /// The public inputs, in order (without the constant one): what the verifier receives.
    public var publicInputs: ArraySlice<Fr> { values[1..<(1 + publicInputCount)] }

    /// The private values, in order.
    public var privateValues: ArraySlice<Fr> { values[(1 + publicInputCount)...] }
}
