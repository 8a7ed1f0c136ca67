import BN254
import Foundation

/// The checkpoint pipeline's prover threads: a few dedicated threads, at a lower scheduling priority,
/// that each run one proof at a time from start to end (``WorkSplitting/serially(_:)``).
///
/// Proving is the one CPU-heavy step of the pipeline (tens of milliseconds of both cores per Groth16
/// proof), and it must never delay the request path. Run as before — on a ``BlockingWorkExecutor``
/// thread that splits each proof across libdispatch's shared workers — a proof's parts occupied the
/// same worker threads that Swift's cooperative pool runs on (on Linux), so that token requests waited
/// behind proof arithmetic. Here a proof never leaves its own thread: throughput comes from several
/// proofs of different sessions side by side, and the threads' lower priority (`nice` +10 on Linux)
/// lets the scheduler run the request path first whenever both want a core.
public final class ProverThreads: Sendable {
    /// The process-wide prover threads (two, niceness +10).
    public static var shared: ProverThreads { pool(threads: 2) }

    private static let pools = PoolRegistry()

    /// The process-wide prover threads of that size (made on first use, then shared: threads are never
    /// stopped, so each size is made once per process).
    /// - Parameter threads: How many proofs run at once (clamped to 1…64).
    public static func pool(threads: Int) -> ProverThreads { pools.pool(threads: min(64, max(1, threads))) }

    /// The default niceness increment of the threads (Linux: per thread; lower priority than the rest).
    public static let defaultNiceness: Int32 = 10

    private let queue = DedicatedThreadQueue<@Sendable () -> Void>()
    /// The number of threads.
    public let threadCount: Int

    /// Starts `threads` prover threads (they live as long as the process).
    /// - Parameters:
    ///   - name: The threads' name prefix (seen in `top -H` and debuggers).
    ///   - threads: How many proofs run at once (at least 1).
    ///   - niceness: How much lower than the process the threads' priority is (0: the same; Linux only).
    public init(name: String, threads: Int, niceness: Int32 = ProverThreads.defaultNiceness) {
        threadCount = max(1, threads)
        queue.start(
            name: name, threads: threadCount,
            prepare: {
                #if os(Linux)
                    // Linux keeps a niceness per thread: `who` 0 is the calling thread only. A failure
                    // (e.g. a seccomp filter) leaves the thread at the process's priority, which is correct,
                    // just less polite.
                    if niceness != 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
                #endif
            },
            run: { job in job() })
    }

    /// Proofs queued and not yet started (how far behind the threads are).
    public var queuedJobs: Int {
        queue.queuedJobs
    }

    /// Runs `body` on a prover thread, with split computations kept on that thread, and returns its
    /// result; the calling task is suspended meanwhile (no thread of the caller's waits).
    /// - Parameter body: The work (one proof).
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw.
    public func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            enqueue {
                let outcome: Result<T, E> = WorkSplitting.serially {
                    do throws(E) {
                        return .success(try body())
                    } catch {
                        return .failure(error)
                    }
                }
                continuation.resume(returning: outcome)
            }
        }
        return try result.get()
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        queue.enqueue(job)
    }
}

/// The shared ``ProverThreads`` by size.
private final class PoolRegistry: @unchecked Sendable {
    // @unchecked: `pools` is guarded by `lock`.
    private let lock = NSLock()
    private var pools: [Int: ProverThreads] = [:]

    func pool(threads: Int) -> ProverThreads {
        lock.withLock {
            if let pool = pools[threads] { return pool }
            let pool = ProverThreads(name: "pn.prover", threads: threads)
            pools[threads] = pool
            return pool
        }
    }
}
