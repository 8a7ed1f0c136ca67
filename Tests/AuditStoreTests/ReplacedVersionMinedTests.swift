import AuditStore
import Foundation
import Testing

/// A fee bump races its original: whichever version the node mines is the one the checkpoint reports.
@Suite("An older fee-bump version is mined")
struct ReplacedVersionMinedTests {
    let directory: TemporaryDirectory
    let store: AuditStore

    /// Checkpoint 1/0 with transaction "a" (nonce 4) broadcast, then replaced by the fee bump "b".
    init() throws {
        (directory, store) = try Fixtures.storeWithSession(checkpoints: 1)
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 4, rawTransaction: Data([1]), txHash: Fixtures.txHash("a"))
        try store.markSubmissionBroadcast(txHash: Fixtures.txHash("a"))
        try store.replaceSubmission(
            jobID: "1", checkpointIndex: 0, previousTxHash: Fixtures.txHash("a"), nonce: 4, rawTransaction: Data([2]),
            txHash: Fixtures.txHash("b"))
        try store.markSubmissionBroadcast(txHash: Fixtures.txHash("b"))
    }

    @Test("the mined original becomes the live, confirmed transaction and the bump becomes replaced")
    func originalConfirmed() throws {
        try store.markSubmissionConfirmed(txHash: Fixtures.txHash("a"), blockNumber: 12, gasUsed: 91_000)

        let live = try #require(try store.submission(jobID: "1", checkpointIndex: 0))
        #expect(live.txHash == Fixtures.txHash("a"))
        #expect(live.status == .confirmed)
        #expect(live.blockNumber == 12)
        #expect(live.gasUsed == 91_000)
        let all = try #require(try store.job("1")).submissions
        #expect(all.map(\.status) == [.confirmed, .replaced])
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try store.job("1")?.checkpoints.first?.status == .confirmed)
        let entry = try #require(try store.logEntries().last)
        #expect(entry.payloadJSON.contains(#""supersededTxHash":"\#(Hex.encode(Fixtures.txHash("b")))""#))
        #expect(try store.checkLog().isIntact)
    }

    @Test("a mined original that reverted is recorded as the checkpoint's failed transaction")
    func originalReverted() throws {
        try store.markSubmissionFailed(
            txHash: Fixtures.txHash("a"), error: "Too many", blockNumber: 12, gasUsed: 30_000)

        let live = try #require(try store.submission(jobID: "1", checkpointIndex: 0))
        #expect(live.txHash == Fixtures.txHash("a"))
        #expect(live.status == .failed)
        #expect(try store.job("1")?.checkpoints.first?.revertReason == "Too many")
        #expect(try store.pendingSubmissions().isEmpty)
    }

    @Test("a replaced version with no pending successor cannot be confirmed (the outcome is already known)")
    func noPendingSuccessor() throws {
        try store.markSubmissionConfirmed(txHash: Fixtures.txHash("b"), blockNumber: 12, gasUsed: 91_000)
        let error = try #require(throws: AuditStoreError.self) {
            try store.markSubmissionConfirmed(txHash: Fixtures.txHash("a"), blockNumber: 13, gasUsed: 91_000)
        }
        #expect(error.code == .invalidTransition)
        #expect(try store.submission(jobID: "1", checkpointIndex: 0)?.txHash == Fixtures.txHash("b"))
    }

    @Test("a node's refusal (no receipt) of a replaced version changes nothing")
    func refusalOfReplacedVersion() throws {
        let error = try #require(throws: AuditStoreError.self) {
            try store.markSubmissionFailed(txHash: Fixtures.txHash("a"), error: "nonce too low")
        }
        #expect(error.code == .invalidTransition)
        #expect(try store.submission(jobID: "1", checkpointIndex: 0)?.status == .broadcast)
    }
}
