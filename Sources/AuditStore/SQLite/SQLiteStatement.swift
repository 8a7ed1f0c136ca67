import CSQLite

/// A prepared statement owned by one ``SQLiteConnection``; never leaves the connection's queue.
final class SQLiteStatement {
    /// The statement handle; finalized on deinit.
    private let handle: OpaquePointer
    /// The connection handle, for error messages.
    private let connection: OpaquePointer
    /// The statement's SQL.
    let sql: String

    /// Prepares `sql` on `connection`.
    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard result == SQLITE_OK, let statement else {
            let error = SQLiteConnection.error(connection, result, sql: sql, doing: "preparing a statement")
            sqlite3_finalize(statement)
            throw error
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears previous bindings and binds `arguments` to parameters 1…n.
    func bind(_ arguments: [any SQLiteBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw AuditStoreError(
                .invalidInput, "statement expects \(expected) arguments, \(arguments.count) were given", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqliteValue, at: Int32(offset + 1))
        }
    }

    /// Binds one value at a 1-based parameter index (text and blobs are copied by SQLite).
    func bind(_ value: SQLiteValue, at index: Int32) throws {
        let result: Int32
        switch value {
        case .integer(let integer): result = sqlite3_bind_int64(handle, index, integer)
        case .real(let real): result = sqlite3_bind_double(handle, index, real)
        case .text(let text): result = sqlite3_bind_text(handle, index, text, -1, csqlite_transient)
        case .blob(let bytes):
            result = bytes.withUnsafeBytes { buffer in
                // A zero-length blob still needs a non-null pointer, or SQLite stores NULL.
                sqlite3_bind_blob(
                    handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                    Int32(buffer.count), csqlite_transient)
            }
        case .null: result = sqlite3_bind_null(handle, index)
        }
        guard result == SQLITE_OK else {
            throw SQLiteConnection.error(connection, result, sql: sql, doing: "binding parameter \(index)")
        }
    }

    /// Runs the statement to completion, discarding rows.
    func run() throws {
        defer { sqlite3_reset(handle) }
        while true {
            let result = sqlite3_step(handle)
            if result == SQLITE_DONE { return }
            if result == SQLITE_ROW { continue }
            throw SQLiteConnection.error(connection, result, sql: sql, doing: "executing")
        }
    }

    /// Runs the statement and copies every row out.
    func rows() throws -> [SQLiteRow] {
        defer { sqlite3_reset(handle) }
        var rows: [SQLiteRow] = []
        let columns = sqlite3_column_count(handle)
        while true {
            let result = sqlite3_step(handle)
            if result == SQLITE_DONE { return rows }
            guard result == SQLITE_ROW else {
                throw SQLiteConnection.error(connection, result, sql: sql, doing: "reading rows")
            }
            var values: [SQLiteValue] = []
            values.reserveCapacity(Int(columns))
            for column in 0..<columns { values.append(value(at: column)) }
            rows.append(SQLiteRow(values: values, sql: sql))
        }
    }

    private func value(at column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Read by length, not up to the first NUL: text may contain NUL characters. The pointer is
            // fetched before the length, as SQLite documents.
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }
}
