import Foundation

/// A task executor whose jobs run on a few dedicated threads, for pipeline work that blocks its thread:
/// Groth16 proving (CPU for tens of milliseconds) and synchronous SQLite calls that wait for an fsync.
///
/// Swift's cooperative pool has one thread per core (two on a small host). Blocking work run there —
/// a proof, a store write queued behind other writes — holds those threads, and every other task of
/// the process (the HTTP handlers included) waits for them. Tasks created with this executor as their
/// preference (`Task(executorPreference:)`) run their nonisolated code here instead, so the cooperative
/// pool stays free; actor-isolated code still runs on its actor.
public final class BlockingWorkExecutor: TaskExecutor, Sendable {
    /// The process-wide executor of checkpoint submissions (four threads).
    public static let shared = BlockingWorkExecutor(name: "pn.pipeline", threads: 4)

    private let queue = DedicatedThreadQueue<UnownedJob>()

    /// Starts `threads` worker threads (they live as long as the process).
    /// - Parameters:
    ///   - name: The threads' name prefix (seen in debuggers and `top -H`).
    ///   - threads: How many jobs may block at once (at least 1).
    public init(name: String, threads: Int) {
        queue.start(name: name, threads: threads) { [self] job in
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Queues a job; a free worker thread runs it.
    /// - Parameter job: The job.
    public func enqueue(_ job: consuming ExecutorJob) {
        queue.enqueue(UnownedJob(job))
    }

    /// Jobs queued and not yet started (a gauge of how far behind the workers are).
    public var queuedJobs: Int {
        queue.queuedJobs
    }
}
