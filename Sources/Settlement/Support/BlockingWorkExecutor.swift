import Foundation

/// A task executor whose jobs run on a few dedicated threads, for pipeline work that blocks its thread:
/// Groth16 proving (CPU for tens of milliseconds) and synchronous SQLite calls that wait for an fsync.
///
/// Swift's cooperative pool has one thread per core (two on a small host). Blocking work run there —
/// a proof, a store write queued behind other writes — holds those threads, and every other task of
/// the process (the HTTP handlers included) waits for them. Tasks created with this executor as their
/// preference (`Task(executorPreference:)`) run their nonisolated code here instead, so the cooperative
/// pool stays free; actor-isolated code still runs on its actor.
public final class BlockingWorkExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` is guarded by `condition`.

    /// The process-wide executor of checkpoint submissions (four threads).
    public static let shared = BlockingWorkExecutor(name: "proofnode.pipeline", threads: 4)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0

    /// Starts `threads` worker threads (they live as long as the process).
    /// - Parameters:
    ///   - name: The threads' name prefix (seen in debuggers and `top -H`).
    ///   - threads: How many jobs may block at once (at least 1).
    public init(name: String, threads: Int) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in work() }
            thread.name = "\(name).\(index)"
            thread.start()
        }
    }

    /// Queues a job; a free worker thread runs it.
    /// - Parameter job: The job.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Jobs queued and not yet started (a gauge of how far behind the workers are).
    public var queuedJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - head
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count || head > 1024 {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
