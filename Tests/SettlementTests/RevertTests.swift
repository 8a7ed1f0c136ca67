import AuditStore
import Commitment
import Ethereum
import Foundation
import Testing

@testable import Settlement

/// Every submitProofOfWork revert reaches the caller as a typed error with the contract's reason, and
/// is recorded on the checkpoint in the audit store.
@Suite("Checkpoint submission reverts", .serialized)
struct RevertTests {
    /// Records the session directly (no chain checks) so that any plan can be submitted.
    static func record(_ job: String, on chain: SettlementHarness, host: EthereumSigner) throws {
        try chain.store.recordSession(
            SessionRecord(
                jobID: job, chainID: 31337, contractAddress: chain.marketplace.address.checksummed,
                hostAddress: host.address.checksummed, modelID: "test", proofInterval: 1000,
                pricePerToken: "1000000000000", deposit: "1000000000000000000"))
    }

    static func work(_ index: Int64, claim: Int64, start: Int64 = 0) -> CheckpointWork {
        CheckpointWork(
            plan: CheckpointPlan(
                index: index, tokensClaimed: claim, tokenStart: start, tokenEnd: start + claim, isFinal: false),
            result: InferenceResult(
                prompt: "prompt \(index)", response: "response \(index)", modelHash: SettlementHarness.modelHash),
            messages: [.init(prompt: "prompt \(index)", response: "response \(index)")])
    }

    /// Submits and requires a revert with `reason`, recorded on the checkpoint.
    static func expectRevert(
        _ reason: String, kind: RevertKind, job: String, work: CheckpointWork, submitter: CheckpointSubmitter,
        chain: SettlementHarness, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        do {
            let submitted = try await submitter.submit(work, jobID: job)
            Issue.record(
                "expected \"\(reason)\" but checkpoint was confirmed: \(submitted)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .reverted, "\(error)", sourceLocation: sourceLocation)
            #expect(error.revertReason == reason, "\(error)", sourceLocation: sourceLocation)
            #expect(error.revertKind == kind, sourceLocation: sourceLocation)
            #expect(error.checkpointIndex == work.plan.index, sourceLocation: sourceLocation)
        }
        let checkpoint = try #require(
            try chain.store.checkpoints(jobID: job).first { $0.checkpointIndex == work.plan.index },
            sourceLocation: sourceLocation)
        #expect(checkpoint.status == .failed, sourceLocation: sourceLocation)
        #expect(checkpoint.revertReason == reason, sourceLocation: sourceLocation)
        // Nothing was signed for a call that reverts in estimation.
        #expect(try chain.store.submission(jobID: job, checkpointIndex: work.plan.index) == nil)
        // Asking again does not resend: the recorded revert is returned.
        do {
            _ = try await submitter.finish(jobID: job, checkpointIndex: work.plan.index)
            Issue.record("a failed checkpoint was finished", sourceLocation: sourceLocation)
        } catch {
            #expect(error.revertReason == reason, sourceLocation: sourceLocation)
        }
    }

    @Test("Not host: the session belongs to another host")
    func notHost() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let job = try await chain.openSession(host: chain.otherHost)
        try Self.record(job, on: chain, host: chain.host)
        try await Self.expectRevert(
            "Not host", kind: .notHost, job: job, work: Self.work(0, claim: 1000), submitter: try chain.submitter(),
            chain: chain)
        // The runner refuses such a session before proving anything.
        let other = try await chain.openSession(host: chain.otherHost)
        await #expect(throws: SubmissionError.self) {
            try await SessionRunner(submitter: try chain.submitter(), modelHash: SettlementHarness.modelHash)
                .register(jobID: other)
        }
    }

    @Test("Low first and Min tokens: claims under the contract's floors")
    func floors() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let submitter = try chain.submitter()
        let job = try await chain.openSession()
        try Self.record(job, on: chain, host: chain.host)
        try await Self.expectRevert(
            "Low first", kind: .lowFirst, job: job, work: Self.work(0, claim: 500), submitter: submitter, chain: chain)
        _ = try await submitter.submit(Self.work(1, claim: 1000), jobID: job)
        try await Self.expectRevert(
            "Min tokens", kind: .minTokens, job: job, work: Self.work(2, claim: 99, start: 1000), submitter: submitter,
            chain: chain)
    }

    @Test("Too many: without pacing, a claim faster than 2000 tokens per second")
    func tooMany() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let submitter = try chain.submitter(configuration: SubmissionConfiguration(pacesSubmissions: false))
        let job = try await chain.openSession()
        try Self.record(job, on: chain, host: chain.host)
        // The manual clock has not moved since the session started: any claim is too many.
        try await Self.expectRevert(
            "Too many", kind: .tooMany, job: job, work: Self.work(0, claim: 1000), submitter: submitter, chain: chain)
        // With pacing the same kind of claim waits for chain time and passes.
        let paced = try await chain.submitter().submit(Self.work(1, claim: 1000), jobID: job)
        #expect(paced.tokensClaimed == 1000)
    }

    @Test("Exceeds deposit (or Over dep): a claim past what the deposit pays for")
    func exceedsDeposit() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let submitter = try chain.submitter()
        // 1e14 wei at 1e11 per 1000 tokens pays for 1,000,000 tokens... use a price so that 1500 tokens fit.
        let job = try await chain.openSession(
            price: U256(100_000_000_000_000_000), deposit: U256(150_000_000_000_000_000))
        try Self.record(job, on: chain, host: chain.host)
        _ = try await submitter.submit(Self.work(0, claim: 1000), jobID: job)
        do {
            _ = try await submitter.submit(Self.work(1, claim: 1000, start: 1000), jobID: job)
            Issue.record("expected a deposit revert")
        } catch {
            #expect(error.code == .reverted)
            #expect(error.revertKind == .exceedsDeposit)
            #expect(["Exceeds deposit", "Over dep"].contains(error.revertReason ?? ""), "\(error)")
        }
        // The runner's tracker cuts the claim to the budget instead (1500 tokens in total).
        let fresh = try await chain.openSession(
            price: U256(100_000_000_000_000_000), deposit: U256(150_000_000_000_000_000))
        let report = try await SessionRunner(submitter: submitter, modelHash: SettlementHarness.modelHash)
            .run(jobID: fresh, messages: SettlementHarness.messages([2500]))
        #expect(report.checkpoints.map(\.tokensClaimed) == [1000, 500])
    }

    @Test("Proof already used: another host submitted the same proofHash first")
    func proofAlreadyUsed() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let job = try await chain.openSession()
        let rival = try await chain.openSession(host: chain.otherHost)
        try Self.record(job, on: chain, host: chain.host)
        // Front-run: as soon as our proof is stored, the rival host submits its hash in its own session.
        let store = chain.store
        let marketplace = chain.marketplace
        let submitter = try chain.submitter(observer: { event in
            guard event.step == .stored else { return }
            do {
                let proof = try #require(try store.proof(jobID: event.jobID, checkpointIndex: event.checkpointIndex))
                _ = try await chain.eth.increaseTime(seconds: 10)
                _ = try await chain.eth.mine()
                try await chain.send(
                    try marketplace.submitProofOfWork(
                        jobId: try U256(parsing: rival), tokensClaimed: U256(1000), proofHash: Array(proof.proofHash),
                        proofCID: proof.proofCID, deltaCID: ""), from: chain.otherHost)
            } catch {
                Issue.record("front-running failed: \(error)")
            }
        })
        try await Self.expectRevert(
            "Proof already used", kind: .proofAlreadyUsed, job: job, work: Self.work(0, claim: 1000),
            submitter: submitter, chain: chain)
    }

    @Test("Not active: the depositor completed the session")
    func notActive() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let job = try await chain.openSession()
        try Self.record(job, on: chain, host: chain.host)
        try await chain.send(
            try chain.marketplace.completeSessionJob(jobId: try U256(parsing: job), conversationCID: "bafyend"),
            from: chain.depositor)
        try await Self.expectRevert(
            "Not active", kind: .notActive, job: job, work: Self.work(0, claim: 1000),
            submitter: try chain.submitter(), chain: chain)
    }
}
