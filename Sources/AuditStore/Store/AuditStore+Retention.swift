import Foundation

extension AuditStore {
    /// Nulls the prompt and response text of every session settled (or timed out) longer ago than the
    /// retention period; the hashes stay. Logged as one audit entry per purge that removed anything.
    /// - Parameter now: The time to purge as of (default: the store's clock).
    /// - Returns: How many inference results lost their text.
    @discardableResult
    public func purgeExpiredText(asOf now: Date? = nil) throws -> Int {
        let time = (now ?? clock()).millisecondsSince1970
        let cutoff = time - Int64((configuration.textRetentionAfterSettlement * 1000).rounded())
        return try database.write { db in
            let changed = try db.run(
                "UPDATE inference_results SET prompt_text = NULL, response_text = NULL, text_purged_at_ms = ? "
                    + "WHERE (prompt_text IS NOT NULL OR response_text IS NOT NULL) AND job_id IN ("
                    + "SELECT job_id FROM settlements WHERE settled_at_ms IS NOT NULL AND settled_at_ms <= ?)",
                [time, cutoff])
            if changed > 0 {
                try AuditLog.append(
                    db, kind: .textPurged, subject: "retention",
                    payload: ["results": String(changed), "settledBeforeMs": String(cutoff)], time: time)
            }
            return changed
        }
    }
}
