import BN254

/// A linear combination Σ cᵢ·xᵢ of variables with coefficients in Fr: one side of a constraint.
///
/// The terms are kept sparse and in insertion order; the same variable may appear more than once
/// (its coefficients are summed, and zero terms dropped, when the system is finalised). A constant k
/// is the term k·``Variable/one``.
public struct LinearCombination: Sendable, Equatable {
    /// One term: a coefficient times a variable.
    public struct Term: Sendable, Equatable {
        /// The variable.
        public var variable: Variable
        /// Its coefficient.
        public var coefficient: Fr

        /// Creates a term.
        @inlinable
        public init(_ variable: Variable, _ coefficient: Fr) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The terms, in insertion order, possibly with repeated variables.
    public var terms: [Term]

    /// The empty combination (zero).
    @inlinable
    public init() { terms = [] }

    /// A combination with the given terms.
    @inlinable
    public init(terms: [Term]) { self.terms = terms }

    /// The combination 1·`variable`.
    @inlinable
    public init(_ variable: Variable) { terms = [Term(variable, .one)] }

    /// The combination `coefficient`·`variable`.
    @inlinable
    public init(_ variable: Variable, coefficient: Fr) { terms = [Term(variable, coefficient)] }

    /// The constant `value` (value·one).
    @inlinable
    public init(constant value: Fr) { terms = value.isZero ? [] : [Term(.one, value)] }

    /// Zero.
    public static var zero: LinearCombination { LinearCombination() }

    /// The constant one.
    public static var one: LinearCombination { LinearCombination(.one) }

    /// Whether every term is on the constant one (or there are none): the value is known without a witness.
    public var isConstant: Bool { terms.allSatisfy { $0.variable.isOne } }

    /// The sum of the coefficients of ``Variable/one``: the value of a constant combination.
    public var constantValue: Fr {
        var sum = Fr.zero
        for term in terms where term.variable.isOne { sum += term.coefficient }
        return sum
    }

    /// Appends `coefficient`·`variable`.
    @inlinable
    public mutating func add(_ variable: Variable, coefficient: Fr = .one) {
        terms.append(Term(variable, coefficient))
    }

    /// Appends every term of `other` multiplied by `factor`.
    @inlinable
    public mutating func add(_ other: LinearCombination, times factor: Fr = .one) {
        terms.reserveCapacity(terms.count + other.terms.count)
        for term in other.terms { terms.append(Term(term.variable, term.coefficient * factor)) }
    }

    /// Sum.
    public static func + (lhs: LinearCombination, rhs: LinearCombination) -> LinearCombination {
        var result = lhs
        result.terms.append(contentsOf: rhs.terms)
        return result
    }

    /// Sum with one variable.
    public static func + (lhs: LinearCombination, rhs: Variable) -> LinearCombination { lhs + LinearCombination(rhs) }

    /// Sum with a constant.
    public static func + (lhs: LinearCombination, rhs: Fr) -> LinearCombination {
        lhs + LinearCombination(constant: rhs)
    }

    /// Difference.
    public static func - (lhs: LinearCombination, rhs: LinearCombination) -> LinearCombination {
        var result = lhs
        result.add(rhs, times: -Fr.one)
        return result
    }

    /// Difference with one variable.
    public static func - (lhs: LinearCombination, rhs: Variable) -> LinearCombination { lhs - LinearCombination(rhs) }

    /// Difference with a constant.
    public static func - (lhs: LinearCombination, rhs: Fr) -> LinearCombination {
        lhs + LinearCombination(constant: -rhs)
    }

    /// Negation.
    public static prefix func - (value: LinearCombination) -> LinearCombination {
        LinearCombination(terms: value.terms.map { Term($0.variable, -$0.coefficient) })
    }

    /// Multiplication by a scalar.
    public static func * (lhs: Fr, rhs: LinearCombination) -> LinearCombination {
        LinearCombination(terms: rhs.terms.map { Term($0.variable, lhs * $0.coefficient) })
    }

    /// Multiplication by a scalar.
    public static func * (lhs: LinearCombination, rhs: Fr) -> LinearCombination { rhs * lhs }

    /// In-place sum.
    public static func += (lhs: inout LinearCombination, rhs: LinearCombination) {
        lhs.terms.append(contentsOf: rhs.terms)
    }

    /// In-place difference.
    public static func -= (lhs: inout LinearCombination, rhs: LinearCombination) { lhs.add(rhs, times: -Fr.one) }

    /// The terms with repeated variables merged and zero coefficients dropped, ordered by
    /// the variables' columns when the system has `publicInputCount` public inputs.
    public func simplified(publicInputCount: Int) -> [(column: Int, coefficient: Fr)] {
        var byColumn: [Int: Fr] = [:]
        byColumn.reserveCapacity(terms.count)
        for term in terms {
            let column = term.variable.column(publicInputCount: publicInputCount)
            byColumn[column, default: .zero] += term.coefficient
        }
        return byColumn.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension Variable {
    /// Sum of two variables.
    public static func + (lhs: Variable, rhs: Variable) -> LinearCombination {
        LinearCombination(lhs) + LinearCombination(rhs)
    }

    /// Difference of two variables.
    public static func - (lhs: Variable, rhs: Variable) -> LinearCombination {
        LinearCombination(lhs) - LinearCombination(rhs)
    }

    /// A variable scaled by a constant.
    public static func * (lhs: Fr, rhs: Variable) -> LinearCombination { LinearCombination(rhs, coefficient: lhs) }
}
