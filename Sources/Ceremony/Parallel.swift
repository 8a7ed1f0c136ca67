import Dispatch
import Foundation

/// Splitting independent per-element work across cores.
enum Parallel {
    /// The number of workers to use.
    static var workers: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// `(0..<count).map(body)` computed in contiguous chunks on all cores; the first error (by index) wins.
    static func map<T: Sendable>(
        _ count: Int, _ body: @Sendable (Int) throws(CeremonyError) -> T
    ) throws(CeremonyError) -> [T] {
        if count == 0 { return [] }
        let chunks = min(workers * 4, count)
        let results = Box<[[T]]>(Array(repeating: [], count: chunks))
        let failures = Box<[CeremonyError?]>(Array(repeating: nil, count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * count / chunks
            let end = (chunk + 1) * count / chunks
            var local = [T]()
            local.reserveCapacity(end - start)
            do throws(CeremonyError) {
                for index in start..<end { local.append(try body(index)) }
                results.set(chunk, local)
            } catch {
                failures.set(chunk, error)
            }
        }
        for failure in failures.value { if let failure { throw failure } }
        return results.value.flatMap { $0 }
    }

    /// `(0..<count).map(body)` for a body that cannot fail.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        do throws(CeremonyError) {
            return try map(count) { (index: Int) throws(CeremonyError) -> T in body(index) }
        } catch {
            preconditionFailure("unreachable: the body does not throw")
        }
    }
}

/// A lock-protected array of per-chunk results.
final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: Value
    init(_ value: Value) { storage = value }
    var value: Value {
        lock.withLock { storage }
    }
    func set<Element>(_ index: Int, _ element: Element) where Value == [Element] {
        lock.withLock { storage[index] = element }
    }
}
