import Foundation

extension AuditStore {
    /// Lists proofs matching `query`, newest first.
    /// - Parameter query: Filters and paging.
    /// - Returns: One summary per proof.
    /// - Throws: `invalidInput` for a page size outside 1…10,000 or a negative offset.
    public func listProofs(_ query: ProofQuery = ProofQuery()) throws -> [ProofSummary] {
        guard (1...10_000).contains(query.limit), query.offset >= 0 else {
            throw AuditStoreError(.invalidInput, "page size must be 1…10000 and offset non-negative")
        }
        // Only the filters given become SQL conditions, so SQLite can use the index each one needs
        // (a `? IS NULL OR column = ?` form would force a full scan).
        var conditions: [String] = []
        var arguments: [any SQLiteBindable] = []
        if let jobID = query.jobID {
            conditions.append("p.job_id = ?")
            arguments.append(jobID)
        }
        if let host = query.hostAddress {
            conditions.append("s.host_address = ? COLLATE NOCASE")
            arguments.append(host)
        }
        if let status = query.status {
            conditions.append("c.status = ?")
            arguments.append(status.name)
        }
        if let from = query.from {
            conditions.append("p.created_at_ms >= ?")
            arguments.append(from.millisecondsSince1970)
        }
        if let to = query.to {
            conditions.append("p.created_at_ms < ?")
            arguments.append(to.millisecondsSince1970)
        }
        // The page of ids is chosen first from narrow index rows, and only those rows are then read in
        // full (a filter matching thousands of proofs would otherwise read and sort every one of them).
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql =
            ProofSummary.select
                + """

                JOIN (SELECT p.id AS id FROM proofs p
                    JOIN checkpoints c ON c.job_id = p.job_id AND c.checkpoint_index = p.checkpoint_index
                    JOIN sessions s ON s.job_id = p.job_id\(filter)
                    ORDER BY p.created_at_ms DESC, p.id DESC LIMIT ? OFFSET ?) page ON page.id = p.id
                ORDER BY p.created_at_ms DESC, p.id DESC
                """
        arguments.append(query.limit)
        arguments.append(query.offset)
        return try database.read { db in try db.query(sql, arguments).map(ProofSummary.init(row:)) }
    }

    /// Reads one proof by its CID (or by its 0x-hex proof hash).
    /// - Parameters:
    ///   - id: The proof's CID (`bafkrei…`) or proofHash.
    ///   - includeSecrets: Whether to read the salt too (auditor openings only).
    /// - Returns: The proof, or nil.
    /// - Throws: `invalidCID` for an id that is neither a CID nor a 32-byte hex hash.
    public func proof(id: String, includeSecrets: Bool = false) throws -> ProofRecord? {
        let digest: Data
        if let hash = Hex.decode(id), hash.count == 32, id.hasPrefix("0x") {
            digest = hash
        } else {
            digest = try ContentIdentifier(parsing: id).digest
        }
        let columns = ProofRecord.publicColumns + (includeSecrets ? ", salt" : "")
        return try database.read { db in
            try db.queryFirst("SELECT \(columns) FROM proofs WHERE proof_hash = ?", [digest])
                .map { try ProofRecord(row: $0, includesSalt: includeSecrets) }
        }
    }

    /// Reads everything about one job in one snapshot.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - includeSecrets: Whether proofs carry their salts.
    /// - Returns: The report, or nil when the job is unknown.
    public func job(_ jobID: String, includeSecrets: Bool = false) throws -> JobReport? {
        let proofColumns = ProofRecord.publicColumns + (includeSecrets ? ", salt" : "")
        return try database.read { db in
            guard
                let session = try db.queryFirst(
                    "SELECT \(SessionRecord.columns) FROM sessions WHERE job_id = ?", [jobID]
                ).map(SessionRecord.init(row:))
            else { return nil }
            return JobReport(
                session: session,
                results: try db.query(
                    "SELECT \(InferenceResultRecord.columns) FROM inference_results WHERE job_id = ? "
                        + "ORDER BY checkpoint_index", [jobID]
                ).map(InferenceResultRecord.init(row:)),
                checkpoints: try db.query(
                    "SELECT \(CheckpointRecord.columns) FROM checkpoints WHERE job_id = ? ORDER BY checkpoint_index",
                    [jobID]
                ).map(CheckpointRecord.init(row:)),
                proofs: try db.query(
                    "SELECT \(proofColumns) FROM proofs WHERE job_id = ? ORDER BY checkpoint_index", [jobID]
                ).map { try ProofRecord(row: $0, includesSalt: includeSecrets) },
                submissions: try db.query(
                    "SELECT \(SubmissionRecord.columns) FROM submissions WHERE job_id = ? ORDER BY id", [jobID]
                ).map(SubmissionRecord.init(row:)),
                settlement: try db.queryFirst(
                    "SELECT \(SettlementRecord.columns) FROM settlements WHERE job_id = ?", [jobID]
                ).map(SettlementRecord.init(row:)),
                disputes: try db.query(
                    "SELECT \(DisputeRecord.columns) FROM disputes WHERE job_id = ? ORDER BY id", [jobID]
                ).map(DisputeRecord.init(row:)))
        }
    }
}
