import Foundation

/// A value bound to a statement parameter or read from a result column: SQLite's five storage classes.
public enum SQLiteValue: Sendable, Equatable, Hashable {
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An IEEE double.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Bytes.
    case blob([UInt8])
    /// SQL NULL.
    case null
}

/// A Swift type that can be bound to a statement parameter.
public protocol SQLiteBindable: Sendable {
    /// The value as SQLite stores it.
    var sqliteValue: SQLiteValue { get }
}

extension Int64: SQLiteBindable {
    /// The integer.
    public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int: SQLiteBindable {
    /// The integer, widened to 64 bits.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Double: SQLiteBindable {
    /// The double.
    public var sqliteValue: SQLiteValue { .real(self) }
}

extension String: SQLiteBindable {
    /// The string as UTF-8 text.
    public var sqliteValue: SQLiteValue { .text(self) }
}

extension Data: SQLiteBindable {
    /// The bytes as a blob.
    public var sqliteValue: SQLiteValue { .blob([UInt8](self)) }
}

extension Array: SQLiteBindable where Element == UInt8 {
    /// The bytes as a blob.
    public var sqliteValue: SQLiteValue { .blob(self) }
}

extension SQLiteValue: SQLiteBindable {
    /// The value itself.
    public var sqliteValue: SQLiteValue { self }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    /// The wrapped value, or NULL.
    public var sqliteValue: SQLiteValue {
        switch self {
        case .some(let value): return value.sqliteValue
        case .none: return .null
        }
    }
}
