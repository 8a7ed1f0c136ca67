import Foundation

/// One result row, copied out of SQLite so that it outlives the statement (and is `Sendable`).
///
/// Typed accessors throw ``AuditStoreError/Code/corruptRow`` when a column holds a value of the wrong
/// storage class: a row edited by hand must not crash a reader.
public struct SQLiteRow: Sendable {
    /// The column values in select order.
    public let values: [SQLiteValue]
    /// The SQL that produced the row (for error messages).
    let sql: String

    /// Creates a row from its values.
    init(values: [SQLiteValue], sql: String) {
        self.values = values
        self.sql = sql
    }

    private func value(_ index: Int) throws -> SQLiteValue {
        guard values.indices.contains(index) else {
            throw AuditStoreError(.corruptRow, "column \(index) is not in the result", sql: sql)
        }
        return values[index]
    }

    private func mismatch(_ index: Int, _ expected: String) -> AuditStoreError {
        AuditStoreError(
            .corruptRow,
            "column \(index) holds \(values[index]) where \(expected) was expected; the row was written by "
                + "something other than proofnode — run `proofnode audit check-log`",
            sql: sql)
    }

    /// Whether column `index` is NULL.
    public func isNull(_ index: Int) -> Bool {
        values.indices.contains(index) && values[index] == .null
    }

    /// Column `index` as an integer.
    public func int64(_ index: Int) throws -> Int64 {
        guard case .integer(let value) = try value(index) else { throw mismatch(index, "an integer") }
        return value
    }

    /// Column `index` as an integer, or nil when NULL.
    public func optionalInt64(_ index: Int) throws -> Int64? {
        isNull(index) ? nil : try int64(index)
    }

    /// Column `index` as a double (integers are widened).
    public func double(_ index: Int) throws -> Double {
        switch try value(index) {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(index, "a number")
        }
    }

    /// Column `index` as text.
    public func string(_ index: Int) throws -> String {
        guard case .text(let value) = try value(index) else { throw mismatch(index, "text") }
        return value
    }

    /// Column `index` as text, or nil when NULL.
    public func optionalString(_ index: Int) throws -> String? {
        isNull(index) ? nil : try string(index)
    }

    /// Column `index` as bytes (an empty blob reads back as NULL in SQLite, so NULL gives empty bytes).
    public func bytes(_ index: Int) throws -> [UInt8] {
        switch try value(index) {
        case .blob(let value): return value
        case .null: return []
        default: throw mismatch(index, "a blob")
        }
    }

    /// Column `index` as bytes, or nil when NULL.
    public func optionalBytes(_ index: Int) throws -> [UInt8]? {
        isNull(index) ? nil : try bytes(index)
    }

    /// Column `index` (milliseconds since 1970) as a date.
    public func date(_ index: Int) throws -> Date {
        Date(timeIntervalSince1970: Double(try int64(index)) / 1000)
    }

    /// Column `index` (milliseconds since 1970) as a date, or nil when NULL.
    public func optionalDate(_ index: Int) throws -> Date? {
        isNull(index) ? nil : try date(index)
    }
}

extension Date {
    /// Milliseconds since 1970, the store's time representation (integer, sortable, exact).
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

extension Date {
    /// The current time in milliseconds since 1970.
    static var nowMilliseconds: Int64 { Date().millisecondsSince1970 }
}
