import Foundation

extension AuditStore {
    /// Records a dispute: validation refused the session's settlement, with every reason.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - reasons: Every reason (non-empty).
    /// - Returns: The dispute's id.
    /// - Throws: `invalidInput` for no reasons; `notFound` when the session is unknown.
    @discardableResult
    public func recordDispute(jobID: String, reasons: [String]) throws -> Int64 {
        guard !reasons.isEmpty else {
            throw AuditStoreError(.invalidInput, "a dispute needs at least one reason")
        }
        let json = String(decoding: try JSONEncoder().encode(reasons), as: UTF8.self)
        let time = now
        do {
            return try database.write { db in
                try db.run(
                    "INSERT INTO disputes (job_id, reasons_json, created_at_ms) VALUES (?, ?, ?)", [jobID, json, time])
                let id = db.lastInsertRowID
                try AuditLog.append(
                    db, kind: .disputeRecorded, subject: Self.jobSubject(jobID),
                    payload: ["disputeID": String(id), "reasons": json], time: time)
                return id
            }
        } catch {
            throw Self.classify(error, duplicate: "dispute already recorded")
        }
    }

    /// Marks a dispute resolved.
    /// - Parameters:
    ///   - id: The dispute.
    ///   - resolution: How it was resolved.
    /// - Throws: `notFound`, or `invalidTransition` when already resolved.
    public func resolveDispute(id: Int64, resolution: String) throws {
        let time = now
        try database.write { db in
            guard let row = try db.queryFirst("SELECT job_id, resolved_at_ms FROM disputes WHERE id = ?", [id]) else {
                throw AuditStoreError(.notFound, "no dispute \(id)")
            }
            guard row.isNull(1) else {
                throw AuditStoreError(.invalidTransition, "dispute \(id) is already resolved")
            }
            try db.run(
                "UPDATE disputes SET resolved_at_ms = ?, resolution = ? WHERE id = ?", [time, resolution, id])
            try AuditLog.append(
                db, kind: .disputeResolved, subject: Self.jobSubject(try row.string(0)),
                payload: ["disputeID": String(id), "resolution": resolution], time: time)
        }
    }

    /// A session's disputes, oldest first.
    /// - Parameter jobID: The job.
    /// - Returns: The disputes.
    public func disputes(jobID: String) throws -> [DisputeRecord] {
        try database.read { db in
            try db.query("SELECT \(DisputeRecord.columns) FROM disputes WHERE job_id = ? ORDER BY id", [jobID])
                .map(DisputeRecord.init(row:))
        }
    }
}
