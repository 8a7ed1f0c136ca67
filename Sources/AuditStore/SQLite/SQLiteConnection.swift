import CSQLite

/// One open SQLite connection with a cache of prepared statements.
///
/// Not `Sendable`: it only exists inside ``SQLiteDatabase``, used by one thread at a time, and is lent to the closures
/// passed to ``SQLiteDatabase/write(_:)`` and ``SQLiteDatabase/read(_:)``. Do not keep it beyond them.
public final class SQLiteConnection {
    /// The connection handle; closed on deinit.
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating if needed) the database at `path`.
    init(path: String, readOnly: Bool) throws {
        var connection: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw AuditStoreError(
                .cannotOpen,
                "cannot open the audit store at \(path): \(message); check that the directory exists and is "
                    + "writable",
                sqliteCode: result)
        }
        sqlite3_extended_result_codes(connection, 1)
        self.handle = connection
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without arguments (schema changes, pragmas).
    public func execute(_ sql: String) throws {
        let result = sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else {
            throw Self.error(handle, result, sql: sql, doing: "executing")
        }
    }

    /// Runs one statement with `arguments` bound to its `?` parameters, discarding rows.
    /// - Returns: The number of rows the statement changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws -> Int {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        try statement.run()
        return Int(sqlite3_changes(handle))
    }

    /// Runs one query with `arguments` bound and returns every row.
    public func query(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws -> [SQLiteRow] {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        return try statement.rows()
    }

    /// Runs one query and returns its first row, if any.
    public func queryFirst(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws -> SQLiteRow? {
        try query(sql, arguments).first
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(connection: handle, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Builds a typed error from SQLite's state on `connection` after `result`.
    static func error(
        _ connection: OpaquePointer?, _ result: Int32, sql: String?, doing action: String
    )
        -> AuditStoreError
    {
        let detail = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(result))
        let primary = result & 0xff
        switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return AuditStoreError(
                .busy,
                "the audit store is locked by another process (\(detail)) while \(action); retry, or stop the "
                    + "other writer",
                sqliteCode: result, sql: sql)
        case SQLITE_CONSTRAINT:
            return AuditStoreError(
                .constraint, "the store refused the change while \(action): \(detail)", sqliteCode: result, sql: sql)
        default:
            return AuditStoreError(
                .sqlite,
                "SQLite failed while \(action): \(detail); check disk space and file permissions, then retry",
                sqliteCode: result, sql: sql)
        }
    }
}
