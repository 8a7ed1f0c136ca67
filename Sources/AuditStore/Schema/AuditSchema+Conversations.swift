extension AuditSchema {
    /// Version 3: conversation records — the canonical JSON a session is settled with, named by the CID
    /// passed to `completeSessionJob(jobId, conversationCID)`. Written once per session, never changed.
    static let version3 = SchemaMigration(
        version: 3, name: "conversation records",
        sql: """
            CREATE TABLE conversation_records (
                job_id TEXT PRIMARY KEY REFERENCES sessions (job_id),
                cid TEXT NOT NULL UNIQUE,
                digest BLOB NOT NULL CHECK (length(digest) = 32),
                record_json TEXT NOT NULL CHECK (json_valid(record_json)),
                created_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE TRIGGER conversation_records_immutable BEFORE UPDATE ON conversation_records
            BEGIN
                SELECT RAISE(ABORT, 'a conversation record is immutable');
            END;
            CREATE TRIGGER conversation_records_never_deleted BEFORE DELETE ON conversation_records
            BEGIN
                SELECT RAISE(ABORT, 'a conversation record is never deleted');
            END;
            """)
}
