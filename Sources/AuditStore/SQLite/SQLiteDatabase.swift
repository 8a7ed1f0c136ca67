import CSQLite
import Dispatch

/// The owner of one SQLite connection: its use is exclusive (one thread at a time, in arrival order), so
/// the C handle is never touched by two threads at once, and callers on any thread or task share one
/// `Sendable` value.
///
/// The connection is configured for durability on open: WAL journal, `synchronous = FULL`,
/// `foreign_keys = ON` and a busy timeout (see ``SQLiteDatabase/Configuration``).
///
/// Writes are group-committed: writes that arrive while a transaction is committing wait, and the next
/// transaction runs all of them — each in its own savepoint, so each succeeds or fails alone — with one
/// fsync for the group. Every ``write(_:)`` still returns only after its own changes are durable, and sees
/// the changes of the writes before it as in one transaction per write. The WAL is checkpointed on a
/// thread of its own, never inside a commit (``WALCheckpointer``), unless it reaches
/// ``Configuration/walLimitPages``.
public final class SQLiteDatabase: @unchecked Sendable {
    // @unchecked: `connection` is only touched while `lock` is held by the touching thread.

    /// How the connection is opened and configured.
    public struct Configuration: Sendable, Equatable {
        /// How long a writer waits for another process's lock before failing with `busy`, in milliseconds.
        public var busyTimeoutMilliseconds: Int32
        /// Open without write access (the auditor commands); no migration, no WAL change.
        public var readOnly: Bool
        /// The WAL size, in pages, from which a commit asks the checkpoint thread to copy the WAL back into
        /// the database file (SQLite's automatic checkpoint threshold: 1000).
        public var walCheckpointPages: Int32
        /// The WAL size, in pages, from which the committing write checkpoints itself, should the checkpoint
        /// thread fall behind (the bound on the WAL's growth; default 16 000 pages, 64 MiB of 4 KiB pages).
        public var walLimitPages: Int32

        /// Creates a configuration.
        /// - Parameters:
        ///   - busyTimeoutMilliseconds: Lock wait before `busy` (default 5 s).
        ///   - readOnly: Open read-only.
        ///   - walCheckpointPages: WAL size that starts a background checkpoint (default 1000 pages).
        ///   - walLimitPages: WAL size at which a commit checkpoints itself (default 16 000 pages).
        public init(
            busyTimeoutMilliseconds: Int32 = 5_000, readOnly: Bool = false, walCheckpointPages: Int32 = 1_000,
            walLimitPages: Int32 = 16_000
        ) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.readOnly = readOnly
            self.walCheckpointPages = walCheckpointPages
            self.walLimitPages = walLimitPages
        }
    }

    private let connection: SQLiteConnection
    private let lock = ConnectionLock()
    private let groups = GroupCommitter<GroupWrite, Void>()
    private let checkpointer: WALCheckpointer?
    /// Where the asynchronous entry points wait for the connection (off Swift's cooperative pool).
    private let queue: DispatchQueue
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
        self.checkpointer =
            configuration.readOnly
            ? nil
            : WALCheckpointer(
                path: path, startPages: configuration.walCheckpointPages, limitPages: configuration.walLimitPages)
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
        // Replaces SQLite's automatic checkpoint, which would run inside the commit that crosses 1000 pages.
        checkpointer?.attach(to: connection.handle)
    }

    deinit {
        checkpointer?.detach(from: connection.handle)
    }

    /// What the WAL checkpointer did so far (nil for a read-only database).
    public var walCheckpoints: WALCheckpointStatistics? {
        checkpointer?.current
    }

    /// Runs `body` in a write transaction and returns once its changes are durable; any error thrown
    /// undoes `body`'s changes (and only those).
    ///
    /// Group commit: `body` runs in a savepoint of a `BEGIN IMMEDIATE … COMMIT` transaction that it may share
    /// with writes of other threads that arrived while the previous transaction was committing, one fsync for
    /// all. `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails half-way with
    /// `SQLITE_BUSY` on its first write. When the shared transaction fails (its commit, or an I/O error that
    /// rolls it back), every write in it fails with that error and none is stored.
    /// - Parameter body: The changes; the connection must not escape it.
    /// - Returns: What `body` returns.
    @discardableResult
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try refuseNesting()
        return try withoutActuallyEscaping(body) { body in
            var value: T?
            // The closure runs on the leading thread while this one waits in `submit` (see GroupWrite).
            let write = GroupWrite { connection in value = try body(connection) }
            defer { write.work = nil }  // not run when the group failed before it
            try groups.submit(write) { batch in
                try lock.withLock { try commitGroup(batch, on: connection) }
            }
            guard let value else {
                throw AuditStoreError(.sqlite, "a grouped write committed without its result; retry")
            }
            return value
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot across several queries).
    /// - Parameter body: The queries; the connection must not escape it.
    /// - Returns: What `body` returns.
    @discardableResult
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try exclusively { try transaction("BEGIN DEFERRED", body) }
    }

    /// Runs `body` on the connection outside any explicit transaction (pragmas, VACUUM, checkpoints).
    /// - Parameter body: Work on the connection.
    /// - Returns: What `body` returns.
    @discardableResult
    public func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try exclusively { try body(connection) }
    }

    /// ``write(_:)`` without blocking the calling task's thread while waiting for the queue.
    /// - Parameter body: The changes.
    /// - Returns: What `body` returns.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.write(body) })
            }
        }
    }

    /// ``read(_:)`` without blocking the calling task's thread while waiting for the queue.
    /// - Parameter body: The queries.
    /// - Returns: What `body` returns.
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.read(body) })
            }
        }
    }

    /// Whether the caller is already inside one of this database's operations (a nested call would
    /// deadlock, so it is refused).
    var isInsideOperation: Bool { lock.isHeldByCurrentThread }

    /// Writes waiting for the next group commit (for tests).
    var pendingGroupWrites: Int { groups.pendingCount }

    /// Threads waiting for the connection (for tests).
    var connectionWaiters: Int { lock.waiting }

    private func refuseNesting() throws {
        guard !isInsideOperation else {
            throw AuditStoreError(
                .invalidInput,
                "a store operation was started from inside another one's transaction; use the connection "
                    + "handed to the closure instead")
        }
    }

    private func exclusively<T>(_ body: () throws -> T) throws -> T {
        try refuseNesting()
        return try lock.withLock(body)
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
