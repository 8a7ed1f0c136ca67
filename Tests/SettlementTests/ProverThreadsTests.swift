import BN254
import Foundation
import Testing

@testable import Settlement

/// The pipeline's prover threads: work runs off the caller on the pool's own threads, serially split,
/// below the process's priority, several jobs at once, and results and typed errors come back.
@Suite("Prover threads")
struct ProverThreadsTests {
    struct Probe: Sendable, Equatable {
        var serial: Bool
        var partCount: Int
        var niceness: Int32
    }

    static func probe() -> Probe {
        #if os(Linux)
            let niceness = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
            let niceness: Int32 = 0
        #endif
        return Probe(
            serial: WorkSplitting.isSerial, partCount: WorkSplitting.partCount, niceness: niceness)
    }

    @Test("a job runs on a prover thread, unsplit, below the caller's priority, and returns its value")
    func runsOnProverThread() async throws {
        let pool = ProverThreads(name: "test.prover", threads: 1, niceness: 5)
        let caller = Self.probe()
        let seen = await pool.run { Self.probe() }
        #expect(seen.serial)
        #expect(seen.partCount == 1)
        #if os(Linux)
            // Raising one's own niceness is always allowed (up to 19).
            #expect(seen.niceness == min(19, caller.niceness + 5))
        #endif
        #expect(!WorkSplitting.isSerial, "the caller's own setting is untouched")
    }

    @Test("prover threads carry their name where `top -H` and perf see it, cut to Linux's 15 bytes")
    func threadNames() async throws {
        #expect(DedicatedThreadQueue<Int>.threadName("pn.prover", 1) == "pn.prover.1")
        #expect(DedicatedThreadQueue<Int>.threadName("proofnode.pipeline", 12) == "proofnode.pi.12")
        #expect(DedicatedThreadQueue<Int>.threadName("proofnode.pipeline", 3).utf8.count == 15)
        #if os(Linux)
            let pool = ProverThreads(name: "test.names", threads: 1, niceness: 0)
            // The kernel's name of the calling thread.
            let seen = await pool.run { () -> String in
                do {
                    return try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                } catch {
                    return "unreadable: \(error)"
                }
            }
            #expect(seen == "test.names.0")
        #endif
    }

    @Test("a typed error thrown by the job is rethrown to the caller")
    func rethrowsTypedError() async {
        let pool = ProverThreads.pool(threads: 1)
        await #expect(throws: SubmissionError.self) {
            _ = try await pool.run { () throws(SubmissionError) -> Int in
                throw SubmissionError(.provingFailed, "test", jobID: "1", checkpointIndex: 0)
            }
        }
    }

    @Test("two threads run two jobs at the same time (each waits for the other to start)")
    func concurrentJobs() async throws {
        let pool = ProverThreads(name: "test.pair", threads: 2, niceness: 0)
        let barrier = Barrier(parties: 2)
        async let first = pool.run { barrier.arriveAndWait() }
        async let second = pool.run { barrier.arriveAndWait() }
        // A deadlock guard, not a timing assertion: one thread alone would leave both parties waiting.
        let results = await [first, second]
        #expect(results == [true, true])
    }

    @Test("pools are shared by size")
    func sharedBySize() {
        #expect(ProverThreads.pool(threads: 3) === ProverThreads.pool(threads: 3))
        #expect(ProverThreads.shared === ProverThreads.pool(threads: 2))
        #expect(ProverThreads.pool(threads: 0).threadCount == 1)
    }
}

/// Waits until `parties` threads have arrived (false when the 60 s deadlock guard ran out).
final class Barrier: @unchecked Sendable {
    // @unchecked: `arrived` is guarded by `condition`.
    private let condition = NSCondition()
    private var arrived = 0
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let limit = Date().addingTimeInterval(60)
        while arrived < parties {
            if !condition.wait(until: limit) { return false }
        }
        return true
    }
}
