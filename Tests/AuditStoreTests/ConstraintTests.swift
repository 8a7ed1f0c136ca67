import AuditStore
import Foundation
import Testing

/// The "never twice" rules and transaction atomicity.
@Suite("Constraints and transactions")
struct ConstraintTests {
    let directory: TemporaryDirectory
    let store: AuditStore

    init() throws {
        (directory, store) = try Fixtures.storeWithSession(checkpoints: 1)
    }

    @Test("a second transaction for the same checkpoint is refused with duplicateSubmission")
    func secondSubmissionRefused() throws {
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("a"))
        let error = try #require(throws: AuditStoreError.self) {
            try store.recordSignedSubmission(
                jobID: "1", checkpointIndex: 0, nonce: 1, rawTransaction: Data([2]), txHash: Fixtures.txHash("b"))
        }
        #expect(error.code == .duplicateSubmission)
        #expect(error.sqliteCode != nil)
        // Even after the first one failed: a checkpoint never gets a second transaction.
        try store.markSubmissionFailed(txHash: Fixtures.txHash("a"), error: "Too many")
        let afterFailure = try #require(throws: AuditStoreError.self) {
            try store.recordSignedSubmission(
                jobID: "1", checkpointIndex: 0, nonce: 1, rawTransaction: Data([2]), txHash: Fixtures.txHash("b"))
        }
        #expect(afterFailure.code == .duplicateSubmission)
    }

    @Test("the database itself refuses a second row, whoever writes it")
    func triggerRefusesRawInsert() throws {
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("a"))
        let error = try #require(throws: AuditStoreError.self) {
            try store.database.write { db in
                try db.run(
                    "INSERT INTO submissions (job_id, checkpoint_index, nonce, raw_transaction, tx_hash, status, "
                        + "created_at_ms, updated_at_ms) VALUES ('1', 0, 1, x'02', ?, 'signed', 0, 0)",
                    [Fixtures.txHash("raw")])
            }
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("duplicate submission"))
    }

    @Test("a fee bump with the same nonce replaces the live transaction; a different nonce is refused")
    func replacement() throws {
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 4, rawTransaction: Data([1]), txHash: Fixtures.txHash("a"))
        try store.markSubmissionBroadcast(txHash: Fixtures.txHash("a"))
        let mismatch = try #require(throws: AuditStoreError.self) {
            try store.replaceSubmission(
                jobID: "1", checkpointIndex: 0, previousTxHash: Fixtures.txHash("a"), nonce: 5,
                rawTransaction: Data([2]), txHash: Fixtures.txHash("b"))
        }
        #expect(mismatch.code == .replacementNonceMismatch)
        try store.replaceSubmission(
            jobID: "1", checkpointIndex: 0, previousTxHash: Fixtures.txHash("a"), nonce: 4, rawTransaction: Data([2]),
            txHash: Fixtures.txHash("b"))
        let submissions = try #require(try store.job("1")).submissions
        #expect(submissions.map(\.status) == [.replaced, .signed])
        #expect(submissions[1].replacesID == submissions[0].id)
        #expect(try store.submission(jobID: "1", checkpointIndex: 0)?.txHash == Fixtures.txHash("b"))
        #expect(try store.pendingSubmissions().map(\.txHash) == [Fixtures.txHash("b")])
        // The database refuses a raw replacement row with another nonce, too.
        let raw = try #require(throws: AuditStoreError.self) {
            try store.database.write { db in
                try db.run("UPDATE submissions SET status = 'replaced' WHERE tx_hash = ?", [Fixtures.txHash("b")])
                try db.run(
                    "INSERT INTO submissions (job_id, checkpoint_index, nonce, raw_transaction, tx_hash, status, "
                        + "replaces_id, created_at_ms, updated_at_ms) VALUES ('1', 0, 99, x'03', ?, 'signed', ?, 0, 0)",
                    [Fixtures.txHash("c"), submissions[1].id])
            }
        }
        #expect(raw.message.contains("replacement nonce mismatch"))
        #expect(try store.submission(jobID: "1", checkpointIndex: 0)?.txHash == Fixtures.txHash("b"))
    }

    @Test("a signed transaction's bytes can never be changed")
    func signedTransactionImmutable() throws {
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("a"))
        let error = try #require(throws: AuditStoreError.self) {
            try store.database.write { db in try db.run("UPDATE submissions SET raw_transaction = x'ff'") }
        }
        #expect(error.code == .constraint)
    }

    @Test("a settled session is never settled twice")
    func settledOnce() throws {
        try store.recordSettlementAttempt(
            jobID: "1", conversationCID: "c", nonce: 1, rawTransaction: Data([1]), txHash: Fixtures.txHash("s"))
        let pending = try #require(throws: AuditStoreError.self) {
            try store.recordSettlementAttempt(
                jobID: "1", conversationCID: "c", nonce: 2, rawTransaction: Data([2]), txHash: Fixtures.txHash("s2"))
        }
        #expect(pending.code == .alreadySettled)
        try store.markSettlementConfirmed(
            jobID: "1",
            payment: AuditStore.SettlementPayment(
                blockNumber: 1, gasUsed: 1, hostEarnings: "1", userRefund: "1", tokensUsed: 1000))
        let settled = try #require(throws: AuditStoreError.self) {
            try store.recordSettlementAttempt(
                jobID: "1", conversationCID: "c", nonce: 3, rawTransaction: Data([3]), txHash: Fixtures.txHash("s3"))
        }
        #expect(settled.code == .alreadySettled)
        #expect(
            try #require(throws: AuditStoreError.self) { try store.markSettlementFailed(jobID: "1", error: "x") }.code
                == .invalidTransition)
        #expect(
            try #require(throws: AuditStoreError.self) {
                try store.recordSessionTimedOut(jobID: "1", hostEarnings: "0", userRefund: "0")
            }.code == .alreadySettled)
        // The trigger holds for raw SQL as well.
        let raw = try #require(throws: AuditStoreError.self) {
            try store.database.write { db in try db.run("UPDATE settlements SET host_earnings = '999'") }
        }
        #expect(raw.message.contains("already settled"))
    }

    @Test("a storing the same checkpoint twice is refused with duplicateRecord and changes nothing")
    func duplicateCheckpoint() throws {
        let error = try #require(throws: AuditStoreError.self) {
            try store.recordCheckpoint(Fixtures.checkpoint("1", 0, variant: "other"))
        }
        #expect(error.code == .duplicateRecord)
        #expect(try store.logEntries().count == 2)
    }

    @Test("an error inside a write rolls the whole transaction back, audit entry included")
    func rollback() throws {
        let before = try store.logEntries().count
        // Two checkpoints in one group commit: the second is a duplicate, so neither is stored.
        let error = try #require(throws: AuditStoreError.self) {
            try store.recordCheckpoints([Fixtures.checkpoint("1", 1), Fixtures.checkpoint("1", 0, variant: "dup")])
        }
        #expect(error.code == .duplicateRecord)
        #expect(try store.job("1")?.checkpoints.count == 1)
        #expect(try store.job("1")?.results.count == 1)
        #expect(try store.logEntries().count == before)

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try store.database.write { db in
                try db.run("UPDATE sessions SET status = 'refused'")
                throw Abort()
            }
        }
        #expect(try store.session(jobID: "1")?.status == .active)
        #expect(try store.checkLog().isIntact)
    }

    @Test("a checkpoint of an unknown session, or a submission of an unknown checkpoint, is notFound")
    func foreignKeys() throws {
        #expect(
            try #require(throws: AuditStoreError.self) { try store.recordCheckpoint(Fixtures.checkpoint("404", 0)) }
                .code == .notFound)
        #expect(
            try #require(throws: AuditStoreError.self) {
                try store.recordSignedSubmission(
                    jobID: "1", checkpointIndex: 9, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("z"))
            }.code == .notFound)
    }

    @Test("malformed fields are refused with invalidInput")
    func malformed() throws {
        var badSession = Fixtures.session("2")
        badSession.deposit = "1e18"
        #expect(
            try #require(throws: AuditStoreError.self) { try store.recordSession(badSession) }.code == .invalidInput)
        var badEnvelope = Fixtures.checkpoint("1", 3)
        badEnvelope.proof.envelopeJSON = "{not json"
        #expect(
            try #require(throws: AuditStoreError.self) { try store.recordCheckpoint(badEnvelope) }.code == .invalidInput
        )
        var badHash = Fixtures.checkpoint("1", 4)
        badHash.promptHash = Data([1, 2])
        #expect(
            try #require(throws: AuditStoreError.self) { try store.recordCheckpoint(badHash) }.code == .invalidInput)
    }

    @Test("a store call from inside a transaction fails instead of deadlocking")
    func reentrancy() throws {
        let error = try #require(throws: AuditStoreError.self) {
            try store.database.write { _ in try store.session(jobID: "1") }
        }
        #expect(error.code == .invalidInput)
        let nested = try #require(throws: AuditStoreError.self) {
            try store.database.write { _ in try store.recordCheckpoint(Fixtures.checkpoint("1", 5)) }
        }
        #expect(nested.code == .invalidInput)
        try store.recordCheckpoint(Fixtures.checkpoint("1", 5))
    }
}
