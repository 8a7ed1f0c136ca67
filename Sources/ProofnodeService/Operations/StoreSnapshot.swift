import AuditStore
import Foundation

/// Counts read from the audit store for the `/metrics` gauges: pending submissions and the age of the
/// oldest, sessions by status, disputes. Read in one snapshot transaction at scrape time.
struct StoreSnapshot: Sendable, Equatable {
    var pendingSubmissions: Int64
    var oldestPendingSeconds: Double
    var sessionsByStatus: [String: Int64]
    var disputes: Int64

    /// Reads the snapshot.
    static func read(from store: AuditStore, now: Date = Date()) throws -> StoreSnapshot {
        try store.database.read { db in
            let pending = try db.queryFirst(
                "SELECT COUNT(*), MIN(created_at_ms) FROM submissions WHERE status IN ('signed', 'broadcast')")
            let count = try pending?.int64(0) ?? 0
            let oldest = try pending?.optionalInt64(1)
            var sessions: [String: Int64] = [:]
            for row in try db.query("SELECT status, COUNT(*) FROM sessions GROUP BY status") {
                sessions[try row.string(0)] = try row.int64(1)
            }
            let disputes = try db.queryFirst("SELECT COUNT(*) FROM disputes")?.int64(0) ?? 0
            let age = oldest.map { max(0, now.timeIntervalSince1970 - Double($0) / 1_000) } ?? 0
            return StoreSnapshot(
                pendingSubmissions: count, oldestPendingSeconds: age, sessionsByStatus: sessions, disputes: disputes)
        }
    }
}
