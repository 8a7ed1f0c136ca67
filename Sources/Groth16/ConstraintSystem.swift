import BN254

/// A rank-1 constraint system under construction: variables are allocated and constraints
/// ⟨a, z⟩ · ⟨b, z⟩ = ⟨c, z⟩ are added; ``finalize()`` turns it into the compact ``R1CS`` a prover uses.
///
/// The builder records structure only, never values: the witness is an ``Assignment`` computed
/// separately (gadgets return the variables they allocated so that a witness builder can fill them
/// in). Building a circuit is done once; proving reuses the finalised form.
///
/// ```swift
/// var cs = ConstraintSystem()
/// let out = cs.allocatePublicInput()
/// let x = cs.allocatePrivate()
/// cs.enforce(LinearCombination(x), times: LinearCombination(x), equals: LinearCombination(out), "x² = out")
/// let r1cs = cs.finalize()
/// ```
public struct ConstraintSystem: Sendable {
    /// One constraint as built (before merging repeated terms).
    public struct Constraint: Sendable, Equatable {
        /// The left factor.
        public var a: LinearCombination
        /// The right factor.
        public var b: LinearCombination
        /// The product.
        public var c: LinearCombination
        /// An optional human-readable label reported when the constraint fails.
        public var annotation: String?
    }

    /// Public inputs allocated so far (not counting the constant one).
    public private(set) var publicInputCount = 0
    /// Private variables allocated so far.
    public private(set) var privateVariableCount = 0
    /// The constraints, in the order they were added.
    public private(set) var constraints: [Constraint] = []
    /// Labels given to public inputs, by index (empty string when none was given).
    public private(set) var publicInputNames: [String] = []

    /// An empty system (it has only the constant one).
    public init() {}

    /// Allocates the next public input. Public inputs are numbered in allocation order; that order
    /// is the order of the verifier's public-input vector.
    /// - Parameter name: an optional label (kept for documentation and error messages).
    public mutating func allocatePublicInput(_ name: String = "") -> Variable {
        publicInputCount += 1
        publicInputNames.append(name)
        return Variable(rawValue: publicInputCount)
    }

    /// Allocates the next private (witness) variable.
    public mutating func allocatePrivate() -> Variable {
        privateVariableCount += 1
        return Variable(rawValue: -privateVariableCount)
    }

    /// Allocates `count` private variables.
    public mutating func allocatePrivate(count: Int) -> [Variable] {
        (0..<max(0, count)).map { _ in allocatePrivate() }
    }

    /// Adds the constraint `a · b = c`.
    /// - Parameter annotation: a label reported by ``R1CS/checkSatisfied(_:)`` when this constraint fails.
    public mutating func enforce(
        _ a: LinearCombination, times b: LinearCombination, equals c: LinearCombination, _ annotation: String? = nil
    ) {
        constraints.append(Constraint(a: a, b: b, c: c, annotation: annotation))
    }

    /// Adds the linear constraint `lhs = rhs` (as `(lhs − rhs) · 1 = 0`).
    public mutating func enforceEqual(_ lhs: LinearCombination, _ rhs: LinearCombination, _ annotation: String? = nil) {
        enforce(lhs - rhs, times: .one, equals: .zero, annotation)
    }

    /// The number of constraints added so far.
    public var constraintCount: Int { constraints.count }

    /// Total variables including the constant one.
    public var variableCount: Int { 1 + publicInputCount + privateVariableCount }

    /// The finalised system: repeated terms merged, zero terms dropped, each of A, B and C as a
    /// row-compressed sparse matrix over the columns `[one, public…, private…]`, and the circuit digest.
    public func finalize() -> R1CS {
        let columns = variableCount
        var builders = [SparseMatrix.Builder](
            repeating: SparseMatrix.Builder(columnCount: columns), count: 3)
        for constraint in constraints {
            builders[0].appendRow(constraint.a.simplified(publicInputCount: publicInputCount))
            builders[1].appendRow(constraint.b.simplified(publicInputCount: publicInputCount))
            builders[2].appendRow(constraint.c.simplified(publicInputCount: publicInputCount))
        }
        return R1CS(
            publicInputCount: publicInputCount, privateVariableCount: privateVariableCount,
            a: builders[0].build(), b: builders[1].build(), c: builders[2].build(),
            annotations: constraints.map(\.annotation), publicInputNames: publicInputNames)
    }
}
