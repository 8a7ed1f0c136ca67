import AuditStore
import Crypto
import Foundation
import Testing

/// The hash-chained audit log: intact chains pass, and edits made behind proofnode's back are found.
@Suite("Audit log")
struct AuditLogTests {
    let directory: TemporaryDirectory
    let store: AuditStore

    init() throws {
        (directory, store) = try Fixtures.storeWithSession(checkpoints: 4)
        try store.recordDispute(jobID: "1", reasons: ["x"])
    }

    /// What someone with the database file can do: drop the append-only triggers, then edit.
    func tamper(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws {
        try store.database.write { db in
            try db.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
            try db.run(sql, arguments)
        }
    }

    @Test("entry hashes follow the documented formula (recomputed here from the specification)")
    func formula() throws {
        var previous = Data(repeating: 0, count: 32)
        for entry in try store.logEntries() {
            var bytes = Data()
            func be64(_ value: Int64) {
                withUnsafeBytes(of: UInt64(bitPattern: value).bigEndian) { bytes.append(contentsOf: $0) }
            }
            func text(_ value: String) {
                withUnsafeBytes(of: UInt32(value.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: value.utf8)
            }
            be64(entry.sequence)
            be64(Int64((entry.time.timeIntervalSince1970 * 1000).rounded()))
            text(entry.kind.name)
            text(entry.subject)
            text(entry.payloadJSON)
            #expect(entry.previousHash == previous)
            #expect(entry.entryHash == Data(SHA256.hash(data: previous + bytes)))
            previous = entry.entryHash
        }
    }

    @Test("payload strings are JSON-escaped exactly (quotes, backslash, controls), other UTF-8 kept as is")
    func payloadEscaping() throws {
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("esc"))
        let reason = "say \"no\" \\ now\nthen\ttab\u{01}\u{1F} é 🙂"
        try store.markSubmissionFailed(txHash: Fixtures.txHash("esc"), error: reason)
        let entry = try #require(try store.logEntries().last)
        // Written by hand from RFC 8259 §7 (the log's canonical form: sorted keys, lowercase \u escapes).
        let expected =
            #"{"error":"say \"no\" \\ now\nthen\ttab\u0001\u001f é 🙂","txHash":""#
            + Hex.encode(Fixtures.txHash("esc")) + #""}"#
        #expect(entry.payloadJSON == expected)
        let parsed = try JSONSerialization.jsonObject(with: Data(entry.payloadJSON.utf8)) as? [String: String]
        #expect(parsed?["error"] == reason)
        #expect(try store.checkLog().isIntact)
    }

    @Test("UPDATE and DELETE on the log are refused by the database")
    func appendOnly() throws {
        for sql in ["UPDATE audit_log SET subject = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"] {
            let error = try #require(throws: AuditStoreError.self) {
                try store.database.write { db in try db.run(sql) }
            }
            #expect(error.message.contains("append-only"))
        }
    }

    @Test("an edited entry is found at its sequence number")
    func editedEntry() throws {
        try tamper("UPDATE audit_log SET payload_json = replace(payload_json, '1000', '9000') WHERE seq = 3")
        let report = try store.checkLog()
        #expect(!report.isIntact)
        #expect(report.firstBrokenSequence == 3)
        #expect(report.entries == 6)
    }

    @Test("an entry re-hashed after editing breaks the link of the next one")
    func rehashedEntry() throws {
        try tamper("UPDATE audit_log SET entry_hash = randomblob(32) WHERE seq = 2")
        #expect(try store.checkLog().firstBrokenSequence == 2)
        try store.database.write { db in try db.run("UPDATE audit_log SET entry_hash = randomblob(32) WHERE seq = 2") }
        #expect(try store.checkLog().firstBrokenSequence == 2)
    }

    @Test("a deleted entry is found at the first missing sequence number")
    func deletedEntry() throws {
        try tamper("DELETE FROM audit_log WHERE seq = 4")
        let report = try store.checkLog()
        #expect(report.firstBrokenSequence == 4)
        #expect(report.problems.first?.detail.contains("missing") == true)
    }

    @Test("proof bytes edited in the proofs table no longer match their hash or the log")
    func editedProof() throws {
        try store.database.write { db in
            try db.run("UPDATE proofs SET proof_bytes = CAST(x'00' || proof_bytes AS BLOB) WHERE checkpoint_index = 1")
        }
        let report = try store.checkLog()
        #expect(report.firstBrokenSequence == nil)  // the chain itself is intact…
        #expect(!report.isIntact)  // …but the proof is not what was logged
        #expect(report.problems.contains { $0.detail.contains("job/1/checkpoint/1") })
    }

    @Test("a proof swapped consistently (bytes, hash and CID) still differs from the logged hash")
    func swappedProof() throws {
        let bytes = Data("forged".utf8)
        let cid = ContentIdentifier(of: bytes)
        try store.database.write { db in
            try db.run(
                "UPDATE proofs SET proof_bytes = ?, proof_hash = ?, proof_cid = ? WHERE checkpoint_index = 2",
                [bytes, cid.digest, cid.description])
        }
        let report = try store.checkLog()
        #expect(
            report.problems.map(\.detail) == ["job/1/checkpoint/2: the proofHash differs from the one the log recorded"]
        )
    }

    @Test("an intact store checks clean")
    func intact() throws {
        let report = try store.checkLog()
        #expect(report.isIntact)
        #expect(report.entries == 6)
        #expect(report.proofsChecked == 4)
    }
}
