import Crypto
import Foundation

/// What an audit-log entry records. A struct over strings so that new kinds do not break callers.
public struct AuditEventKind: NamedValue {
    /// The kind's stable name (stored as text).
    public let name: String
    /// Creates a kind.
    public init(_ name: String) { self.name = name }

    /// A session was registered.
    public static let sessionRecorded = AuditEventKind("session.recorded")
    /// A session's status changed.
    public static let sessionStatusChanged = AuditEventKind("session.status")
    /// A checkpoint (result, proof, claim) was stored.
    public static let checkpointStored = AuditEventKind("checkpoint.stored")
    /// A checkpoint's signed conversation delta (the document `deltaCID` names) was stored.
    public static let checkpointDeltaStored = AuditEventKind("checkpoint.delta")
    /// A signed submission was stored before broadcast.
    public static let submissionSigned = AuditEventKind("submission.signed")
    /// A submission was replaced by a fee bump with the same nonce.
    public static let submissionReplaced = AuditEventKind("submission.replaced")
    /// A submission was broadcast.
    public static let submissionBroadcast = AuditEventKind("submission.broadcast")
    /// A submission was mined with success.
    public static let submissionConfirmed = AuditEventKind("submission.confirmed")
    /// A submission reverted or was rejected.
    public static let submissionFailed = AuditEventKind("submission.failed")
    /// A settlement transaction was signed and stored.
    public static let settlementSigned = AuditEventKind("settlement.signed")
    /// A settlement transaction was broadcast.
    public static let settlementBroadcast = AuditEventKind("settlement.broadcast")
    /// A settlement was confirmed with its payment.
    public static let settlementConfirmed = AuditEventKind("settlement.confirmed")
    /// A settlement attempt failed.
    public static let settlementFailed = AuditEventKind("settlement.failed")
    /// The session timed out on-chain.
    public static let settlementTimedOut = AuditEventKind("settlement.timedOut")
    /// A dispute was recorded.
    public static let disputeRecorded = AuditEventKind("dispute.recorded")
    /// A dispute was resolved.
    public static let disputeResolved = AuditEventKind("dispute.resolved")
    /// Retained text past its retention was purged.
    public static let textPurged = AuditEventKind("retention.purged")
}

/// One entry of the append-only audit log.
///
/// `entryHash = SHA-256(previousHash ‖ canonical bytes)`, where the canonical bytes are the sequence and
/// time as 8-byte big-endian integers followed by kind, subject and payload, each as a 4-byte big-endian
/// length and its UTF-8 bytes. The first entry's `previousHash` is 32 zero bytes.
public struct AuditLogEntry: Sendable, Equatable, Codable {
    /// The position in the log (1, 2, 3 … with no gaps).
    public var sequence: Int64
    /// When the change was made (milliseconds precision).
    public var time: Date
    /// What kind of change.
    public var kind: AuditEventKind
    /// What it concerns (e.g. `job/42/checkpoint/3`).
    public var subject: String
    /// The change's details as JSON (never secrets).
    public var payloadJSON: String
    /// The previous entry's hash.
    public var previousHash: Data
    /// This entry's hash.
    public var entryHash: Data

    static let columns = "seq, at_ms, kind, subject, payload_json, prev_hash, entry_hash"

    /// The hash preceding the first entry.
    public static let genesisHash = Data(repeating: 0, count: 32)

    init(row: SQLiteRow) throws {
        sequence = try row.int64(0)
        time = try row.date(1)
        kind = AuditEventKind(try row.string(2))
        subject = try row.string(3)
        payloadJSON = try row.string(4)
        previousHash = Data(try row.bytes(5))
        entryHash = Data(try row.bytes(6))
    }

    /// The canonical bytes of an entry's content (everything but the hashes).
    static func canonicalBytes(
        sequence: Int64, timeMilliseconds: Int64, kind: String, subject: String, payload: String
    )
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32 + kind.utf8.count + subject.utf8.count + payload.utf8.count)
        func append64(_ value: Int64) {
            withUnsafeBytes(of: UInt64(bitPattern: value).bigEndian) { bytes.append(contentsOf: $0) }
        }
        func appendText(_ text: String) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: text.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: text.utf8)
        }
        append64(sequence)
        append64(timeMilliseconds)
        appendText(kind)
        appendText(subject)
        appendText(payload)
        return bytes
    }

    /// `SHA-256(previousHash ‖ canonical bytes)`.
    static func hash(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonical)
        return Array(hasher.finalize())
    }
}
