import Foundation

/// One step of the store's schema history: a version number and the SQL that reaches it.
public struct SchemaMigration: Sendable {
    /// The schema version after this migration (1, 2, 3 … with no gaps).
    public let version: Int64
    /// A short name recorded in `schema_migrations`.
    public let name: String
    /// The statements to run, in one transaction with the version record.
    public let sql: String

    /// Creates a migration.
    /// - Parameters:
    ///   - version: The version this migration produces.
    ///   - name: A short description.
    ///   - sql: The schema statements.
    public init(version: Int64, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies ``SchemaMigration``s in order, each in its own transaction, and refuses stores written by a
/// newer schema than this build knows.
public struct SchemaMigrator: Sendable {
    /// The known migrations, in version order.
    public let migrations: [SchemaMigration]

    /// Creates a migrator over `migrations` (which must be numbered 1, 2, 3 … in order).
    public init(migrations: [SchemaMigration]) {
        self.migrations = migrations
    }

    /// The newest version this build knows.
    public var latestVersion: Int64 { migrations.last?.version ?? 0 }

    /// Reads the store's current schema version (0 for an empty store).
    /// - Parameter database: The store.
    /// - Returns: The highest applied version.
    public func currentVersion(of database: SQLiteDatabase) throws -> Int64 {
        try database.read { db in try Self.version(db) }
    }

    /// Brings `database` to ``latestVersion``.
    /// - Parameter database: The store.
    /// - Returns: The versions applied by this call (empty when already current).
    /// - Throws: `schemaTooNew` when the store is ahead of this build; `migrationFailed` when a step fails
    ///   (that step is rolled back; earlier steps stay applied).
    @discardableResult
    public func migrate(_ database: SQLiteDatabase) throws -> [Int64] {
        try database.write { db in
            try db.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at_ms INTEGER NOT NULL
                ) STRICT
                """)
        }
        var applied: [Int64] = []
        for migration in migrations {
            let done: Bool = try database.write { db in
                let current = try Self.version(db)
                if current > latestVersion {
                    throw AuditStoreError(
                        .schemaTooNew,
                        "the audit store at \(database.path) has schema version \(current), but this proofnode "
                            + "knows only up to \(latestVersion); upgrade proofnode (or open a backup) — the store "
                            + "was not changed")
                }
                guard migration.version > current else { return false }
                guard migration.version == current + 1 else {
                    throw AuditStoreError(
                        .migrationFailed,
                        "migration \(migration.version) cannot follow version \(current); the migration list has a gap")
                }
                do {
                    try db.execute(migration.sql)
                } catch let error as AuditStoreError {
                    throw AuditStoreError(
                        .migrationFailed,
                        "migration \(migration.version) (\(migration.name)) failed and was rolled back: "
                            + error.message,
                        sqliteCode: error.sqliteCode, sql: error.sql)
                }
                try db.run(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, ?, ?)",
                    [migration.version, migration.name, Date.nowMilliseconds])
                return true
            }
            if done { applied.append(migration.version) }
        }
        if migrations.isEmpty || applied.isEmpty {
            // Still refuse a newer store when nothing had to be applied.
            let current = try currentVersion(of: database)
            if current > latestVersion {
                throw AuditStoreError(
                    .schemaTooNew,
                    "the audit store at \(database.path) has schema version \(current), but this proofnode knows "
                        + "only up to \(latestVersion); upgrade proofnode (or open a backup) — the store was not "
                        + "changed")
            }
        }
        return applied
    }

    static func version(_ db: SQLiteConnection) throws -> Int64 {
        let exists = try db.queryFirst(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard try exists?.int64(0) == 1 else { return 0 }
        return try db.queryFirst("SELECT coalesce(max(version), 0) FROM schema_migrations")?.int64(0) ?? 0
    }
}
