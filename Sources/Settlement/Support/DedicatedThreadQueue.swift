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
    /// job it takes from the queue, forever. Linux keeps at most 15 bytes of a thread's name (what `top -H`
    /// and `perf` show) and ignores a longer one, so the name is cut to fit.
    func start(
        name: String, threads: Int, prepare: @escaping @Sendable () -> Void = {},
        run: @escaping @Sendable (Job) -> Void
    ) {
        for index in 0..<max(1, threads) {
            let threadName = Self.threadName(name, index)
            let thread = Thread { [self] in
                Self.nameCurrentThread(threadName)
                prepare()
                while true { run(next()) }
            }
            thread.name = threadName
            thread.start()
        }
    }

    /// `name.index`, keeping the index and cutting `name` so the whole fits in 15 UTF-8 bytes.
    static func threadName(_ name: String, _ index: Int) -> String {
        let suffix = ".\(index)"
        var prefix = Substring(name)
        while prefix.utf8.count + suffix.utf8.count > 15, !prefix.isEmpty { prefix = prefix.dropLast() }
        return String(prefix) + suffix
    }

    /// Gives the calling thread `name` in the kernel, where `top -H`, `perf` and `/proc` show it.
    /// Foundation's `Thread.name` stays inside Foundation on Linux, and Glibc's `pthread_setname_np` is not
    /// visible to Swift, so the name is written to `/proc/thread-self/comm`. Naming is for diagnosis only:
    /// where `/proc` is missing (another OS, a locked-down container) the thread keeps its inherited name.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            var bytes = Array(name.utf8)
            bytes.append(0x0A)
            // A short or failed write leaves the inherited name; nothing depends on the name.
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
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
