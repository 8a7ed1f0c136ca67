import AuditStore
import Crypto
import Foundation
import Testing

/// Every table: what goes in comes back out, and the store's own derivations (proofHash, CID) are right.
@Suite("Round trips")
struct RoundTripTests {
    let directory: TemporaryDirectory
    let clock = ManualClock()
    let store: AuditStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try AuditStore(path: directory.path(), clock: clock.function)
    }

    @Test("a session comes back field for field, with the store's time")
    func session() throws {
        try store.recordSession(Fixtures.session("115792089237316195423570985008687907853269984665640564039457"))
        let read = try #require(
            try store.session(jobID: "115792089237316195423570985008687907853269984665640564039457"))
        var expected = Fixtures.session("115792089237316195423570985008687907853269984665640564039457")
        expected.createdAt = clock.now
        #expect(read == expected)
        try store.updateSessionStatus(jobID: read.jobID, to: .completing)
        #expect(try store.session(jobID: read.jobID)?.status == .completing)
        #expect(try store.sessions(status: .completing).map(\.jobID) == [read.jobID])
    }

    @Test("a checkpoint stores result, claim and proof; proofHash is SHA-256 of the bytes and the CID names it")
    func checkpoint() throws {
        try store.recordSession(Fixtures.session("7"))
        let input = Fixtures.checkpoint("7", 0)
        let stored = try store.recordCheckpoint(input)
        let digest = Data(SHA256.hash(data: input.proof.proofBytes))
        #expect(stored.proofHash == digest)
        #expect(stored.proofCID.digest == digest)

        let report = try #require(try store.job("7"))
        let result = try #require(report.results.first)
        #expect(result.promptHash == input.promptHash)
        #expect(result.responseHash == input.responseHash)
        #expect(result.tokenRange == input.tokenRange)
        #expect(result.promptText == input.promptText)
        #expect(result.responseText == input.responseText)
        let checkpoint = try #require(report.checkpoints.first)
        #expect(checkpoint.status == .stored)
        #expect(checkpoint.tokensClaimed == 1000)
        let proof = try #require(report.proofs.first)
        #expect(proof.proofBytes == input.proof.proofBytes)
        #expect(proof.envelopeJSON == input.proof.envelopeJSON)
        #expect(proof.publicInputsJSON == input.proof.publicInputsJSON)
        #expect(proof.keyFingerprint == "fp-1")
        #expect(proof.backend == "groth16-bn254")
        #expect(proof.proofCID == stored.proofCID.description)
        #expect(proof.salt == nil)  // not asked for
        #expect(try store.proof(id: proof.proofCID, includeSecrets: true)?.salt == Data([7, 7, 7]))
        #expect(try store.proof(id: Hex.encode(digest))?.id == proof.id)
    }

    @Test("a wrong caller-supplied proofHash is refused and nothing is stored")
    func proofHashChecked() throws {
        try store.recordSession(Fixtures.session("8"))
        var input = Fixtures.checkpoint("8", 0)
        input.proof.expectedProofHash = Data(repeating: 1, count: 32)
        let error = try #require(throws: AuditStoreError.self) { try store.recordCheckpoint(input) }
        #expect(error.code == .proofHashMismatch)
        #expect(try store.job("8")?.checkpoints.isEmpty == true)
        input.proof.expectedProofHash = Data(SHA256.hash(data: input.proof.proofBytes))
        try store.recordCheckpoint(input)
    }

    @Test("a submission goes signed → broadcast → confirmed with its receipt, and the checkpoint follows")
    func submissionLifecycle() throws {
        try store.recordSession(Fixtures.session("9"))
        try store.recordCheckpoint(Fixtures.checkpoint("9", 0))
        let raw = Data([0x02, 0xf8, 0x70, 0x01])
        let hash = Fixtures.txHash("9/0")
        try store.recordSignedSubmission(jobID: "9", checkpointIndex: 0, nonce: 5, rawTransaction: raw, txHash: hash)
        #expect(try store.pendingSubmissions().map(\.txHash) == [hash])
        #expect(try store.job("9")?.checkpoints.first?.status == .signed)
        try store.markSubmissionBroadcast(txHash: hash)
        #expect(try store.job("9")?.checkpoints.first?.status == .broadcast)
        try store.markSubmissionConfirmed(txHash: hash, blockNumber: 42, gasUsed: 123_456)
        let submission = try #require(try store.submission(jobID: "9", checkpointIndex: 0))
        #expect(submission.rawTransaction == raw)
        #expect(submission.nonce == 5)
        #expect(submission.status == .confirmed)
        #expect(submission.blockNumber == 42)
        #expect(submission.gasUsed == 123_456)
        #expect(try store.job("9")?.checkpoints.first?.status == .confirmed)
        #expect(try store.pendingSubmissions().isEmpty)
        let again = try #require(throws: AuditStoreError.self) { try store.markSubmissionBroadcast(txHash: hash) }
        #expect(again.code == .invalidTransition)
    }

    @Test("a revert is recorded on the submission and as the checkpoint's revert reason")
    func submissionFailure() throws {
        try store.recordSession(Fixtures.session("10"))
        try store.recordCheckpoint(Fixtures.checkpoint("10", 0))
        let hash = Fixtures.txHash("10/0")
        try store.recordSignedSubmission(
            jobID: "10", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: hash)
        try store.markSubmissionFailed(txHash: hash, error: "Too many", blockNumber: 3, gasUsed: 30_000)
        let report = try #require(try store.job("10"))
        #expect(report.checkpoints.first?.status == .failed)
        #expect(report.checkpoints.first?.revertReason == "Too many")
        #expect(report.submissions.first?.error == "Too many")
    }

    @Test("a settlement records its attempt, payment and final state; the session becomes settled")
    func settlement() throws {
        try store.recordSession(Fixtures.session("11"))
        let cid = ContentIdentifier(of: Data("conversation".utf8)).description
        try store.recordSettlementAttempt(
            jobID: "11", conversationCID: cid, nonce: 9, rawTransaction: Data([9]), txHash: Fixtures.txHash("s11"))
        try store.markSettlementFailed(jobID: "11", error: "Dispute wait")
        try store.recordSettlementAttempt(
            jobID: "11", conversationCID: cid, nonce: 10, rawTransaction: Data([10]), txHash: Fixtures.txHash("s11b"))
        try store.markSettlementBroadcast(jobID: "11")
        let payment = AuditStore.SettlementPayment(
            blockNumber: 77, gasUsed: 90_000, hostEarnings: "1800000000000000", userRefund: "98000000000000000",
            tokensUsed: 1000)
        try store.markSettlementConfirmed(jobID: "11", payment: payment)
        let settlement = try #require(try store.settlement(jobID: "11"))
        #expect(settlement.status == .confirmed)
        #expect(settlement.attempts == 2)
        #expect(settlement.txHash == Fixtures.txHash("s11b"))
        #expect(settlement.hostEarnings == "1800000000000000")
        #expect(settlement.userRefund == "98000000000000000")
        #expect(settlement.tokensUsed == 1000)
        #expect(settlement.blockNumber == 77)
        #expect(settlement.settledAt == clock.now)
        #expect(settlement.conversationCID == cid)
        #expect(try store.session(jobID: "11")?.status == .settled)
    }

    @Test("a timeout is recorded as the session's final settlement")
    func timeout() throws {
        try store.recordSession(Fixtures.session("14"))
        try store.recordSessionTimedOut(jobID: "14", hostEarnings: "5", userRefund: "6")
        #expect(try store.settlement(jobID: "14")?.status == .timedOut)
        #expect(try store.session(jobID: "14")?.status == .timedOut)
    }

    @Test("a dispute keeps every reason and its resolution")
    func dispute() throws {
        try store.recordSession(Fixtures.session("12"))
        let reasons = ["checkpoint 0: proof does not verify", "checkpoint 1: no ProofSubmitted log, \"quoted\""]
        let id = try store.recordDispute(jobID: "12", reasons: reasons)
        #expect(try store.disputes(jobID: "12").first?.reasons == reasons)
        try store.resolveDispute(id: id, resolution: "host re-proved")
        let dispute = try #require(try store.disputes(jobID: "12").first)
        #expect(dispute.resolution == "host re-proved")
        #expect(dispute.resolvedAt == clock.now)
        #expect(
            try #require(throws: AuditStoreError.self) { try store.resolveDispute(id: id, resolution: "x") }.code
                == .invalidTransition)
        #expect(
            try #require(throws: AuditStoreError.self) { try store.recordDispute(jobID: "12", reasons: []) }.code
                == .invalidInput)
    }

    @Test("every change appends one audit entry, in order, chained from the zero hash")
    func auditEntries() throws {
        try store.recordSession(Fixtures.session("13"))
        try store.recordCheckpoint(Fixtures.checkpoint("13", 0))
        try store.recordDispute(jobID: "13", reasons: ["r"])
        let entries = try store.logEntries()
        #expect(entries.map(\.kind) == [.sessionRecorded, .checkpointStored, .disputeRecorded])
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries[0].previousHash == AuditLogEntry.genesisHash)
        #expect(entries[1].previousHash == entries[0].entryHash)
        #expect(entries[1].subject == "job/13/checkpoint/0")
        #expect(!entries[1].payloadJSON.contains("070707"))  // the salt never reaches the log
        let report = try store.checkLog()
        #expect(report.isIntact)
        #expect(report.entries == 3)
        #expect(report.headHash == entries[2].entryHash)
        #expect(report.proofsChecked == 1)
    }
}
