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

/// Concurrent single-record writes share transactions but succeed or fail one by one.
@Suite("Group commit")
struct GroupCommitTests {
    @Test("duplicates among concurrent writers fail alone; every other record lands and the log stays whole")
    func failuresStayIsolated() async throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try store.recordSession(Fixtures.session("1"))
        for index in 0..<20 where index % 4 == 0 {
            try store.recordCheckpoint(Fixtures.checkpoint("1", Int64(index)))
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int64, AuditStoreError.Code?).self) { group in
            for index in Int64(0)..<20 {
                group.addTask {
                    do {
                        try store.recordCheckpoint(Fixtures.checkpoint("1", index, variant: "again"))
                        return (index, nil)
                    } catch let error as AuditStoreError {
                        return (index, error.code)
                    }
                }
            }
            var outcomes: [Int64: AuditStoreError.Code?] = [:]
            for try await (index, code) in group { outcomes[index] = code }
            return outcomes
        }
        for index in Int64(0)..<20 {
            let expected: AuditStoreError.Code? = index % 4 == 0 ? .duplicateRecord : nil
            #expect(outcomes[index] == expected, "checkpoint \(index)")
        }
        let report = try #require(try store.job("1"))
        #expect(report.checkpoints.count == 20)
        #expect(report.results.count == 20)
        #expect(report.proofs.count == 20)
        let log = try store.checkLog()
        #expect(log.isIntact)
        #expect(log.entries == 1 + 20)
    }
}
