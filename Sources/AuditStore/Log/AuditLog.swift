import Foundation

/// Appends to and verifies the hash-chained audit log. Appends happen inside the caller's write
/// transaction, so an entry exists exactly when its change does.
enum AuditLog {
    /// Appends one entry describing a change made in the same transaction.
    /// - Parameters:
    ///   - db: The connection inside the change's write transaction.
    ///   - kind: What changed.
    ///   - subject: What it concerns.
    ///   - payload: Details (string values; never secrets).
    ///   - time: The change's time in milliseconds.
    static func append(
        _ db: SQLiteConnection, kind: AuditEventKind, subject: String, payload: [String: String], time: Int64
    ) throws {
        let previous = try db.queryFirst("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let sequence = (try previous?.int64(0) ?? 0) + 1
        let previousHash = try previous?.bytes(1) ?? [UInt8](AuditLogEntry.genesisHash)
        let payloadJSON = encode(payload)
        let canonical = AuditLogEntry.canonicalBytes(
            sequence: sequence, timeMilliseconds: time, kind: kind.name, subject: subject, payload: payloadJSON)
        let entryHash = AuditLogEntry.hash(previous: previousHash, canonical: canonical)
        try db.run(
            "INSERT INTO audit_log (seq, at_ms, kind, subject, payload_json, prev_hash, entry_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [sequence, time, kind.name, subject, payloadJSON, previousHash, entryHash])
    }

    /// Canonical JSON of a flat string map: keys sorted, no whitespace, JSON string escaping.
    static func encode(_ payload: [String: String]) -> String {
        let members = payload.sorted { $0.key < $1.key }.map { "\(quote($0.key)):\(quote($0.value))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
