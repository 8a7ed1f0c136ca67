import AuditStore
import Foundation
import Testing

/// Many writers at once: every write lands, the log stays one unbroken chain.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test("64 tasks each storing 10 checkpoints of their own session all land")
    func manyTasks() async throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask {
                    let job = String(1000 + task)
                    try store.recordSession(Fixtures.session(job))
                    for index in 0..<10 {
                        try store.recordCheckpoint(Fixtures.checkpoint(job, Int64(index)))
                        if index % 2 == 0 {
                            try await store.database.write { db in
                                try db.run(
                                    "UPDATE sessions SET updated_at_ms = updated_at_ms + 1 WHERE job_id = ?", [job])
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.listProofs(ProofQuery(limit: 10_000)).count == 640)
        let report = try store.checkLog()
        #expect(report.isIntact)
        #expect(report.entries == 64 + 640)
    }

    @Test("two connections to one file (two processes' worth) interleave through the busy timeout")
    func twoConnections() async throws {
        let directory = try TemporaryDirectory()
        let first = try AuditStore(path: directory.path())
        let second = try AuditStore(path: directory.path())
        try first.recordSession(Fixtures.session("1"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (offset, store) in [first, second].enumerated() {
                group.addTask {
                    for index in 0..<50 {
                        try store.recordCheckpoint(Fixtures.checkpoint("1", Int64(offset * 100 + index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try first.job("1")?.proofs.count == 100)
        #expect(try second.checkLog().isIntact)
    }
}
