import Foundation

/// A token segment as ``AuditStore/recordTokenSegments(_:)`` stored it.
public struct StoredTokenSegment: Sendable, Equatable {
    /// The stored row (the earlier one when a row with that job and sequence existed).
    public var record: TokenSegmentRecord
    /// Whether this call inserted the row (false: compare ``TokenSegmentRecord/contentHash`` to tell a
    /// retry from a conflict).
    public var inserted: Bool

    /// Creates a value.
    public init(record: TokenSegmentRecord, inserted: Bool) {
        self.record = record
        self.inserted = inserted
    }
}

extension AuditStore {
    /// Stores several token segments in one transaction — one fsync for the batch (a group commit) —
    /// each in its own savepoint, so that one bad segment (an unknown session, a malformed field) fails
    /// alone. Waits for the connection on the store's own dispatch queue, not on the calling task's thread.
    /// - Parameter segments: The segments, of any sessions.
    /// - Returns: One result per segment, in order: the stored row, or why it was not stored. When the
    ///   transaction itself fails (disk full, I/O error), every result carries that error and nothing of
    ///   the batch is stored.
    public func recordTokenSegments(_ segments: [TokenSegmentRecord]) async -> [Result<StoredTokenSegment, any Error>] {
        guard !segments.isEmpty else { return [] }
        let time = now
        do {
            return try await database.write { db in try Self.insertTokenSegments(segments, time: time, db) }
        } catch {
            return segments.map { _ in .failure(error) }
        }
    }

    /// The asynchronous ``recordTokenSegments(_:)`` on the calling thread, which waits for the connection
    /// and the (group) commit's fsync: for a thread of the caller's own (a dedicated writer thread), never
    /// for a thread of Swift's cooperative pool.
    /// - Parameter segments: The segments, of any sessions.
    /// - Returns: One result per segment, as the asynchronous form.
    public func recordTokenSegmentsBlocking(_ segments: [TokenSegmentRecord]) -> [Result<StoredTokenSegment, any Error>]
    {
        guard !segments.isEmpty else { return [] }
        let time = now
        do {
            return try database.write { db in try Self.insertTokenSegments(segments, time: time, db) }
        } catch {
            return segments.map { _ in .failure(error) }
        }
    }

    /// Inserts `segments` inside the caller's transaction, each in its own savepoint.
    static func insertTokenSegments(
        _ segments: [TokenSegmentRecord], time: Int64, _ db: SQLiteConnection
    ) throws -> [Result<StoredTokenSegment, any Error>] {
        var results: [Result<StoredTokenSegment, any Error>] = []
        results.reserveCapacity(segments.count)
        for segment in segments {
            try db.execute("SAVEPOINT token_segment")
            do {
                results.append(.success(try insertTokenSegment(segment, time: time, db)))
            } catch {
                // This segment alone is undone; a failing rollback fails the whole batch (rethrown).
                try db.execute("ROLLBACK TO token_segment")
                results.append(.failure(error))
            }
            try db.execute("RELEASE token_segment")
        }
        return results
    }

    /// Inserts `segment` unless a row with its job and sequence exists, and reads the row back.
    static func insertTokenSegment(
        _ segment: TokenSegmentRecord, time: Int64, _ db: SQLiteConnection
    ) throws -> StoredTokenSegment {
        let changed = try db.run(
            "INSERT INTO token_segments (\(TokenSegmentRecord.columns), created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (job_id, sequence) DO NOTHING",
            [
                segment.jobID, segment.sequence, segment.contentHash, segment.promptText, segment.responseText,
                segment.tokens, time,
            ])
        guard
            let row = try db.queryFirst(
                "SELECT \(TokenSegmentRecord.columns) FROM token_segments WHERE job_id = ? AND sequence = ?",
                [segment.jobID, segment.sequence])
        else {
            throw AuditStoreError(
                .notFound, "token segment \(segment.sequence) of job \(segment.jobID) vanished after its insert")
        }
        return StoredTokenSegment(record: try TokenSegmentRecord(row: row), inserted: changed > 0)
    }
}
