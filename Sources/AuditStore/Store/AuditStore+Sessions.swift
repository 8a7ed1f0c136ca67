import Foundation

extension AuditStore {
    /// Records a session the host serves.
    /// - Parameter session: The session (its `createdAt` is set by the store).
    /// - Throws: `duplicateRecord` when the job is already recorded; `constraint` for malformed fields.
    public func recordSession(_ session: SessionRecord) throws {
        let time = now
        do {
            try database.write { db in
                try db.run(
                    "INSERT INTO sessions (\(SessionRecord.columns), updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        session.jobID, session.chainID, session.contractAddress, session.hostAddress, session.modelID,
                        session.proofInterval, session.pricePerToken, session.deposit, session.status.name, time, time,
                    ])
                try AuditLog.append(
                    db, kind: .sessionRecorded, subject: Self.jobSubject(session.jobID),
                    payload: [
                        "chainID": String(session.chainID), "contract": session.contractAddress,
                        "host": session.hostAddress, "modelID": session.modelID,
                        "proofInterval": String(session.proofInterval), "pricePerToken": session.pricePerToken,
                        "deposit": session.deposit, "status": session.status.name,
                    ], time: time)
            }
        } catch {
            throw Self.classify(error, duplicate: "session \(session.jobID) is already recorded")
        }
    }

    /// Changes a session's status.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - status: The new status.
    /// - Throws: `notFound` when the session is unknown.
    public func updateSessionStatus(jobID: String, to status: SessionStatus) throws {
        let time = now
        try database.write { db in
            let changed = try db.run(
                "UPDATE sessions SET status = ?, updated_at_ms = ? WHERE job_id = ?", [status.name, time, jobID])
            guard changed == 1 else {
                throw AuditStoreError(.notFound, "no session \(jobID) in the store; record the session first")
            }
            try AuditLog.append(
                db, kind: .sessionStatusChanged, subject: Self.jobSubject(jobID), payload: ["status": status.name],
                time: time)
        }
    }

    /// Reads one session.
    /// - Parameter jobID: The job.
    /// - Returns: The session, or nil.
    public func session(jobID: String) throws -> SessionRecord? {
        try database.read { db in
            try db.queryFirst("SELECT \(SessionRecord.columns) FROM sessions WHERE job_id = ?", [jobID])
                .map(SessionRecord.init(row:))
        }
    }

    /// Lists sessions, newest first, optionally only those in `status`.
    /// - Parameters:
    ///   - status: Only this status (nil for all).
    ///   - limit: At most this many.
    /// - Returns: The sessions.
    public func sessions(status: SessionStatus? = nil, limit: Int = 1_000) throws -> [SessionRecord] {
        try database.read { db in
            try db.query(
                "SELECT \(SessionRecord.columns) FROM sessions WHERE (?1 IS NULL OR status = ?1) "
                    + "ORDER BY created_at_ms DESC, job_id LIMIT ?2", [status?.name, limit]
            ).map(SessionRecord.init(row:))
        }
    }
}
