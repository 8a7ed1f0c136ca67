import AuditStore
import Foundation
import Testing

@testable import ProofnodeService

/// The segment writer's group commit on its own thread: concurrent writes are all durable and share
/// batches, a bad segment fails alone, and an idle writer starts again for the next write.
@Suite("Segment writer")
struct SegmentWriterTests {
    static func store() throws -> AuditStore {
        let directory = ServiceFixture.temporaryDirectory("segments")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try AuditStore(path: directory + "/store.sqlite")
        for job in ["1", "2", "3", "4"] {
            try store.recordSession(
                SessionRecord(
                    jobID: job, chainID: 31337, contractAddress: "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4",
                    hostAddress: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                    modelID: "0x" + String(repeating: "ab", count: 32), proofInterval: 1000,
                    pricePerToken: "1000000000", deposit: "1000000000000000000"))
        }
        return store
    }

    static func record(_ job: String, _ sequence: Int64) -> TokenSegmentRecord {
        TokenSegmentRecord(
            jobID: job, sequence: sequence, contentHash: Data(repeating: UInt8(sequence & 0xff), count: 32),
            promptText: "", responseText: "segment \(sequence) of \(job)", tokens: 10 + sequence)
    }

    @Test("200 concurrent writes over 4 sessions: every one stored and read back, in fewer batches than writes")
    func concurrentWrites() async throws {
        let store = try Self.store()
        let writer = SegmentWriter(store: store)
        let outcomes = await withTaskGroup(of: (String, Int64, Bool).self) { group in
            for job in ["1", "2", "3", "4"] {
                group.addTask {
                    // One session's segments one at a time (as the ingest writes them), sessions concurrently.
                    var inserted = true
                    for sequence in Int64(0)..<50 {
                        let outcome = await writer.write(Self.record(job, sequence))
                        if case .success(let stored) = outcome, stored.inserted,
                            stored.record == Self.record(job, sequence)
                        {
                            continue
                        }
                        inserted = false
                    }
                    return (job, 50, inserted)
                }
            }
            var all: [(String, Int64, Bool)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 4)
        #expect(outcomes.allSatisfy { $0.2 })
        for job in ["1", "2", "3", "4"] {
            let stored = try store.tokenSegments(jobID: job)
            #expect(stored == (0..<50).map { Self.record(job, $0) })
        }
        #expect(writer.batchesCommitted >= 1)
        #expect(writer.batchesCommitted <= 200)
    }

    @Test("a segment of an unknown session fails alone; a repeat reports the stored row, not inserted")
    func failsAlone() async throws {
        let store = try Self.store()
        let writer = SegmentWriter(store: store)
        async let good = writer.write(Self.record("1", 0))
        async let bad = writer.write(Self.record("999", 0))
        let (goodOutcome, badOutcome) = await (good, bad)
        #expect(try goodOutcome.get().inserted)
        #expect(throws: (any Error).self) { try badOutcome.get() }
        let repeated = try await writer.write(Self.record("1", 0)).get()
        #expect(!repeated.inserted)
        #expect(repeated.record == Self.record("1", 0))
        #expect(try store.tokenSegments(jobID: "1").count == 1)
    }
}
