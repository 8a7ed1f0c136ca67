import AuditStore
import Ethereum
import Foundation

/// What ``CheckpointSubmitter/recover()`` did.
public struct RecoveryReport: Sendable {
    /// Checkpoints that are confirmed now (their stored transaction was found mined, rebroadcast and
    /// mined, or — for proofs stored but never signed — signed and mined).
    public var confirmed: [SubmittedCheckpoint] = []
    /// Checkpoints that failed (a revert or a refused transaction), with the error.
    public var failed: [SubmissionError] = []

    /// An empty report.
    public init() {}
}

extension CheckpointSubmitter {
    /// Finishes everything a previous run left unfinished, in nonce order:
    /// 1. every submission stored as signed or broadcast: confirmed by hash if mined, else the *same*
    ///    raw transaction is rebroadcast and followed to its receipt;
    /// 2. every checkpoint stored (proven) but never signed: signed, sent and confirmed.
    ///
    /// Checkpoints of a session are finished in index order, so the chain sees them in order.
    /// - Returns: What was confirmed and what failed; transient outages past the budget appear as
    ///   `.nodeUnavailable` failures and stay resumable.
    public func recover() async -> RecoveryReport {
        var report = RecoveryReport()
        let pending: [SubmissionRecord]
        let sessions: [SessionRecord]
        do {
            pending = try store.pendingSubmissions().sorted { ($0.nonce, $0.id) < ($1.nonce, $1.id) }
            sessions = try store.sessions(status: .active, limit: 100_000)
        } catch {
            report.failed.append(SubmissionError(.storeFailed, "the store could not be read: \(error)"))
            return report
        }
        var done = Set<String>()
        for submission in pending {
            let key = "\(submission.jobID)/\(submission.checkpointIndex)"
            guard done.insert(key).inserted else { continue }
            await finish(submission.jobID, submission.checkpointIndex, into: &report)
        }
        for session in sessions {
            let stored: [CheckpointRecord]
            do {
                stored = try store.checkpoints(jobID: session.jobID).filter { $0.status == .stored }
            } catch {
                report.failed.append(SubmissionError(.storeFailed, "\(error)", jobID: session.jobID))
                continue
            }
            for checkpoint in stored {
                let key = "\(session.jobID)/\(checkpoint.checkpointIndex)"
                guard done.insert(key).inserted else { continue }
                await finish(session.jobID, checkpoint.checkpointIndex, into: &report)
            }
        }
        return report
    }

    private func finish(_ jobID: String, _ index: Int64, into report: inout RecoveryReport) async {
        do {
            report.confirmed.append(try await finish(jobID: jobID, checkpointIndex: index))
        } catch {
            report.failed.append(error)
        }
    }
}
