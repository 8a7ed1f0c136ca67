extension AuditSchema {
    /// Version 2: the signed checkpoint deltas that `deltaCID` names (one per checkpoint, immutable).
    ///
    /// `document` holds the exact bytes the CID is computed over (CIDv1, raw codec, sha2-256), so
    /// anyone can recompute `delta_cid` from it; `signer` is the host address that signed the delta
    /// with EIP-191.
    static let version2 = SchemaMigration(
        version: 2, name: "checkpoint deltas",
        sql: """
            CREATE TABLE checkpoint_deltas (
                job_id TEXT NOT NULL,
                checkpoint_index INTEGER NOT NULL,
                document BLOB NOT NULL CHECK (length(document) > 0),
                delta_cid TEXT NOT NULL UNIQUE CHECK (delta_cid GLOB 'b*'),
                signer TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL,
                PRIMARY KEY (job_id, checkpoint_index),
                FOREIGN KEY (job_id, checkpoint_index) REFERENCES checkpoints (job_id, checkpoint_index)
            ) STRICT;
            CREATE TRIGGER checkpoint_deltas_immutable BEFORE UPDATE ON checkpoint_deltas
            BEGIN SELECT RAISE(ABORT, 'checkpoint deltas are immutable'); END;
            """)
}
