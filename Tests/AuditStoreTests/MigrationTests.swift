import AuditStore
import Foundation
import Testing

/// Schema creation, reopening, refusal of newer stores, and the durability pragmas.
@Suite("Schema and connection settings")
struct MigrationTests {
    @Test("an empty file is migrated to the latest version with every table")
    func migratesFromEmpty() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        #expect(try store.schemaVersion() == AuditSchema.migrator.latestVersion)
        let tables = try store.database.read { db in
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { try $0.string(0) }
        }
        for table in [
            "audit_log", "checkpoints", "disputes", "inference_results", "proofs", "schema_migrations", "sessions",
            "settlements", "submissions", "token_segments",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("reopening keeps the data and applies nothing twice")
    func reopens() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try AuditStore(path: directory.path())
            try store.recordSession(Fixtures.session("1"))
        }
        let reopened = try AuditStore(path: directory.path())
        #expect(try reopened.session(jobID: "1")?.hostAddress == Fixtures.host)
        #expect(try AuditSchema.migrator.migrate(reopened.database).isEmpty)
        let rows = try reopened.database.read { db in
            try db.queryFirst("SELECT count(*) FROM schema_migrations")?.int64(0)
        }
        #expect(rows == AuditSchema.migrator.latestVersion)
        #expect(try reopened.checkLog().isIntact)
    }

    @Test("a store written by a newer schema is refused with schemaTooNew and left unchanged")
    func refusesNewer() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try AuditStore(path: directory.path())
            try store.database.write { db in
                try db.run(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, 'from the future', 0)",
                    [AuditSchema.migrator.latestVersion + 1])
            }
        }
        let error = try #require(throws: AuditStoreError.self) { try AuditStore(path: directory.path()) }
        #expect(error.code == .schemaTooNew)
        let readOnly = try #require(throws: AuditStoreError.self) {
            try AuditStore(
                path: directory.path(),
                configuration: AuditStore.Configuration(database: SQLiteDatabase.Configuration(readOnly: true)))
        }
        #expect(readOnly.code == .schemaTooNew)
    }

    @Test("a failing migration is rolled back and reported as migrationFailed")
    func failingMigrationRollsBack() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path())
        let migrator = SchemaMigrator(migrations: [
            SchemaMigration(version: 1, name: "good", sql: "CREATE TABLE a (x INTEGER) STRICT"),
            SchemaMigration(version: 2, name: "bad", sql: "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1)"),
        ])
        let error = try #require(throws: AuditStoreError.self) { try migrator.migrate(database) }
        #expect(error.code == .migrationFailed)
        #expect(try migrator.currentVersion(of: database) == 1)
        let tables = try database.read { db in
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { try $0.string(0) }
        }
        #expect(tables.contains("a"))
        #expect(!tables.contains("b"))
    }

    @Test("WAL journal, synchronous FULL, foreign keys on and the busy timeout are in force")
    func durabilityPragmas() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(
            path: directory.path(),
            configuration: AuditStore.Configuration(
                database: SQLiteDatabase.Configuration(busyTimeoutMilliseconds: 1234)))
        let settings = try store.database.withConnection { db in
            (
                journal: try db.queryFirst("PRAGMA journal_mode")?.string(0),
                synchronous: try db.queryFirst("PRAGMA synchronous")?.int64(0),
                foreignKeys: try db.queryFirst("PRAGMA foreign_keys")?.int64(0),
                busyTimeout: try db.queryFirst("PRAGMA busy_timeout")?.int64(0)
            )
        }
        #expect(settings.journal == "wal")
        #expect(settings.synchronous == 2)  // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA)
        #expect(settings.foreignKeys == 1)
        #expect(settings.busyTimeout == 1234)
    }

    @Test("a directory that does not exist fails with cannotOpen")
    func cannotOpen() throws {
        let error = try #require(throws: AuditStoreError.self) {
            try AuditStore(path: "/nonexistent-\(UUID().uuidString)/store.sqlite")
        }
        #expect(error.code == .cannotOpen)
    }
}
