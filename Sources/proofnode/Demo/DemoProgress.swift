import AuditStore
import Foundation
import Settlement

/// One confirmed checkpoint as the demo shows it.
struct DemoCheckpoint: Sendable {
    var index: Int64
    var tokens: Int64
    var proveMilliseconds: Int64
    var proofBytes: Int
    var txHash: String
    var gasUsed: Int64
}

/// Watches the submitter's steps: times proving (from the previous checkpoint's confirmation, or the
/// start, to the proof being stored) and prints a line per confirmed checkpoint, read back from the store.
actor DemoProgress {
    let store: AuditStore
    private var mark = ContinuousClock.now
    private var proving: [Int64: Int64] = [:]
    private(set) var checkpoints: [DemoCheckpoint] = []

    init(store: AuditStore) { self.store = store }

    func begin() { mark = .now }

    func observe(_ event: SubmissionEvent) {
        let now = ContinuousClock.now
        if event.step == .stored {
            let elapsed = mark.duration(to: now).components
            proving[event.checkpointIndex] = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        }
        guard event.step == .confirmed else { return }
        mark = now
        do {
            guard let report = try store.job(event.jobID),
                let checkpoint = report.checkpoints.first(where: { $0.checkpointIndex == event.checkpointIndex }),
                let proof = report.proofs.first(where: { $0.checkpointIndex == event.checkpointIndex }),
                let submission = report.submissions.last(where: {
                    $0.checkpointIndex == event.checkpointIndex && $0.status == .confirmed
                })
            else {
                print("checkpoint \(event.checkpointIndex): confirmed, but not found in the store")
                return
            }
            let line = DemoCheckpoint(
                index: event.checkpointIndex, tokens: checkpoint.tokensClaimed,
                proveMilliseconds: proving[event.checkpointIndex] ?? -1, proofBytes: proof.proofBytes.count,
                txHash: "0x" + submission.txHash.map { String(format: "%02x", $0) }.joined(),
                gasUsed: submission.gasUsed ?? -1)
            checkpoints.append(line)
            print(
                "checkpoint \(line.index): \(line.tokens) tokens, proved in \(line.proveMilliseconds) ms, proof "
                    + "\(line.proofBytes) B, tx \(line.txHash) gas \(line.gasUsed)")
        } catch {
            print("checkpoint \(event.checkpointIndex): confirmed; reading it back failed: \(error)")
        }
    }
}
