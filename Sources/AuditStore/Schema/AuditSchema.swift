/// The audit store's schema history. Append new migrations; never edit a released one.
///
/// Every table is `STRICT` (SQLite checks column types) and every rule that protects money is a
/// constraint or trigger in the database itself, so that it holds for any writer, not only this code:
/// - one live transaction per checkpoint: a partial unique index on `submissions` plus a trigger that
///   allows a second row only as an explicit replacement (same job, checkpoint and nonce — a fee bump);
/// - a session is settled once: `settlements.job_id` is the primary key and a confirmed settlement row
///   can no longer change;
/// - the audit log is append-only: triggers refuse UPDATE and DELETE (an attacker with the file can
///   drop them — which ``AuditStore/checkLog()`` then detects through the hash chain).
public enum AuditSchema {
    /// Every known migration, in order.
    public static let migrations: [SchemaMigration] = [version1, version2, version3, version4]

    /// The migrator over ``migrations``.
    public static let migrator = SchemaMigrator(migrations: migrations)

    /// Decimal text of a non-negative integer (uint256 amounts and job ids exceed Int64).
    private static func decimal(_ column: String) -> String {
        "CHECK (length(\(column)) BETWEEN 1 AND 78 AND \(column) NOT GLOB '*[^0-9]*')"
    }

    /// Like ``decimal(_:)`` but NULL is allowed.
    private static func optionalDecimal(_ column: String) -> String {
        "CHECK (\(column) IS NULL OR (length(\(column)) BETWEEN 1 AND 78 AND \(column) NOT GLOB '*[^0-9]*'))"
    }

    static let version1 = SchemaMigration(
        version: 1, name: "initial audit schema",
        sql: """
            CREATE TABLE sessions (
                job_id TEXT PRIMARY KEY \(decimal("job_id")),
                chain_id INTEGER NOT NULL CHECK (chain_id > 0),
                contract_address TEXT NOT NULL,
                host_address TEXT NOT NULL,
                model_id TEXT NOT NULL,
                proof_interval INTEGER NOT NULL CHECK (proof_interval > 0),
                price_per_token TEXT NOT NULL \(decimal("price_per_token")),
                deposit TEXT NOT NULL \(decimal("deposit")),
                status TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX sessions_by_host ON sessions (host_address COLLATE NOCASE);

            CREATE TABLE inference_results (
                job_id TEXT NOT NULL REFERENCES sessions (job_id),
                checkpoint_index INTEGER NOT NULL CHECK (checkpoint_index >= 0),
                prompt_hash BLOB NOT NULL CHECK (length(prompt_hash) = 32),
                response_hash BLOB NOT NULL CHECK (length(response_hash) = 32),
                token_start INTEGER NOT NULL CHECK (token_start >= 0),
                token_end INTEGER NOT NULL CHECK (token_end >= token_start),
                prompt_text TEXT,
                response_text TEXT,
                text_purged_at_ms INTEGER,
                created_at_ms INTEGER NOT NULL,
                PRIMARY KEY (job_id, checkpoint_index)
            ) STRICT;

            CREATE TABLE checkpoints (
                job_id TEXT NOT NULL,
                checkpoint_index INTEGER NOT NULL,
                tokens_claimed INTEGER NOT NULL CHECK (tokens_claimed >= 0),
                token_start INTEGER NOT NULL CHECK (token_start >= 0),
                token_end INTEGER NOT NULL CHECK (token_end >= token_start),
                status TEXT NOT NULL
                    CHECK (status IN ('proven', 'stored', 'signed', 'broadcast', 'confirmed', 'failed')),
                revert_reason TEXT,
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                PRIMARY KEY (job_id, checkpoint_index),
                FOREIGN KEY (job_id, checkpoint_index) REFERENCES inference_results (job_id, checkpoint_index)
            ) STRICT;
            CREATE INDEX checkpoints_by_status ON checkpoints (status);

            CREATE TABLE proofs (
                id INTEGER PRIMARY KEY,
                job_id TEXT NOT NULL,
                checkpoint_index INTEGER NOT NULL,
                envelope_json TEXT NOT NULL CHECK (json_valid(envelope_json)),
                proof_bytes BLOB NOT NULL,
                proof_hash BLOB NOT NULL UNIQUE CHECK (length(proof_hash) = 32),
                proof_cid TEXT NOT NULL UNIQUE,
                key_fingerprint TEXT NOT NULL,
                backend TEXT NOT NULL,
                public_inputs_json TEXT NOT NULL CHECK (json_valid(public_inputs_json)),
                salt BLOB,
                created_at_ms INTEGER NOT NULL,
                UNIQUE (job_id, checkpoint_index),
                FOREIGN KEY (job_id, checkpoint_index) REFERENCES checkpoints (job_id, checkpoint_index)
            ) STRICT;
            CREATE INDEX proofs_by_time ON proofs (created_at_ms);
            CREATE INDEX proofs_by_job_time ON proofs (job_id, created_at_ms, checkpoint_index);

            CREATE TABLE submissions (
                id INTEGER PRIMARY KEY,
                job_id TEXT NOT NULL,
                checkpoint_index INTEGER NOT NULL,
                nonce INTEGER NOT NULL CHECK (nonce >= 0),
                raw_transaction BLOB NOT NULL,
                tx_hash BLOB NOT NULL UNIQUE CHECK (length(tx_hash) = 32),
                status TEXT NOT NULL
                    CHECK (status IN ('signed', 'broadcast', 'confirmed', 'failed', 'replaced')),
                block_number INTEGER,
                gas_used INTEGER,
                error TEXT,
                replaces_id INTEGER UNIQUE REFERENCES submissions (id),
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                FOREIGN KEY (job_id, checkpoint_index) REFERENCES checkpoints (job_id, checkpoint_index)
            ) STRICT;
            CREATE UNIQUE INDEX submissions_one_live ON submissions (job_id, checkpoint_index)
                WHERE status <> 'replaced';
            CREATE INDEX submissions_by_status ON submissions (status);
            CREATE TRIGGER submissions_first_only BEFORE INSERT ON submissions
                WHEN NEW.replaces_id IS NULL AND EXISTS (
                    SELECT 1 FROM submissions WHERE job_id = NEW.job_id AND checkpoint_index = NEW.checkpoint_index)
            BEGIN
                SELECT RAISE(ABORT, 'duplicate submission: the checkpoint already has a transaction');
            END;
            CREATE TRIGGER submissions_replacement_same_nonce BEFORE INSERT ON submissions
                WHEN NEW.replaces_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM submissions WHERE id = NEW.replaces_id AND job_id = NEW.job_id
                        AND checkpoint_index = NEW.checkpoint_index AND nonce = NEW.nonce AND status = 'replaced')
            BEGIN
                SELECT RAISE(ABORT, 'replacement nonce mismatch: a replacement must reuse the nonce of the replaced transaction of the same checkpoint');
            END;
            CREATE TRIGGER submissions_immutable BEFORE UPDATE OF job_id, checkpoint_index, nonce, raw_transaction,
                tx_hash, replaces_id ON submissions
            BEGIN
                SELECT RAISE(ABORT, 'a signed transaction is immutable');
            END;

            CREATE TABLE settlements (
                job_id TEXT PRIMARY KEY REFERENCES sessions (job_id),
                conversation_cid TEXT NOT NULL,
                nonce INTEGER CHECK (nonce >= 0),
                raw_transaction BLOB,
                tx_hash BLOB UNIQUE CHECK (tx_hash IS NULL OR length(tx_hash) = 32),
                status TEXT NOT NULL CHECK (status IN ('signed', 'broadcast', 'confirmed', 'failed', 'timedOut')),
                block_number INTEGER,
                gas_used INTEGER,
                host_earnings TEXT \(optionalDecimal("host_earnings")),
                user_refund TEXT \(optionalDecimal("user_refund")),
                tokens_used INTEGER CHECK (tokens_used >= 0),
                error TEXT,
                attempts INTEGER NOT NULL DEFAULT 1,
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                settled_at_ms INTEGER
            ) STRICT;
            CREATE TRIGGER settlements_final BEFORE UPDATE ON settlements
                WHEN OLD.status IN ('confirmed', 'timedOut')
            BEGIN
                SELECT RAISE(ABORT, 'already settled: a settled session is never settled twice');
            END;
            CREATE TRIGGER settlements_never_deleted BEFORE DELETE ON settlements
            BEGIN
                SELECT RAISE(ABORT, 'settlement records are never deleted');
            END;

            CREATE TABLE disputes (
                id INTEGER PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES sessions (job_id),
                reasons_json TEXT NOT NULL CHECK (json_valid(reasons_json)),
                created_at_ms INTEGER NOT NULL,
                resolved_at_ms INTEGER,
                resolution TEXT
            ) STRICT;
            CREATE INDEX disputes_by_job ON disputes (job_id);

            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                payload_json TEXT NOT NULL,
                prev_hash BLOB NOT NULL,
                entry_hash BLOB NOT NULL
            ) STRICT;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            """)
}
