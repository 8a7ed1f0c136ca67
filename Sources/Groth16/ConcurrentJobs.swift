import BN254
import Foundation

/// Runs the prover's independent pieces of work (transforms and multi-scalar multiplications) on
/// all cores at once, each job on one thread, taken in the order given.
///
/// A job that itself splits work across cores (an MSM, an FFT) runs that split inline while the
/// outer jobs occupy every core (libdispatch divides the width of a nested `concurrentPerform`),
/// and in parallel when it runs alone.
enum ConcurrentJobs {
    /// The number of active cores (at least 1; 1 inside ``WorkSplitting/serially(_:)``): how many parts
    /// each MSM is split into.
    static var coreCount: Int { WorkSplitting.partCount }

    /// Runs every job and returns when all have finished (one after another on the calling thread inside
    /// ``WorkSplitting/serially(_:)``).
    static func run(_ jobs: [@Sendable () -> Void]) {
        if jobs.isEmpty { return }
        if jobs.count == 1 || WorkSplitting.isSerial {
            for job in jobs { job() }
            return
        }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in jobs[index]() }
    }
}

/// One job's result, written once by the job and read after ``ConcurrentJobs/run(_:)`` returns.
final class JobResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Value, BN254Error>?

    init() {}

    /// Runs `body` and stores its value or error.
    func capture(_ body: () throws(BN254Error) -> Value) {
        let result: Result<Value, BN254Error>
        do {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        lock.withLock { stored = result }
    }

    /// The stored value.
    /// - Throws: the job's error, or a `.sizeMismatch` error when the job never ran.
    func value() throws(BN254Error) -> Value {
        switch lock.withLock({ stored }) {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: throw BN254Error(.sizeMismatch, "internal: a prover job did not run")
        }
    }
}
