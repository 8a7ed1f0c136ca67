import Foundation

/// A first-in, first-out job queue served by dedicated threads that live as long as the process: the
/// mechanism under ``BlockingWorkExecutor`` (task executor jobs) and ``ProverThreads`` (whole proofs).
final class DedicatedThreadQueue<Job: Sendable>: @unchecked Sendable {
    // @unchecked: `jobs` and `head` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0

    init() {}

    /// Starts `threads` threads named `name.0`, `name.1`, …; each runs `prepare` once, then `run` for every
    /// job it takes from the queue, forever.
    func start(
        name: String, threads: Int, prepare: @escaping @Sendable () -> Void = {},
        run: @escaping @Sendable (Job) -> Void
    ) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in
                prepare()
                while true { run(next()) }
            }
            thread.name = "\(name).\(index)"
            thread.start()
        }
    }

    /// Queues a job; a free thread runs it.
    func enqueue(_ job: Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Jobs queued and not yet started.
    var queuedJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - head
    }

    /// Waits for the oldest queued job and takes it, compacting the queue's storage now and then.
    private func next() -> Job {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count { condition.wait() }
        let job = jobs[head]
        head += 1
        if head == jobs.count || head > 1024 {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
