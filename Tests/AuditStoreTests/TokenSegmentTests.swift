import AuditStore
import Foundation
import Testing

/// The `token_segments` table (schema version 4): insert once, repeats return the stored row, rows are
/// immutable and belong to a recorded session.
@Suite("Token segments")
struct TokenSegmentTests {
    func segment(_ sequence: Int64, text: String = "a", hashByte: UInt8 = 1, job: String = "7") -> TokenSegmentRecord {
        TokenSegmentRecord(
            jobID: job, sequence: sequence, contentHash: Data(repeating: hashByte, count: 32), promptText: "p",
            responseText: text, tokens: 10 + sequence)
    }

    @Test("a segment is stored once; a repeat returns the stored row untouched")
    func insertOnce() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try store.recordSession(Fixtures.session("7"))
        let first = try store.recordTokenSegment(segment(0))
        #expect(first.inserted && first.record == segment(0))
        #expect(try store.recordTokenSegment(segment(1)).inserted)
        let repeated = try store.recordTokenSegment(segment(0, text: "other", hashByte: 2))
        #expect(!repeated.inserted)
        #expect(repeated.record == segment(0))
        #expect(try store.tokenSegments(jobID: "7") == [segment(0), segment(1)])
        #expect(try store.tokenSegments(jobID: "8").isEmpty)
    }

    @Test("segments are immutable, need a recorded session and a 32-byte hash")
    func constraints() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try store.recordSession(Fixtures.session("7"))
        _ = try store.recordTokenSegment(segment(0))
        #expect(throws: AuditStoreError.self) {
            try store.database.write { db in
                try db.run("UPDATE token_segments SET tokens = 99 WHERE job_id = '7'")
            }
        }
        #expect(throws: AuditStoreError.self) { try store.recordTokenSegment(segment(0, job: "unknown")) }
        var short = segment(1)
        short.contentHash = Data([1, 2, 3])
        #expect(throws: AuditStoreError.self) { try store.recordTokenSegment(short) }
        #expect(try store.tokenSegments(jobID: "7").count == 1)
    }
}
