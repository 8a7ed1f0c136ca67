import Dispatch
import Foundation

/// Coalesces concurrent single-record writes into one transaction — one fsync for the group — while
/// each caller still returns only after its own record is durable, and fails alone if its record fails.
///
/// The first caller to arrive leads: it takes every waiting request, runs them in one write transaction
/// (each in its own savepoint, so one bad record does not undo the others), commits, and wakes the
/// others with their results. Requests that arrive meanwhile wait; when the leader finishes it hands
/// leadership to the first of them. With one caller at a time this is exactly one transaction per record.
final class GroupCommitter<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: `pending` and `leading` are guarded by `lock`; a request's `result` is written by the
    // leader before its semaphore is signalled and read by its owner only after the wait returns.

    /// One caller's record and, once processed, its outcome.
    final class Request {
        let input: Input
        var result: Result<Output, any Error>?
        let wake = DispatchSemaphore(value: 0)
        init(_ input: Input) { self.input = input }
    }

    private let lock = NSLock()
    private var pending: [Request] = []
    private var leading = false

    /// Requests waiting for the next group (for tests that compose groups deterministically).
    var pendingCount: Int { lock.withLock { pending.count } }

    /// Runs `input` in a shared transaction.
    /// - Parameters:
    ///   - input: The record.
    ///   - commit: Processes a batch in one transaction, setting every request's `result`; throws only when
    ///     the transaction itself fails (then every request of the batch fails with that error).
    /// - Returns: This input's output.
    func submit(_ input: Input, commit: ([Request]) throws -> Void) throws -> Output {
        let request = Request(input)
        lock.lock()
        pending.append(request)
        if leading {
            lock.unlock()
            request.wake.wait()
            if let result = request.result { return try result.get() }
            lock.lock()  // woken without a result: leadership was handed to this request
        } else {
            leading = true
        }
        let batch = pending
        pending.removeAll()
        lock.unlock()

        do {
            try commit(batch)
        } catch {
            for member in batch { member.result = .failure(error) }
        }
        for member in batch where member !== request { member.wake.signal() }

        lock.lock()
        if let next = pending.first {
            next.wake.signal()  // hand over leadership; `leading` stays true
        } else {
            leading = false
        }
        lock.unlock()
        guard let result = request.result else {
            throw AuditStoreError(.sqlite, "a grouped write finished without a result for this record; retry")
        }
        return try result.get()
    }
}
