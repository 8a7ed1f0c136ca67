import AuditStore
import Foundation

/// Makes token segments durable with group commit: segments that arrive while a batch is being written
/// wait and go into the next batch together, one transaction and one fsync for all of them
/// (``AuditStore/recordTokenSegments(_:)``), and each caller resumes once its own segment is durable.
///
/// At 500 segments/s an fsync per segment (~5 ms on a plain disk) would need 2.5 s of disk time per
/// second; grouped, the disk sees one commit per batch and the batch grows with the load. Writes run on
/// the store's queue, never on the calling task's thread.
final class SegmentWriter: @unchecked Sendable {
    // @unchecked: `pending` and `flushing` are guarded by `lock`.

    /// What a write returned: the stored row, or why it was not stored.
    typealias Outcome = Result<StoredTokenSegment, any Error>

    private let store: AuditStore
    private let lock = NSLock()
    private var pending: [(TokenSegmentRecord, CheckedContinuation<Outcome, Never>)] = []
    private var flushing = false

    /// Creates a writer over `store`.
    init(store: AuditStore) { self.store = store }

    /// Stores `record` in the next batch and returns once that batch is committed.
    func write(_ record: TokenSegmentRecord) async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let lead = lock.withLock { () -> Bool in
                pending.append((record, continuation))
                guard !flushing else { return false }
                flushing = true
                return true
            }
            if lead { Task { await self.flush() } }
        }
    }

    /// Writes batches until none is waiting.
    private func flush() async {
        while true {
            let batch = lock.withLock { () -> [(TokenSegmentRecord, CheckedContinuation<Outcome, Never>)] in
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { flushing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let results = await store.recordTokenSegments(batch.map(\.0))
            for (index, (_, continuation)) in batch.enumerated() {
                if results.indices.contains(index) {
                    continuation.resume(returning: results[index])
                } else {
                    continuation.resume(
                        returning: .failure(
                            AuditStoreError(.sqlite, "the segment batch returned no result for this segment; retry")))
                }
            }
        }
    }
}
