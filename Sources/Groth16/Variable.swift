/// A variable of a rank-1 constraint system: the constant one, a public input, or a private witness.
///
/// Variables are created by ``ConstraintSystem`` and only meaningful for the system that created them.
/// Public inputs and private variables are numbered separately while the system is built (so the two
/// kinds can be allocated in any order); ``R1CS/column(of:)`` maps a variable to its column in the
/// finalised matrices, where the layout is `[one, public inputs…, private variables…]`.
@frozen
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    /// The encoding: `0` is the constant one, `k ≥ 1` is public input number `k` (1-based),
    /// and `−(j + 1)` is private variable number `j` (0-based).
    public let rawValue: Int

    /// Wraps a raw encoding (see ``rawValue``).
    @inlinable
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The constant one (column 0 of every assignment).
    public static let one = Variable(rawValue: 0)

    /// Public input number `index` (0-based, in allocation order).
    @inlinable
    public static func publicInput(_ index: Int) -> Variable { Variable(rawValue: index + 1) }

    /// Private variable number `index` (0-based, in allocation order).
    @inlinable
    public static func privateVariable(_ index: Int) -> Variable { Variable(rawValue: -(index + 1)) }

    /// Whether this is the constant one.
    @inlinable
    public var isOne: Bool { rawValue == 0 }

    /// Whether this is a public input (the constant one is not counted as one).
    @inlinable
    public var isPublicInput: Bool { rawValue > 0 }

    /// Whether this is a private (witness) variable.
    @inlinable
    public var isPrivate: Bool { rawValue < 0 }

    /// The column of this variable when the system has `publicInputCount` public inputs:
    /// 0 for one, `1…publicInputCount` for public inputs, then the private variables.
    @inlinable @inline(__always)
    public func column(publicInputCount: Int) -> Int {
        rawValue >= 0 ? rawValue : publicInputCount - rawValue
    }

    /// `one`, `public[k]` or `private[j]`.
    public var description: String {
        if rawValue == 0 { return "one" }
        return rawValue > 0 ? "public[\(rawValue - 1)]" : "private[\(-rawValue - 1)]"
    }
}
