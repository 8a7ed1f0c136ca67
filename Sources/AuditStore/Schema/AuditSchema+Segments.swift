extension AuditSchema {
    /// Version 4: the token segments a host streams into `proofnode serve` (`POST /v1/sessions/{job}/tokens`).
    ///
    /// A segment is accepted only once its row is committed, so that a restarted node rebuilds each
    /// session's token count and checkpoint plan from here. `sequence` is the client's per-session
    /// number (0, 1, 2, … without gaps); `content_hash` lets a retried segment be recognised as the same.
    /// Rows are immutable.
    static let version4 = SchemaMigration(
        version: 4, name: "token segments",
        sql: """
            CREATE TABLE token_segments (
                job_id TEXT NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence >= 0),
                content_hash BLOB NOT NULL CHECK (length(content_hash) = 32),
                prompt_text TEXT NOT NULL,
                response_text TEXT NOT NULL,
                tokens INTEGER NOT NULL CHECK (tokens > 0),
                created_at_ms INTEGER NOT NULL,
                PRIMARY KEY (job_id, sequence),
                FOREIGN KEY (job_id) REFERENCES sessions (job_id)
            ) STRICT;
            CREATE TRIGGER token_segments_immutable BEFORE UPDATE ON token_segments
            BEGIN SELECT RAISE(ABORT, 'token segments are immutable'); END;
            """)
}
