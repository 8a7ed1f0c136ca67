import Foundation

extension AuditStore {
    /// Stores a token segment durably, or returns the one already stored under its sequence number.
    /// - Parameter segment: The segment (its session must be recorded).
    /// - Returns: The stored row and whether this call inserted it (false: a row with that job and
    ///   sequence existed — the caller compares ``TokenSegmentRecord/contentHash`` to tell a retry from a
    ///   conflict).
    /// - Throws: `constraint` for malformed fields or an unknown session.
    public func recordTokenSegment(_ segment: TokenSegmentRecord) throws -> (record: TokenSegmentRecord, inserted: Bool)
    {
        let time = now
        return try database.write { db in
            let stored = try Self.insertTokenSegment(segment, time: time, db)
            return (stored.record, stored.inserted)
        }
    }

    /// The stored token segments of a job, in sequence order.
    /// - Parameter jobID: The job.
    /// - Returns: The segments.
    public func tokenSegments(jobID: String) throws -> [TokenSegmentRecord] {
        try database.read { db in
            try db.query(
                "SELECT \(TokenSegmentRecord.columns) FROM token_segments WHERE job_id = ? ORDER BY sequence", [jobID]
            ).map(TokenSegmentRecord.init(row:))
        }
    }
}
