import Foundation

/// Splitting independent work across the machine's cores (MSM windows, FFT blocks).
@usableFromInline
enum ParallelWork {
    /// The number of parts to split into: the active cores (at least 1), or 1 inside
    /// ``WorkSplitting/serially(_:)``.
    @usableFromInline
    static var coreCount: Int { WorkSplitting.partCount }

    /// Runs `body(0..<workers)` concurrently (or inline when `workers` is 1, or one after another on the
    /// calling thread inside ``WorkSplitting/serially(_:)``) and returns when all are done.
    @inlinable
    static func run(workers: Int, _ body: @Sendable (Int) -> Void) {
        if workers <= 1 {
            body(0)
        } else if WorkSplitting.isSerial {
            for worker in 0..<workers { body(worker) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
    }
}

/// A buffer pointer that may cross into concurrent workers. Safe only while the owner of the memory
/// outlives the parallel section and workers read shared data or write disjoint indices — which is
/// how every use in this module is structured.
@usableFromInline
struct SharedBuffer<Element>: @unchecked Sendable {
    /// The memory.
    @usableFromInline
    let pointer: UnsafeMutableBufferPointer<Element>

    /// Wraps `pointer`.
    @inlinable
    init(_ pointer: UnsafeMutableBufferPointer<Element>) { self.pointer = pointer }

    /// The element at `index`.
    @inlinable
    subscript(index: Int) -> Element {
        get { pointer[index] }
        nonmutating set { pointer[index] = newValue }
    }
}
