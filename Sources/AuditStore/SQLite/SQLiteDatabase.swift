import CSQLite
import Dispatch

/// The owner of one SQLite connection: every use runs on a private serial queue, so the C handle is
/// never touched by two threads at once, and callers on any thread or task share one `Sendable` value.
///
/// The connection is configured for durability on open: WAL journal, `synchronous = FULL`,
/// `foreign_keys = ON` and a busy timeout (see ``SQLiteDatabase/Configuration``).
public final class SQLiteDatabase: @unchecked Sendable {
    // @unchecked: `connection` is only touched on `queue` (every entry point goes through `onQueue`).

    /// How the connection is opened and configured.
    public struct Configuration: Sendable, Equatable {
        /// How long a writer waits for another process's lock before failing with `busy`, in milliseconds.
        public var busyTimeoutMilliseconds: Int32
        /// Open without write access (the auditor commands); no migration, no WAL change.
        public var readOnly: Bool

        /// Creates a configuration.
        /// - Parameters:
        ///   - busyTimeoutMilliseconds: Lock wait before `busy` (default 5 s).
        ///   - readOnly: Open read-only.
        public init(busyTimeoutMilliseconds: Int32 = 5_000, readOnly: Bool = false) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.readOnly = readOnly
        }
    }

    private let connection: SQLiteConnection
    private let queue: DispatchQueue
    private let queueKey = DispatchSpecificKey<Bool>()
    /// The database file's path.
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies the durability settings.
    /// - Parameters:
    ///   - path: The database file.
    ///   - configuration: Busy timeout and access mode.
    /// - Throws: ``AuditStoreError`` with code `cannotOpen` or `sqlite`.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.connection = try SQLiteConnection(path: path, readOnly: configuration.readOnly)
        self.queue = DispatchQueue(label: "proofnode.sqlite.\(path)")
        queue.setSpecific(key: queueKey, value: true)
        sqlite3_busy_timeout(connection.handle, configuration.busyTimeoutMilliseconds)
        if !configuration.readOnly {
            // WAL: readers never block the writer and a commit appends to one file.
            let modes = try connection.query("PRAGMA journal_mode = WAL")
            guard (try modes.first?.string(0))?.lowercased() == "wal" else {
                throw AuditStoreError(
                    .sqlite, "the store at \(path) cannot use WAL journaling; put it on a local file system")
            }
        }
        // FULL: a commit returns only after the WAL is fsynced, so a stored proof or signed transaction
        // survives power loss before anything acts on it (e.g. broadcasts it).
        try connection.execute("PRAGMA synchronous = FULL")
        try connection.execute("PRAGMA foreign_keys = ON")
        // A 32 MiB page cache (default 2 MiB) keeps the indexes of a busy store in memory instead of
        // re-reading them from the OS on every insert.
        try connection.execute("PRAGMA cache_size = -32768")
    }

    /// Runs `body` in one `BEGIN IMMEDIATE … COMMIT` transaction; any error thrown rolls it back.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails half-way with
    /// `SQLITE_BUSY` on its first write.
    /// - Parameter body: The changes; the connection must not escape it.
    /// - Returns: What `body` returns.
    @discardableResult
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try onQueue { try transaction("BEGIN IMMEDIATE", body) }
    }

    /// Runs `body` in one read transaction (a consistent snapshot across several queries).
    /// - Parameter body: The queries; the connection must not escape it.
    /// - Returns: What `body` returns.
    @discardableResult
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try onQueue { try transaction("BEGIN DEFERRED", body) }
    }

    /// Runs `body` on the connection outside any explicit transaction (pragmas, VACUUM, checkpoints).
    /// - Parameter body: Work on the connection.
    /// - Returns: What `body` returns.
    @discardableResult
    public func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try onQueue { try body(connection) }
    }

    /// ``write(_:)`` without blocking the calling task's thread while waiting for the queue.
    /// - Parameter body: The changes.
    /// - Returns: What `body` returns.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.transaction("BEGIN IMMEDIATE", body) })
            }
        }
    }

    /// ``read(_:)`` without blocking the calling task's thread while waiting for the queue.
    /// - Parameter body: The queries.
    /// - Returns: What `body` returns.
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.transaction("BEGIN DEFERRED", body) })
            }
        }
    }

    /// Whether the caller is already inside one of this database's operations (a nested call would
    /// deadlock, so it is refused).
    var isInsideOperation: Bool { DispatchQueue.getSpecific(key: queueKey) == true }

    private func onQueue<T>(_ body: () throws -> T) throws -> T {
        guard !isInsideOperation else {
            throw AuditStoreError(
                .invalidInput,
                "a store operation was started from inside another one's transaction; use the connection "
                    + "handed to the closure instead")
        }
        return try queue.sync(execute: body)
    }

    private func transaction<T>(_ begin: String, _ body: (SQLiteConnection) throws -> T) throws -> T {
        try connection.execute(begin)
        do {
            let value = try body(connection)
            try connection.execute("COMMIT")
            return value
        } catch {
            if connection.inTransaction {
                // A failed rollback leaves nothing more to undo (SQLite already rolled back).
                do { try connection.execute("ROLLBACK") } catch {}
            }
            throw error
        }
    }
}
