import AuditStore
import Ethereum
import Foundation
import Testing

@testable import Settlement

/// The node goes away mid-session (connections refused) and comes back: the submitter retries with
/// backoff and completes, with exactly one transaction per checkpoint.
@Suite("Checkpoint submission through an RPC outage", .serialized)
struct OutageTests {
    @Test("RPC down before signing and between persisting and broadcasting: retried and completed")
    func outage() async throws {
        let harness = try await SettlementHarness()
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession()
        let outages = OutageLog()
        let submitter = try harness.submitter(observer: { event in
            // Checkpoint 1: down once its proof is stored (gas estimation and signing must wait).
            // Checkpoint 2: down once its signed transaction is stored (the broadcast must be retried).
            let due =
                (event.step == .stored && event.checkpointIndex == 1)
                || (event.step == .persisted && event.checkpointIndex == 2)
            guard due else { return }
            await harness.stopServer()
            await outages.note(event.step)
            Task {
                try await Task.sleep(for: .milliseconds(1500))
                try await harness.startServer()
            }
        })
        let report = try await SessionRunner(submitter: submitter, modelHash: SettlementHarness.modelHash)
            .run(jobID: job, messages: SettlementHarness.messages([1000, 1000, 1000, 1000]))
        #expect(await outages.steps == [.stored, .persisted])
        #expect(report.checkpoints.map(\.tokensClaimed) == [1000, 1000, 1000, 1000])
        #expect(try await harness.chainProofs(job).count == 4)
        #expect(try await harness.eth.transactionCount(of: harness.host.address, at: .latest) == 4)
        let stored = try #require(try harness.store.job(job))
        #expect(stored.submissions.count == 4)
        #expect(stored.submissions.allSatisfy { $0.status == .confirmed })
    }

    @Test("an outage longer than the budget ends in nodeUnavailable; the checkpoint resumes later")
    func budgetExceeded() async throws {
        let harness = try await SettlementHarness()
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession()
        let submitter = try harness.submitter(
            configuration: SubmissionConfiguration(
                retryDelay: .init(initial: .milliseconds(20), maximum: .milliseconds(50)),
                maximumOutage: .milliseconds(300)),
            observer: { event in
                if event.step == .persisted { await harness.stopServer() }
            })
        let runner = SessionRunner(submitter: submitter, modelHash: SettlementHarness.modelHash)
        do {
            _ = try await runner.run(jobID: job, messages: SettlementHarness.messages([1000]))
            Issue.record("the submission completed while the node was down")
        } catch {
            #expect(error.code == .nodeUnavailable, "\(error)")
        }
        let pending = try harness.store.pendingSubmissions()
        #expect(pending.count == 1)
        try await harness.startServer()
        let recovered = await submitter.recover()
        #expect(recovered.failed.isEmpty, "\(recovered.failed)")
        #expect(recovered.confirmed.map(\.checkpointIndex) == [0])
        #expect(recovered.confirmed.first?.transactionHash == Ethereum.Hex.encode(pending[0].txHash))
        #expect(try await harness.chainProofs(job).count == 1)
    }
}

/// The outages that happened, in order.
actor OutageLog {
    var steps: [SubmissionStep] = []
    func note(_ step: SubmissionStep) { steps.append(step) }
}
