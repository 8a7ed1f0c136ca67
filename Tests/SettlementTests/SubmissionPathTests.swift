import AuditStore
import Commitment
import Crypto
import Ethereum
import Foundation
import Testing

@testable import Settlement

/// The whole path on the MockChain: session → tokens → checkpoints → proofs → submissions → logs.
@Suite("Checkpoint submission on the MockChain", .serialized)
struct SubmissionPathTests {
    @Test("a session's messages become proven, stored, submitted checkpoints found in the logs")
    func wholePath() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let job = try await chain.openSession()
        let runner = SessionRunner(submitter: try chain.submitter(), modelHash: SettlementHarness.modelHash)
        let report = try await runner.run(jobID: job, messages: SettlementHarness.messages([600, 700, 1200, 950]))

        // 3450 tokens: three interval checkpoints and a final one of 450.
        #expect(report.checkpoints.map(\.tokensClaimed) == [1000, 1000, 1000, 450])
        #expect(report.claimedTokens == 3450 && report.unbilledTokens == 0)

        let chainProofs = try await chain.chainProofs(job)
        let logs = try await chain.proofSubmittedLogs(job)
        #expect(chainProofs.count == 4)
        #expect(logs.count == 4)
        let session = try #require(try chain.store.job(job))
        #expect(session.session.hostAddress == chain.host.address.checksummed)
        #expect(session.session.proofInterval == 1000)
        #expect(session.checkpoints.allSatisfy { $0.status == .confirmed })
        #expect(session.submissions.count == 4)
        #expect(Set(session.submissions.map(\.nonce)).count == 4)

        for (index, event) in logs.enumerated() {
            guard case .proofSubmitted(_, let host, let tokens, let proofHash, let proofCID, let deltaCID) = event
            else {
                Issue.record("not a ProofSubmitted event: \(event)")
                continue
            }
            let proof = try #require(try chain.store.proof(jobID: job, checkpointIndex: Int64(index)))
            // proofHash is SHA-256 of the stored proof bytes (swift-crypto, independent of the store's hashing).
            #expect(proofHash == Array(SHA256.hash(data: proof.proofBytes)))
            #expect(Data(proofHash) == proof.proofHash)
            #expect(proofCID == proof.proofCID)
            #expect(host == chain.host.address)
            #expect(tokens == U256(UInt64(report.checkpoints[index].tokensClaimed)))
            #expect(chainProofs[index].proofHash == proofHash)
            #expect(chainProofs[index].deltaCID == deltaCID)

            // The delta: stored, named by deltaCID (SHA-256 of the document), signed by the host (EIP-191).
            let delta = try #require(try chain.store.checkpointDelta(jobID: job, checkpointIndex: Int64(index)))
            #expect(delta.deltaCID == deltaCID)
            let cid = try ContentIdentifier(parsing: deltaCID)
            #expect(cid.digest == Data(SHA256.hash(data: delta.document)))
            let signed = try SignedCheckpointDelta(document: delta.document)
            #expect(try signed.verify() == chain.host.address)
            let content = try signed.decodedDelta()
            #expect(content.proofHash == Ethereum.Hex.encode(proofHash))
            #expect(content.tokensClaimed == report.checkpoints[index].tokensClaimed)
            #expect(!content.messages.isEmpty)
        }

        // Each stored proof verifies against the fixture's verifying key.
        let verifier = CheckpointVerifier(configuration: ProofConfiguration(keysDirectory: KeyFixture.shared.directory))
        for proof in session.proofs {
            let envelope = try ProofEnvelope(json: Array(proof.envelopeJSON.utf8))
            #expect(try verifier.verify(envelope).isAccepted)
        }
        #expect(try chain.store.checkLog().isIntact)
    }

    @Test("deltas disabled: deltaCID is the empty string and nothing is stored for it")
    func deltasDisabled() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let job = try await chain.openSession(interval: 100)
        let submitter = try chain.submitter(configuration: SubmissionConfiguration(deltasEnabled: false))
        let report = try await SessionRunner(submitter: submitter, modelHash: SettlementHarness.modelHash)
            .run(jobID: job, messages: SettlementHarness.messages([150, 50]))
        #expect(report.checkpoints.map(\.tokensClaimed) == [100, 100])
        #expect(report.checkpoints.allSatisfy { $0.deltaCID.isEmpty })
        #expect(try await chain.chainProofs(job).map(\.deltaCID) == ["", ""])
        #expect(try chain.store.checkpointDelta(jobID: job, checkpointIndex: 0) == nil)
    }

    @Test("a short session is padded to proofInterval; a remainder under 100 is not billed")
    func paddingAndRemainder() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        let short = try await chain.openSession(interval: 500)
        let runner = SessionRunner(submitter: try chain.submitter(), modelHash: SettlementHarness.modelHash)
        let padded = try await runner.run(jobID: short, messages: SettlementHarness.messages([120]))
        #expect(padded.checkpoints.map(\.tokensClaimed) == [500])
        #expect(try await chain.chainProofs(short).map(\.tokensClaimed) == [U256(500)])

        let long = try await chain.openSession(interval: 500)
        let tail = try await runner.run(jobID: long, messages: SettlementHarness.messages([560]))
        #expect(tail.checkpoints.map(\.tokensClaimed) == [500])
        #expect(tail.unbilledTokens == 60)
    }

    @Test("20 sessions in parallel through one submitter: every checkpoint once, nonces contiguous")
    func parallelSessions() async throws {
        let chain = try await SettlementHarness()
        defer { Task { await chain.stop() } }
        var jobs: [String] = []
        for _ in 0..<20 { jobs.append(try await chain.openSession(interval: 100)) }
        let runner = SessionRunner(submitter: try chain.submitter(), modelHash: SettlementHarness.modelHash)
        let reports = try await withThrowingTaskGroup(of: SessionRunReport.self) { group in
            for (position, job) in jobs.enumerated() {
                group.addTask {
                    try await runner.run(
                        jobID: job, messages: SettlementHarness.messages([120, 130, 150], label: "s\(position)"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 20)
        #expect(reports.allSatisfy { $0.checkpoints.map(\.tokensClaimed) == [100, 100, 100, 100] })
        for job in jobs { #expect(try await chain.chainProofs(job).count == 4) }
        let nonces = reports.flatMap { $0.checkpoints.map(\.nonce) }.sorted()
        #expect(nonces == Array(0..<80))
        #expect(try await chain.eth.transactionCount(of: chain.host.address, at: .latest) == 80)
    }
}
