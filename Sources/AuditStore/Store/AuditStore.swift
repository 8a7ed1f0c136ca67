import Foundation

/// The audit store: sessions, inference results, proofs, checkpoints, submissions, settlements and
/// disputes in one SQLite file, with an append-only hash-chained audit log written in the same
/// transaction as every change.
///
/// It stores the bytes, hashes, JSON and scalars handed to it and knows nothing of proof cryptography
/// or of Ethereum; the one hash it computes itself is `proofHash = SHA-256(proof bytes)` (and the CID
/// over the same digest). All methods are safe to call from any thread or task: ``SQLiteDatabase`` owns
/// the connection, lends it to one thread at a time and group-commits concurrent writes.
public final class AuditStore: Sendable {
    /// How the store behaves.
    public struct Configuration: Sendable, Equatable {
        /// How long prompt and response text is kept after the session's settlement (default 30 days).
        public var textRetentionAfterSettlement: TimeInterval
        /// SQLite connection settings.
        public var database: SQLiteDatabase.Configuration

        /// Creates a configuration.
        /// - Parameters:
        ///   - textRetentionAfterSettlement: Retention of inference text after settlement (default 30 days).
        ///   - database: Connection settings.
        public init(
            textRetentionAfterSettlement: TimeInterval = 30 * 24 * 3600,
            database: SQLiteDatabase.Configuration = SQLiteDatabase.Configuration()
        ) {
            self.textRetentionAfterSettlement = textRetentionAfterSettlement
            self.database = database
        }
    }

    /// The database (for pragmas and diagnostics; prefer the typed methods).
    public let database: SQLiteDatabase
    /// The configuration the store was opened with.
    public let configuration: Configuration
    /// The clock that stamps records and log entries (injectable for tests).
    let clock: @Sendable () -> Date
    /// Groups concurrent ``recordCheckpoint(_:)`` calls into shared transactions.
    let checkpointCommitter = GroupCommitter<
        (CheckpointInput, (hash: Data, cid: ContentIdentifier)), StoredCheckpoint
    >()

    /// Opens the store at `path`, creating it and applying migrations as needed.
    /// - Parameters:
    ///   - path: The SQLite file (its directory must exist).
    ///   - configuration: Retention and connection settings.
    ///   - clock: The time source (default: the system clock).
    /// - Throws: `cannotOpen`, `schemaTooNew` (a newer proofnode wrote it), `migrationFailed`.
    public init(
        path: String, configuration: Configuration = Configuration(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.database = try SQLiteDatabase(path: path, configuration: configuration.database)
        self.configuration = configuration
        self.clock = clock
        if configuration.database.readOnly {
            let version = try AuditSchema.migrator.currentVersion(of: database)
            guard version <= AuditSchema.migrator.latestVersion else {
                throw AuditStoreError(
                    .schemaTooNew,
                    "the audit store at \(path) has schema version \(version), but this proofnode knows only up to "
                        + "\(AuditSchema.migrator.latestVersion); upgrade proofnode")
            }
            guard version == AuditSchema.migrator.latestVersion else {
                throw AuditStoreError(
                    .migrationFailed,
                    "the audit store at \(path) has schema version \(version) and needs migrating; open it once "
                        + "read-write (e.g. start `proofnode serve`)")
            }
        } else {
            try AuditSchema.migrator.migrate(database)
        }
    }

    /// The schema version of the open store.
    public func schemaVersion() throws -> Int64 {
        try AuditSchema.migrator.currentVersion(of: database)
    }

    /// The current time in milliseconds from the store's clock.
    var now: Int64 { clock().millisecondsSince1970 }

    /// The audit-log subject naming a checkpoint.
    static func checkpointSubject(job: String, index: Int64) -> String { "job/\(job)/checkpoint/\(index)" }

    /// The audit-log subject naming a job.
    static func jobSubject(_ job: String) -> String { "job/\(job)" }

    /// Verifies the audit log end to end and cross-checks stored proofs against it.
    /// - Returns: The report; a broken chain is a result, not an error.
    public func checkLog() throws -> LogCheckReport {
        try database.read { db in try LogCheckReport.check(db) }
    }

    /// Reads audit-log entries in sequence order.
    /// - Parameters:
    ///   - after: Return entries with a sequence number above this (0 for the start).
    ///   - limit: At most this many.
    /// - Returns: The entries.
    public func logEntries(after: Int64 = 0, limit: Int = 1_000) throws -> [AuditLogEntry] {
        try database.read { db in
            try db.query(
                "SELECT \(AuditLogEntry.columns) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", [after, limit]
            ).map(AuditLogEntry.init(row:))
        }
    }

    /// Maps SQLite constraint failures raised by the schema's triggers and unique indexes to the typed
    /// codes the callers match on.
    static func classify(_ error: any Error, duplicate: String) -> any Error {
        guard let error = error as? AuditStoreError, error.code == .constraint else { return error }
        if error.message.contains("duplicate submission") || error.message.contains("submissions.job_id") {
            return AuditStoreError(
                .duplicateSubmission,
                "the checkpoint already has a signed transaction; rebroadcast or confirm that one (a second "
                    + "transaction for a checkpoint is never signed) — \(error.message)",
                sqliteCode: error.sqliteCode, sql: error.sql)
        }
        if error.message.contains("replacement nonce mismatch") {
            return AuditStoreError(
                .replacementNonceMismatch, "a fee-bump replacement must reuse the replaced transaction's nonce",
                sqliteCode: error.sqliteCode, sql: error.sql)
        }
        if error.message.contains("already settled") || error.message.contains("settlements.job_id") {
            return AuditStoreError(
                .alreadySettled, "the session already has a settlement; a session is never settled twice",
                sqliteCode: error.sqliteCode, sql: error.sql)
        }
        if error.message.contains("UNIQUE") || error.message.contains("PRIMARY KEY") {
            return AuditStoreError(
                .duplicateRecord, "\(duplicate) (\(error.message))", sqliteCode: error.sqliteCode, sql: error.sql)
        }
        if error.message.contains("CHECK constraint") {
            return AuditStoreError(
                .invalidInput,
                "a field is malformed (\(error.message)); amounts and job ids are decimal strings, hashes 32 bytes, "
                    + "envelopes and public inputs valid JSON",
                sqliteCode: error.sqliteCode, sql: error.sql)
        }
        if error.message.contains("FOREIGN KEY") {
            return AuditStoreError(
                .notFound,
                "a record this one refers to does not exist (record the session and checkpoint first) — "
                    + error.message,
                sqliteCode: error.sqliteCode, sql: error.sql)
        }
        return error
    }
}
