import Crypto
import Foundation

extension AuditStore {
    /// What the store derived when it recorded a checkpoint.
    public struct StoredCheckpoint: Sendable, Equatable {
        /// The proof's row id.
        public var proofID: Int64
        /// SHA-256 of the proof bytes: the on-chain `proofHash`.
        public var proofHash: Data
        /// The proof's CID (same digest).
        public var proofCID: ContentIdentifier
        /// The CID of the checkpoint's delta document, when one was stored.
        public var deltaCID: ContentIdentifier? = nil
    }

    /// Stores a proven checkpoint — inference result, checkpoint claim (status `stored`) and proof — and
    /// its audit entry, all in one transaction.
    /// - Parameter input: The checkpoint.
    /// - Returns: The proof id, hash and CID the store computed.
    /// - Throws: `proofHashMismatch` when the caller's hash differs from SHA-256 of the bytes;
    ///   `invalidInput` for malformed hashes or JSON; `duplicateRecord` when the checkpoint (or an identical
    ///   proof) is already stored; `notFound` when the session is not recorded.
    ///
    /// Concurrent callers are group-committed: their records share one transaction and one fsync, each in
    /// its own savepoint, and each call returns only once its record is durable (see ``GroupCommitter``).
    @discardableResult
    public func recordCheckpoint(_ input: CheckpointInput) throws -> StoredCheckpoint {
        let derived = try Self.prepare(input)
        // Refused here, before joining a group, so that a nested call cannot fail other callers' records.
        guard !database.isInsideOperation else {
            throw AuditStoreError(
                .invalidInput,
                "recordCheckpoint was called from inside another store operation; call it outside the closure")
        }
        return try checkpointCommitter.submit((input, derived)) { batch in
            let time = now
            try database.write { db in
                for request in batch {
                    let (input, derived) = request.input
                    try db.execute("SAVEPOINT checkpoint_record")
                    do {
                        request.result = .success(try Self.insert(input, derived: derived, time: time, db))
                    } catch {
                        // This record alone is undone; a failing rollback fails the whole group (rethrown).
                        try db.execute("ROLLBACK TO checkpoint_record")
                        request.result = .failure(
                            Self.classify(
                                error,
                                duplicate: "checkpoint \(input.jobID)/\(input.checkpointIndex) (or its proof) is "
                                    + "already stored"))
                    }
                    try db.execute("RELEASE checkpoint_record")
                }
            }
        }
    }

    /// Stores several proven checkpoints in one transaction (a group commit: one fsync for all).
    /// - Parameter inputs: The checkpoints.
    /// - Returns: What the store computed for each, in order.
    /// - Throws: As ``recordCheckpoint(_:)``; nothing is stored when any one fails.
    @discardableResult
    public func recordCheckpoints(_ inputs: [CheckpointInput]) throws -> [StoredCheckpoint] {
        let prepared = try inputs.map(Self.prepare)
        let time = now
        do {
            return try database.write { db in
                try zip(inputs, prepared).map { input, derived in
                    try Self.insert(input, derived: derived, time: time, db)
                }
            }
        } catch {
            let names = inputs.map { "\($0.jobID)/\($0.checkpointIndex)" }.joined(separator: ", ")
            throw Self.classify(error, duplicate: "checkpoint \(names) (or its proof) is already stored")
        }
    }

    static func prepare(_ input: CheckpointInput) throws -> (hash: Data, cid: ContentIdentifier) {
        guard input.promptHash.count == 32, input.responseHash.count == 32 else {
            throw AuditStoreError(
                .invalidInput,
                "prompt and response hashes are SHA-256 digests of 32 bytes (checkpoint \(input.jobID)/"
                    + "\(input.checkpointIndex))")
        }
        guard input.tokenRange.start >= 0, input.tokenRange.end >= input.tokenRange.start else {
            throw AuditStoreError(.invalidInput, "token range \(input.tokenRange) is empty-reversed or negative")
        }
        let cid = ContentIdentifier(of: input.proof.proofBytes)
        if let expected = input.proof.expectedProofHash, expected != cid.digest {
            throw AuditStoreError(
                .proofHashMismatch,
                "the proofHash handed in (\(Hex.encode(expected))) is not SHA-256 of the proof bytes "
                    + "(\(Hex.encode(cid.digest))); the proof was altered after hashing — prove again")
        }
        return (cid.digest, cid)
    }

    private static func insert(
        _ input: CheckpointInput, derived: (hash: Data, cid: ContentIdentifier), time: Int64, _ db: SQLiteConnection
    ) throws -> StoredCheckpoint {
        try db.run(
            "INSERT INTO inference_results (job_id, checkpoint_index, prompt_hash, response_hash, token_start, "
                + "token_end, prompt_text, response_text, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                input.jobID, input.checkpointIndex, input.promptHash, input.responseHash, input.tokenRange.start,
                input.tokenRange.end, input.promptText, input.responseText, time,
            ])
        try db.run(
            "INSERT INTO checkpoints (job_id, checkpoint_index, tokens_claimed, token_start, token_end, status, "
                + "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'stored', ?, ?)",
            [
                input.jobID, input.checkpointIndex, input.tokensClaimed, input.tokenRange.start, input.tokenRange.end,
                time, time,
            ])
        let proof = input.proof
        try db.run(
            "INSERT INTO proofs (job_id, checkpoint_index, envelope_json, proof_bytes, proof_hash, proof_cid, "
                + "key_fingerprint, backend, public_inputs_json, salt, created_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                input.jobID, input.checkpointIndex, proof.envelopeJSON, proof.proofBytes, derived.hash,
                derived.cid.description, proof.keyFingerprint, proof.backend, proof.publicInputsJSON, proof.salt, time,
            ])
        let proofID = db.lastInsertRowID
        try AuditLog.append(
            db, kind: .checkpointStored,
            subject: Self.checkpointSubject(job: input.jobID, index: input.checkpointIndex),
            payload: [
                "tokensClaimed": String(input.tokensClaimed), "tokenRange": input.tokenRange.description,
                "promptHash": Hex.encode(input.promptHash), "responseHash": Hex.encode(input.responseHash),
                "proofHash": Hex.encode(derived.hash), "proofCID": derived.cid.description,
                "keyFingerprint": proof.keyFingerprint, "backend": proof.backend,
                "envelopeSHA256": Hex.encode(SHA256.hash(data: Data(proof.envelopeJSON.utf8))),
                "publicInputsSHA256": Hex.encode(SHA256.hash(data: Data(proof.publicInputsJSON.utf8))),
            ], time: time)
        var deltaCID: ContentIdentifier?
        if let delta = input.delta {
            let cid = ContentIdentifier(of: delta.document)
            try db.run(
                "INSERT INTO checkpoint_deltas (job_id, checkpoint_index, document, delta_cid, signer, created_at_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?)",
                [input.jobID, input.checkpointIndex, delta.document, cid.description, delta.signer, time])
            try AuditLog.append(
                db, kind: .checkpointDeltaStored,
                subject: Self.checkpointSubject(job: input.jobID, index: input.checkpointIndex),
                payload: [
                    "deltaCID": cid.description, "signer": delta.signer, "length": String(delta.document.count),
                ], time: time)
            deltaCID = cid
        }
        return StoredCheckpoint(proofID: proofID, proofHash: derived.hash, proofCID: derived.cid, deltaCID: deltaCID)
    }

    /// Records a checkpoint's failure without a transaction (e.g. proving or signing failed).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - checkpointIndex: The checkpoint.
    ///   - reason: What failed.
    /// - Throws: `notFound` when the checkpoint is unknown.
    public func markCheckpointFailed(jobID: String, checkpointIndex: Int64, reason: String) throws {
        let time = now
        try database.write { db in
            let changed = try db.run(
                "UPDATE checkpoints SET status = 'failed', revert_reason = ?, updated_at_ms = ? "
                    + "WHERE job_id = ? AND checkpoint_index = ?", [reason, time, jobID, checkpointIndex])
            guard changed == 1 else {
                throw AuditStoreError(.notFound, "no checkpoint \(jobID)/\(checkpointIndex) in the store")
            }
            try AuditLog.append(
                db, kind: .submissionFailed, subject: Self.checkpointSubject(job: jobID, index: checkpointIndex),
                payload: ["reason": reason], time: time)
        }
    }
}
