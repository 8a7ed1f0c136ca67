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

    /// A JSON string literal. Most payload values (hex digests, CIDs, decimal numbers) need no escaping and
    /// are copied whole; the byte-wise path escapes `"`, `\\` and control characters and copies everything
    /// else, UTF-8 included, unchanged — the same text the scalar-by-scalar definition gives.
    static func quote(_ text: String) -> String {
        let needsEscaping = text.utf8.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
        guard needsEscaping else { return "\"" + text + "\"" }
        var output: [UInt8] = [0x22]
        output.reserveCapacity(text.utf8.count + 8)
        let hexDigits = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, 0x6E]
            case 0x0D: output += [0x5C, 0x72]
            case 0x09: output += [0x5C, 0x74]
            case _ where byte < 0x20:
                output += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(0x22)
        return String(decoding: output, as: UTF8.self)
    }
}
