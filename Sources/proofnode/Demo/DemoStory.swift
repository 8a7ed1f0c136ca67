import AuditStore
import Commitment
import Ethereum
import Foundation
import Settlement

/// The two runs of the demo over one ``DemoWorld``.
struct DemoStory: Sendable {
    let world: DemoWorld
    let tokens: Int64

    /// Run 1: stream, prove, submit, wait, validate, settle; checks the payment against the contract's
    /// rules and the audit log. Returns whether everything held.
    func honestRun() async throws -> Bool {
        let jobID = try await world.openSession()
        print(
            "session \(jobID) created: price \(world.price) wei per 1000 tokens, deposit \(world.deposit) wei, "
                + "proof interval \(world.proofInterval)")
        let checkpoints = try await stream(jobID: jobID, label: "run 1")
        let treasuryBefore = try await world.client.balance(of: world.treasury)
        let outcome = try await settle(jobID: jobID)
        let treasuryAfter = try await world.client.balance(of: world.treasury)
        guard case .settled(let record) = outcome else {
            print("run 1: settlement was NOT made: \(outcome.name)")
            if case .refused(let report) = outcome { for reason in report.reasons { print("  - \(reason)") } }
            return false
        }
        print("\nsummary of session \(jobID)")
        print(
            AuditFormatting.table(
                ["CP", "TOKENS", "PROVE ms", "PROOF B", "TX", "GAS"],
                checkpoints.map {
                    [
                        String($0.index), String($0.tokens), String($0.proveMilliseconds), String($0.proofBytes),
                        $0.txHash, String($0.gasUsed),
                    ]
                }))
        let claimed = checkpoints.reduce(Int64(0)) { $0 + $1.tokens }
        let payment = (U256(UInt64(claimed)) * world.price) / U256(1000)
        let fee = payment * U256(1000) / U256(10_000)
        let expectedHost = payment - fee
        let expectedRefund = world.deposit - payment
        let treasuryGain = treasuryAfter - treasuryBefore
        let rows: [[String]] = [
            ["tokens claimed", String(claimed), String(record.tokensUsed ?? -1)],
            ["host earnings (wei)", expectedHost.description, record.hostEarnings ?? "-"],
            ["treasury fee (wei)", fee.description, treasuryGain.description],
            ["depositor refund (wei)", expectedRefund.description, record.userRefund ?? "-"],
        ]
        print("\npayment (contract rules: payment = tokens × price / 1000, 10 % fee to the treasury)")
        print(AuditFormatting.table(["", "EXPECTED", "ON CHAIN / RECORDED"], rows))
        let paid = rows.allSatisfy { $0[1] == $0[2] }
        let settlementTx = record.txHash.map { "0x" + $0.map { String(format: "%02x", $0) }.joined() } ?? "-"
        print("settlement tx \(settlementTx), gas \(record.gasUsed.map(String.init) ?? "-")")
        print(paid ? "payment matches the contract rules" : "payment DOES NOT match the contract rules")
        let log = try world.store.checkLog()
        print(
            "audit log: \(log.entries) entries, \(log.proofsChecked) proofs re-hashed, "
                + (log.isIntact ? "intact" : "BROKEN: " + log.problems.map(\.description).joined(separator: "; ")))
        return paid && log.isIntact && checkpoints.count == Int((claimed + 999) / 1000)
    }

    /// Run 2: a new session, one stored proof tampered (a byte flipped, in plain sight), then the settler
    /// must refuse and record a dispute. Returns whether it did.
    func tamperedRun() async throws -> Bool {
        let jobID = try await world.openSession()
        print("session \(jobID) created")
        let checkpoints = try await stream(jobID: jobID, label: "run 2")
        let victim = checkpoints.count > 1 ? 1 : 0
        try tamper(jobID: jobID, checkpointIndex: Int64(victim))
        let outcome = try await settle(jobID: jobID)
        guard case .refused(let report) = outcome else {
            print("run 2: settlement was NOT refused (\(outcome.name)) — the tampered proof went unnoticed")
            return false
        }
        print("settlement refused; the validator's reasons:")
        for reason in report.reasons { print("  - \(reason)") }
        let disputes = try world.store.disputes(jobID: jobID)
        for dispute in disputes {
            print("dispute #\(dispute.id) recorded for job \(dispute.jobID) with \(dispute.reasons.count) reason(s)")
        }
        let status = try world.store.session(jobID: jobID)?.status
        print("session \(jobID) status in the store: \(status.map { "\($0)" } ?? "-"); no payment was released")
        let settlement = try world.store.settlement(jobID: jobID)
        return !disputes.isEmpty && settlement == nil
    }

    /// Flips the last byte of checkpoint `index`'s stored proof (in the proof bytes and in the envelope
    /// JSON alike), with raw SQL on the store — the way someone with write access to the file would.
    private func tamper(jobID: String, checkpointIndex index: Int64) throws {
        guard let report = try world.store.job(jobID),
            let proof = report.proofs.first(where: { $0.checkpointIndex == index })
        else { throw CommandFailure("checkpoint \(index) of job \(jobID) has no stored proof") }
        var envelope = try ProofEnvelope(json: Array(proof.envelopeJSON.utf8))
        guard let last = envelope.proofData.indices.last else { throw CommandFailure("the stored proof is empty") }
        let before = envelope.proofData[last]
        envelope.proofData[last] ^= 0x01
        let bytes = Data(envelope.proofData)
        let json = envelope.canonicalJSONString
        let changed = try world.store.database.write { connection in
            try connection.run(
                "UPDATE proofs SET proof_bytes = ?, envelope_json = ? WHERE job_id = ? AND checkpoint_index = ?",
                [bytes, json, jobID, index])
        }
        print(
            String(
                format: "TAMPERING: raw SQL UPDATE on the store flips byte %d of checkpoint %lld's proof "
                    + "(0x%02x → 0x%02x), %d row changed",
                last, index, before, envelope.proofData[last], changed))
    }

    /// Streams the canned conversation through a ``SessionRunner``, printing a line per confirmed
    /// checkpoint.
    private func stream(jobID: String, label: String) async throws -> [DemoCheckpoint] {
        let progress = DemoProgress(store: world.store)
        let runner = SessionRunner(
            submitter: world.submitter { event in await progress.observe(event) },
            modelHash: .sha256(utf8: "demo-model.gguf"))
        let messages = DemoConversation.messages(tokens: tokens, label: "\(label), job \(jobID)")
        print("streaming \(messages.count) exchanges, \(tokens) tokens")
        await progress.begin()
        _ = try await runner.run(jobID: jobID, messages: messages)
        return await progress.checkpoints
    }

    /// Waits the dispute window (the settler sleeps in real time), validates and settles.
    private func settle(jobID: String) async throws -> SettlementOutcome {
        print("validating and settling job \(jobID) once the \(world.disputeWindow) s dispute window (+1 s) has passed")
        do {
            return try await world.settler().settle(jobID: jobID)
        } catch {
            throw CommandFailure("settlement of job \(jobID) failed: \(error.message)")
        }
    }
}
