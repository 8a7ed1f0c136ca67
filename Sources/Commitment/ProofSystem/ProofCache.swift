import Foundation

/// A least-recently-used cache of proof envelopes keyed by the statement they prove, bounded by the
/// number of entries and by bytes (the binary envelope size), with hit, miss and eviction counts.
///
/// The same statement (public inputs and opening, salt included) returns the cached envelope instead of
/// proving again — a checkpoint retried after a crash or a timeout costs nothing. Thread-safe (one lock;
/// a lookup is a hash, a dictionary probe and a few index updates).
public final class ProofCache: @unchecked Sendable {
    /// A snapshot of the cache's counters.
    public struct Statistics: Sendable, Equatable {
        /// Lookups that found an entry.
        public var hits: Int
        /// Lookups that found none.
        public var misses: Int
        /// Entries removed to respect the bounds.
        public var evictions: Int
        /// Entries held now.
        public var entries: Int
        /// Bytes held now.
        public var bytes: Int
    }

    private struct Node {
        var key: CheckpointStatement
        var value: ProofEnvelope
        var bytes: Int
        var newer: Int
        var older: Int
    }

    /// The entry bound.
    public let maximumEntries: Int
    /// The byte bound.
    public let maximumBytes: Int
    private let metrics: ProofMetrics
    private let lock = NSLock()
    private var index: [CheckpointStatement: Int] = [:]
    private var nodes: [Node] = []
    private var free: [Int] = []
    private var newest = -1
    private var oldest = -1
    private var bytes = 0
    private var hits = 0
    private var misses = 0
    private var evictions = 0

    /// A cache holding at most `maximumEntries` envelopes and `maximumBytes` bytes.
    public init(maximumEntries: Int, maximumBytes: Int, metrics: ProofMetrics = ProofMetrics()) {
        self.maximumEntries = max(0, maximumEntries)
        self.maximumBytes = max(0, maximumBytes)
        self.metrics = metrics
        index.reserveCapacity(min(self.maximumEntries, 1 << 16))
    }

    /// The cached envelope for `statement` (marking it most recently used), or nil.
    public func envelope(for statement: CheckpointStatement) -> ProofEnvelope? {
        lock.lock()
        guard let slot = index[statement] else {
            misses += 1
            lock.unlock()
            metrics.cacheMisses.increment()
            return nil
        }
        hits += 1
        moveToFront(slot)
        let value = nodes[slot].value
        lock.unlock()
        metrics.cacheHits.increment()
        return value
    }

    /// Stores `envelope` for `statement`, evicting least recently used entries to respect the bounds.
    /// An envelope larger than the byte bound is not stored.
    public func insert(_ envelope: ProofEnvelope, for statement: CheckpointStatement) {
        let size = envelope.binary.count
        guard maximumEntries > 0, size <= maximumBytes else { return }
        lock.lock()
        if let slot = index[statement] {
            bytes += size - nodes[slot].bytes
            nodes[slot].value = envelope
            nodes[slot].bytes = size
            moveToFront(slot)
        } else {
            let node = Node(key: statement, value: envelope, bytes: size, newer: -1, older: -1)
            let slot: Int
            if let reused = free.popLast() {
                nodes[reused] = node
                slot = reused
            } else {
                nodes.append(node)
                slot = nodes.count - 1
            }
            index[statement] = slot
            bytes += size
            linkAtFront(slot)
        }
        var evicted = 0
        while index.count > maximumEntries || bytes > maximumBytes, oldest >= 0 {
            let slot = oldest
            unlink(slot)
            index[nodes[slot].key] = nil
            bytes -= nodes[slot].bytes
            free.append(slot)
            evicted += 1
        }
        evictions += evicted
        lock.unlock()
        if evicted > 0 { metrics.cacheEvictions.increment(by: evicted) }
    }

    /// Removes every entry (counters are kept).
    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        index.removeAll()
        nodes.removeAll()
        free.removeAll()
        newest = -1
        oldest = -1
        bytes = 0
    }

    /// The counters and current size.
    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return Statistics(hits: hits, misses: misses, evictions: evictions, entries: index.count, bytes: bytes)
    }

    private func linkAtFront(_ slot: Int) {
        nodes[slot].newer = -1
        nodes[slot].older = newest
        if newest >= 0 { nodes[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private func unlink(_ slot: Int) {
        let newer = nodes[slot].newer
        let older = nodes[slot].older
        if newer >= 0 { nodes[newer].older = older } else { newest = older }
        if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
    }

    private func moveToFront(_ slot: Int) {
        guard newest != slot else { return }
        unlink(slot)
        linkAtFront(slot)
    }
}
