/// An error from the audit store: SQLite failures, constraint violations that protect the
/// "never twice" rules, schema versions this build does not know, and inconsistent input.
///
/// The ``code`` tells what kind of problem it is (and can be matched on); the ``message`` says what
/// went wrong and what to do. SQLite failures also carry SQLite's result code, SQLite's own message
/// and the SQL that failed (never bound values: those may be secrets).
public struct AuditStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of audit-store errors. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The database file could not be opened or created.
        public static let cannotOpen = Code("cannotOpen")
        /// SQLite reported an error not covered by a more specific code.
        public static let sqlite = Code("sqlite")
        /// The database is locked by another connection for longer than the busy timeout.
        public static let busy = Code("busy")
        /// A UNIQUE, CHECK, FOREIGN KEY or trigger constraint refused the change.
        public static let constraint = Code("constraint")
        /// The store was written by a newer proofnode whose schema this build does not know.
        public static let schemaTooNew = Code("schemaTooNew")
        /// A schema migration failed; the store is left at the previous version.
        public static let migrationFailed = Code("migrationFailed")
        /// A checkpoint already has a submission; a second transaction for it is refused.
        public static let duplicateSubmission = Code("duplicateSubmission")
        /// A replacement transaction does not reuse the nonce of the one it replaces.
        public static let replacementNonceMismatch = Code("replacementNonceMismatch")
        /// The session is already settled (or a settlement is in flight); it is never settled twice.
        public static let alreadySettled = Code("alreadySettled")
        /// A record with the same key already exists (session, checkpoint, proof).
        public static let duplicateRecord = Code("duplicateRecord")
        /// A record the operation needs does not exist.
        public static let notFound = Code("notFound")
        /// The proof hash handed in does not equal SHA-256 of the proof bytes.
        public static let proofHashMismatch = Code("proofHashMismatch")
        /// Input that is malformed or inconsistent (e.g. a token range that ends before it starts).
        public static let invalidInput = Code("invalidInput")
        /// A state transition that the record's current status does not allow.
        public static let invalidTransition = Code("invalidTransition")
        /// A stored value that cannot be read back as the expected type (a corrupt or edited row).
        public static let corruptRow = Code("corruptRow")
        /// A content identifier string that is not a CIDv1 raw/sha2-256 in base32.
        public static let invalidCID = Code("invalidCID")
    }

    /// What kind of error this is.
    public let code: Code
    /// What was wrong and what to do.
    public let message: String
    /// SQLite's extended result code, when SQLite reported the failure.
    public let sqliteCode: Int32?
    /// The SQL statement that failed, when there was one (bound values are never included).
    public let sql: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of error.
    ///   - message: What was wrong and what to do.
    ///   - sqliteCode: SQLite's extended result code, if any.
    ///   - sql: The failing statement's SQL, if any.
    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
        self.sql = sql
    }

    /// `AuditStoreError.code: message [sqlite N] [sql: …]`.
    public var description: String {
        var text = "AuditStoreError.\(code): \(message)"
        if let sqliteCode { text += " [sqlite \(sqliteCode)]" }
        if let sql { text += " [sql: \(sql)]" }
        return text
    }
}
