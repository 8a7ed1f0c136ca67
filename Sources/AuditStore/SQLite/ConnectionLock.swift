import Foundation

/// Exclusive use of ``SQLiteDatabase``'s connection, granted in arrival order (a ticket lock), and the
/// knowledge of which thread holds it (a nested store call from inside a transaction is refused instead
/// of deadlocking).
final class ConnectionLock: @unchecked Sendable {
    // @unchecked: every field is guarded by `condition`.
    private let condition = NSCondition()
    private var issued = 0
    private var serving = 0
    private var owner: pthread_t?

    /// Waits for the connection, then holds it on the calling thread.
    func lock() {
        condition.lock()
        let ticket = issued
        issued += 1
        while serving != ticket || owner != nil { condition.wait() }
        owner = pthread_self()
        condition.unlock()
    }

    /// Releases the connection to the next thread in line.
    func unlock() {
        condition.lock()
        owner = nil
        serving += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` holding the connection.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Threads waiting for the connection (not counting the holder).
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return issued - serving - (owner == nil ? 0 : 1)
    }

    /// Whether the calling thread holds the connection.
    var isHeldByCurrentThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let owner else { return false }
        return pthread_equal(owner, pthread_self()) != 0
    }
}
