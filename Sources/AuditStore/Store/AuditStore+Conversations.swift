import Foundation

extension AuditEventKind {
    /// A session's conversation record (the settlement's `conversationCID`) was stored.
    public static let conversationRecorded = AuditEventKind("conversation.recorded")
}

/// A session's conversation record: the canonical JSON a settlement names by its CID.
public struct ConversationRecordEntry: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: String
    /// The record's CID (CIDv1, raw, sha2-256, base32 — as the proof CIDs).
    public var cid: String
    /// SHA-256 of ``json``'s UTF-8 bytes (the CID's digest).
    public var digest: Data
    /// The canonical JSON text.
    public var json: String
    /// When it was stored.
    public var createdAt: Date

    static let columns = "job_id, cid, digest, record_json, created_at_ms"

    init(row: SQLiteRow) throws {
        jobID = try row.string(0)
        cid = try row.string(1)
        digest = Data(try row.bytes(2))
        json = try row.string(3)
        createdAt = try row.date(4)
    }
}

extension AuditStore {
    /// Stores a session's conversation record, once. Storing the identical record again returns the
    /// stored one; a different record for the same session is refused (records are immutable).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - json: The canonical JSON text (its UTF-8 bytes are what the CID names).
    /// - Returns: The stored record.
    /// - Throws: `duplicateRecord` when a different record is already stored; `notFound` for an unknown
    ///   session; `invalidInput` for text that is not JSON.
    @discardableResult
    public func recordConversation(jobID: String, json: String) throws -> ConversationRecordEntry {
        let cid = ContentIdentifier(of: Data(json.utf8))
        let time = now
        do {
            return try database.write { db in
                let select = "SELECT \(ConversationRecordEntry.columns) FROM conversation_records WHERE job_id = ?"
                if let existing = try db.queryFirst(select, [jobID]).map(ConversationRecordEntry.init(row:)) {
                    guard existing.digest == cid.digest else {
                        throw AuditStoreError(
                            .duplicateRecord,
                            "session \(jobID) already has conversation record \(existing.cid); records are immutable "
                                + "(a settlement names exactly one)")
                    }
                    return existing
                }
                guard try db.queryFirst("SELECT 1 FROM sessions WHERE job_id = ?", [jobID]) != nil else {
                    throw AuditStoreError(.notFound, "no session \(jobID) in the store; record the session first")
                }
                try db.run(
                    "INSERT INTO conversation_records (job_id, cid, digest, record_json, created_at_ms) "
                        + "VALUES (?, ?, ?, ?, ?)", [jobID, cid.description, cid.digest, json, time])
                try AuditLog.append(
                    db, kind: .conversationRecorded, subject: Self.jobSubject(jobID),
                    payload: ["cid": cid.description, "digest": Hex.encode(cid.digest)], time: time)
                guard let stored = try db.queryFirst(select, [jobID]).map(ConversationRecordEntry.init(row:)) else {
                    throw AuditStoreError(.notFound, "the conversation record of \(jobID) vanished while storing it")
                }
                return stored
            }
        } catch {
            throw Self.classify(error, duplicate: "a conversation record for \(jobID) is already stored")
        }
    }

    /// Reads a session's conversation record.
    /// - Parameter jobID: The job.
    /// - Returns: The record, or nil.
    public func conversation(jobID: String) throws -> ConversationRecordEntry? {
        try database.read { db in
            try db.queryFirst(
                "SELECT \(ConversationRecordEntry.columns) FROM conversation_records WHERE job_id = ?", [jobID]
            ).map(ConversationRecordEntry.init(row:))
        }
    }
}
