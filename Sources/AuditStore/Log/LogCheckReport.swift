import Foundation

/// The outcome of ``AuditStore/checkLog()``: whether the hash chain holds end to end and whether the
/// stored proofs still match what the log recorded when they were stored.
public struct LogCheckReport: Sendable, Equatable, Codable {
    /// One thing found wrong.
    public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
        /// The log sequence number concerned, when the problem is in the chain.
        public var sequence: Int64?
        /// What was found, in words, with what it means.
        public var detail: String
        /// `#seq: detail` or the detail alone.
        public var description: String { sequence.map { "#\($0): \(detail)" } ?? detail }
    }

    /// How many log entries were read.
    public var entries: Int64
    /// The hash of the last entry (record it elsewhere to detect truncation of the tail later).
    public var headHash: Data
    /// The first sequence number at which the chain is broken (an edited, inserted or deleted entry), or
    /// nil when the chain is intact.
    public var firstBrokenSequence: Int64?
    /// How many stored proofs were cross-checked against the log.
    public var proofsChecked: Int64
    /// Everything found wrong, chain first.
    public var problems: [Problem]

    /// True when the chain and every cross-check hold.
    public var isIntact: Bool { problems.isEmpty }
}

extension LogCheckReport {
    /// Verifies the chain on `db` and cross-checks every stored proof against its log entry.
    static func check(_ db: SQLiteConnection) throws -> LogCheckReport {
        var problems: [Problem] = []
        var firstBroken: Int64?
        var expectedSequence: Int64 = 1
        var previousHash = [UInt8](AuditLogEntry.genesisHash)
        var storedProofHashes: [String: String] = [:]
        var count: Int64 = 0
        func broken(_ sequence: Int64, _ detail: String) {
            if firstBroken == nil { firstBroken = sequence }
            problems.append(Problem(sequence: sequence, detail: detail))
        }
        var after: Int64 = 0
        let page = 5_000
        while true {
            let rows = try db.query(
                "SELECT \(AuditLogEntry.columns) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", [after, page])
            for row in rows {
                count += 1
                let sequence = try row.int64(0)
                after = sequence
                guard firstBroken == nil else { continue }
                let time = try row.int64(1)
                let kind = try row.string(2)
                let subject = try row.string(3)
                let payload = try row.string(4)
                let storedPrevious = try row.bytes(5)
                let storedHash = try row.bytes(6)
                if sequence != expectedSequence {
                    broken(
                        expectedSequence,
                        "entries \(expectedSequence)…\(sequence - 1) are missing (deleted from the log)")
                    continue
                }
                if storedPrevious != previousHash {
                    broken(sequence, "the previous-hash link does not match entry \(sequence - 1)")
                    continue
                }
                let canonical = AuditLogEntry.canonicalBytes(
                    sequence: sequence, timeMilliseconds: time, kind: kind, subject: subject, payload: payload)
                if AuditLogEntry.hash(previous: previousHash, canonical: canonical) != storedHash {
                    broken(sequence, "the entry's content does not match its hash (the entry was edited)")
                    continue
                }
                if kind == AuditEventKind.checkpointStored.name, let hash = Self.field("proofHash", in: payload) {
                    storedProofHashes[subject] = hash
                }
                previousHash = storedHash
                expectedSequence = sequence + 1
            }
            if rows.count < page { break }
        }
        let proofsChecked = try crossCheckProofs(db, against: storedProofHashes, chainIntact: firstBroken == nil) {
            problems.append($0)
        }
        return LogCheckReport(
            entries: count, headHash: Data(previousHash), firstBrokenSequence: firstBroken,
            proofsChecked: proofsChecked, problems: problems)
    }

    private static func crossCheckProofs(
        _ db: SQLiteConnection, against logged: [String: String], chainIntact: Bool, report: (Problem) -> Void
    ) throws -> Int64 {
        var checked: Int64 = 0
        let rows = try db.query("SELECT job_id, checkpoint_index, proof_bytes, proof_hash, proof_cid FROM proofs")
        for row in rows {
            checked += 1
            let job = try row.string(0)
            let index = try row.int64(1)
            let bytes = try row.bytes(2)
            let hash = try row.bytes(3)
            let cid = try row.string(4)
            let computed = ContentIdentifier(of: bytes)
            let subject = AuditStore.checkpointSubject(job: job, index: index)
            if computed.digest != Data(hash) {
                report(Problem(detail: "\(subject): the proof bytes no longer hash to the stored proofHash"))
            }
            if computed.description != cid {
                report(Problem(detail: "\(subject): the stored proofCID does not name the proof bytes"))
            }
            if let loggedHash = logged[subject] {
                if loggedHash != Hex.encode(hash) {
                    report(Problem(detail: "\(subject): the proofHash differs from the one the log recorded"))
                }
            } else if chainIntact {
                report(Problem(detail: "\(subject): a proof with no log entry (inserted outside proofnode)"))
            }
        }
        return checked
    }

    /// Reads a string member of a flat JSON object written by ``AuditLog/encode(_:)``.
    private static func field(_ name: String, in json: String) -> String? {
        // An unparsable payload has no proofHash; the proof is then reported as having no log entry.
        do {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?[name] as? String
        } catch {
            return nil
        }
    }
}
