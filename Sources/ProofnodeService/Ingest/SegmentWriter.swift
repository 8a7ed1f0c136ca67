import AuditStore
import Foundation

/// Makes token segments durable with group commit: segments that arrive while a batch is being written
/// wait and go into the next batch together, one transaction and one fsync for all of them
/// (``AuditStore/recordTokenSegmentsBlocking(_:)``), and each caller resumes once its own segment is durable.
/// The store group-commits every write (``SQLiteDatabase/write(_:)``), so a batch shares its transaction
/// with the checkpoint records, submissions and other writes waiting at that moment instead of queueing
/// behind each of them and its fsync.
///
/// At 500 segments/s an fsync per segment (~5 ms on a plain disk) would need 2.5 s of disk time per
/// second; grouped, the disk sees one commit per batch and the batch grows with the load. There is no
/// added commit window: a batch is whatever arrived while the previous one was being committed, so an
/// idle writer commits a lone segment at once.
///
/// Batches are written on a thread of the writer's own, started when a segment arrives and none is
/// running, and ending when nothing is left to write: the commit's wait for the disk blocks that thread
/// only, never a thread of Swift's cooperative pool, and a caller is resumed straight from it (one hop
/// back to the caller's actor, no task in between).
final class SegmentWriter: @unchecked Sendable {
    // @unchecked: `pending` and `writing` are guarded by `lock`.

    /// What a write returned: the stored row, or why it was not stored.
    typealias Outcome = Result<StoredTokenSegment, any Error>

    private let store: AuditStore
    private let lock = NSLock()
    private var pending: [(TokenSegmentRecord, CheckedContinuation<Outcome, Never>)] = []
    private var writing = false
    private var committed = 0

    /// Creates a writer over `store`.
    init(store: AuditStore) { self.store = store }

    /// Batches committed so far (for tests: concurrent writes share batches).
    var batchesCommitted: Int { lock.withLock { committed } }

    /// Stores `record` in the next batch and returns once that batch is committed.
    nonisolated(nonsending) func write(_ record: TokenSegmentRecord) async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let start = lock.withLock { () -> Bool in
                pending.append((record, continuation))
                guard !writing else { return false }
                writing = true
                return true
            }
            if start {
                let thread = Thread { [self] in drain() }
                thread.name = "proofnode.segments"
                thread.start()
            }
        }
    }

    /// Writes batches until none is waiting, then lets the thread end.
    private func drain() {
        while true {
            let batch = lock.withLock { () -> [(TokenSegmentRecord, CheckedContinuation<Outcome, Never>)] in
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let results = store.recordTokenSegmentsBlocking(batch.map(\.0))
            lock.withLock { committed += 1 }
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
