import AuditStore
import ChainTestSupport
import Commitment
import Ethereum
import Foundation
import Settlement
import TestSupport
import Testing

/// The settlement scenarios of issue 7, shared by the MockChain and the devchain runs.
enum SettlementScenarios {
    static let all: [Scenario] = [
        Scenario(name: "full path: proofs, dispute window, validation, settlement, amounts", body: fullPath),
        Scenario(name: "\"Dispute wait\" is retried with backoff", body: disputeWaitRetried),
        Scenario(name: "a tampered stored proof is refused and a dispute recorded", body: tamperedProof),
        Scenario(name: "a proofHash missing on chain is refused", body: missingOnChain),
        Scenario(name: "a wrong host key surfaces \"Not host\"", body: wrongHostKey),
        Scenario(name: "key rotation mid-session: both keys known passes, unknown refused", body: keyRotation),
        Scenario(name: "the settler killed with kill -9 mid-settlement resumes and is paid once", body: killedSettler),
        Scenario(name: "20 sessions settled in parallel", body: parallelSettlement),
        Scenario(name: "a session timed out on chain is recorded as such", body: timedOut),
    ]

    static func fullPath(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let jobID = try await world.provenSession(
            tokens: [1000, 1000, 500], generator: try TestKeys.shared.generator())
        let job = try U256(parsing: jobID)
        let lastProof = try await h.session(job).lastProofTime
        let (settler, log, metrics) = world.observedSettler()

        let outcome = try await settler.settle(jobID: jobID)
        guard case .settled(let record) = outcome else {
            Issue.record("expected a settlement, got \(outcome)")
            return
        }
        // The dispute window (30 s on both chains) plus the 5 s margin passed in chain time first.
        #expect(try await h.latestTimestamp() >= lastProof + U256(35))
        let expected = world.expectedPayment(tokens: 2500)
        #expect(record.status == .confirmed)
        #expect(record.tokensUsed == 2500)
        #expect(record.hostEarnings == expected.host.description)
        #expect(record.userRefund == expected.refund.description)
        #expect(record.attempts == 1)
        let onChain = try await h.session(job)
        #expect(onChain.status == .completed)
        #expect(onChain.tokensUsed == U256(2500))
        // The conversationCID on chain names the stored conversation record.
        let conversation = try #require(try world.store.conversation(jobID: jobID))
        #expect(onChain.conversationCID == conversation.cid)
        #expect(record.conversationCID == conversation.cid)
        let decoded = try JSONDecoder().decode(ConversationRecord.self, from: Data(conversation.json.utf8))
        #expect(decoded.checkpoints.map(\.tokensClaimed) == [1000, 1000, 500])
        let stored = try #require(try world.store.job(jobID))
        #expect(decoded.checkpoints.map(\.proofCID) == stored.proofs.map(\.proofCID))
        #expect(stored.session.status == .settled)
        // SessionCompletedBy carries the gross payment: tokens × price / 1000.
        let completedBy = try await world.chain.marketplace.events(
            on: h.eth, from: .earliest, names: ["SessionCompletedBy"], jobId: job)
        #expect(completedBy.count == 1)
        if case .sessionCompletedBy(_, let by, _, let payment, let refund)? = completedBy.first?.event {
            #expect(by == world.host.address)
            #expect(payment == expected.payment)
            #expect(refund == expected.refund)
        }
        // Idempotent: a second run sends nothing.
        #expect(try await settler.settle(jobID: jobID) == .alreadySettled(record))
        let completions = try await world.chain.marketplace.events(
            on: h.eth, from: .earliest, names: ["SessionCompleted"], jobId: job)
        #expect(completions.count == 1)
        #expect(metrics.counter("proofnode_settlement_validations_total", [("result", "passed")]) == 1)
        #expect(metrics.counter("proofnode_settlements_total", [("result", "settled")]) == 1)
        #expect(metrics.counter("proofnode_settlements_total", [("result", "alreadySettled")]) == 1)
        #expect(!log.lines.contains { $0.level >= .error })
        // `proofnode audit verify` agrees: every proof re-verified and found on chain, exit status 0.
        let audit = try ChildProcess.run(world.auditVerifyArguments(jobID), environment: [:])
        #expect(audit.status == 0, "\(audit.output) \(audit.error)")
        #expect(audit.output.contains("\"chainChecked\":true"))
    }

    static func disputeWaitRetried(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let jobID = try await world.provenSession(tokens: [1000], generator: try TestKeys.shared.generator())
        // A configured window shorter than the contract's: completeSessionJob first says "Dispute wait".
        let settler = AutoSettler(
            store: world.store, validator: world.validator(), chain: world.chain, manager: world.manager,
            signer: world.host, timer: DevChainTimer(client: h.eth),
            configuration: AutoSettlerConfiguration(disputeWindowOverride: 0, margin: 0, initialBackoff: 1))
        let outcome = try await settler.settle(jobID: jobID)
        #expect(outcome.record?.status == .confirmed)
        #expect(outcome.record?.attempts == 1)  // estimation reverted: nothing was signed before the window
        #expect(outcome.record?.hostEarnings == world.expectedPayment(tokens: 1000).host.description)

        // With no retries left, the revert is surfaced.
        let second = try await world.provenSession(tokens: [1000], generator: try TestKeys.shared.generator())
        let impatient = AutoSettler(
            store: world.store, validator: world.validator(), chain: world.chain, manager: world.manager,
            signer: world.host, timer: DevChainTimer(client: h.eth),
            configuration: AutoSettlerConfiguration(disputeWindowOverride: 0, margin: 0, disputeWaitRetries: 0))
        await #expect(throws: SettlerError.self) { try await impatient.settle(jobID: second) }
        do {
            _ = try await impatient.settle(jobID: second)
        } catch {
            #expect(error.code == .disputeWaitExhausted)
            #expect(error.revertReason == "Dispute wait")
        }
        #expect(try world.store.settlement(jobID: second) == nil)
    }

    static func tamperedProof(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let jobID = try await world.provenSession(tokens: [1000, 1000], generator: try TestKeys.shared.generator())
        // Checkpoint 1's stored proof is replaced by checkpoint 0's (a valid proof, of other inputs).
        let report = try #require(try world.store.job(jobID))
        let donor = try ProofEnvelope(json: Array(report.proofs[0].envelopeJSON.utf8))
        var victim = try ProofEnvelope(json: Array(report.proofs[1].envelopeJSON.utf8))
        victim.proofData = donor.proofData
        let tamperedJSON = victim.canonicalJSONString
        try await world.store.database.write { db in
            _ = try db.run(
                "UPDATE proofs SET proof_bytes = ?, envelope_json = ? WHERE job_id = ? AND checkpoint_index = 1",
                [Data(donor.proofData), tamperedJSON, jobID])
        }
        let (settler, log, metrics) = world.observedSettler()
        let outcome = try await settler.settle(jobID: jobID)
        guard case .refused(let refused) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        let codes = Set(refused.checkpoints[1].findings.map(\.code))
        #expect(codes.contains(.invalidProof))
        #expect(codes.contains(.proofHashMismatch))
        #expect(refused.checkpoints[0].passed)
        let disputes = try world.store.disputes(jobID: jobID)
        #expect(disputes.count == 1)
        #expect(disputes.first?.reasons == refused.reasons)
        #expect(disputes.first?.reasons.contains { $0.hasPrefix("checkpoint 1: invalidProof") } == true)
        #expect(try world.store.settlement(jobID: jobID) == nil)
        #expect(try world.store.session(jobID: jobID)?.status == .refused)
        #expect(try await h.session(try U256(parsing: jobID)).status == .active)
        #expect(metrics.counter("proofnode_settlement_refusals_total") == 1)
        // `proofnode audit verify` fails with the same reasons and exit status 1.
        let audit = try ChildProcess.run(world.auditVerifyArguments(jobID), environment: [:])
        #expect(audit.status == 1)
        #expect(audit.output.contains("invalidProof"), "\(audit.output) \(audit.error)")
        // One error-level line, without any salt.
        let errors = log.lines.filter { $0.level == .error }
        #expect(errors.count == 1)
        let salts = try #require(try world.store.job(jobID, includeSecrets: true)).proofs.compactMap(\.salt)
        for salt in salts {
            let hex = salt.map { String(format: "%02x", $0) }.joined()
            #expect(!errors.contains { $0.text.contains(hex) })
        }
    }

    static func missingOnChain(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let generator = try TestKeys.shared.generator()
        let jobID = try await world.provenSession(tokens: [1000], generator: generator)
        try world.prove(jobID, index: 1, tokens: 1000, start: 1000, generator: generator)  // stored, never submitted
        let outcome = try await world.settler().settle(jobID: jobID)
        guard case .refused(let report) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(report.checkpoints[1].findings.map(\.code) == [.proofNotOnChain])
        #expect(report.checkpoints[1].onChain == false)
        #expect(report.checkpoints[0].onChain == true)
        #expect(try world.store.disputes(jobID: jobID).first?.reasons.count == 1)
        #expect(try await h.session(try U256(parsing: jobID)).status == .active)
    }

    static func wrongHostKey(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let generator = try TestKeys.shared.generator()
        let jobID = try await world.provenSession(tokens: [1000], generator: generator)
        try world.prove(jobID, index: 1, tokens: 1000, start: 1000, generator: generator)
        let stranger = h.accounts[3]
        do {
            try await world.submit(jobID, index: 1, signer: stranger)
            Issue.record("a submission from a key that is not the host's succeeded")
        } catch let error as JobMarketplaceError {
            #expect(error.code == .notHost)
            #expect(error.reason == "Not host")
        }
        let checkpoint = try #require(try world.store.job(jobID)?.checkpoints.last)
        #expect(checkpoint.status == .failed)
        #expect(checkpoint.revertReason == "Not host")
        // Settling with that key is refused by the contract, and the reason surfaces.
        do {
            _ = try await world.settler(signer: stranger).settle(jobID: jobID)
            Issue.record("a settlement from a key that is not the host's succeeded")
        } catch {
            #expect(error.code == .reverted)
            #expect(error.revertReason == "Not depositor or host")
        }
        #expect(try world.store.settlement(jobID: jobID) == nil)
        // The host settles; the failed checkpoint is not billed.
        let outcome = try await world.settler().settle(jobID: jobID)
        #expect(outcome.record?.tokensUsed == 1000)
        #expect(outcome.record?.hostEarnings == world.expectedPayment(tokens: 1000).host.description)
    }

    static func keyRotation(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let keyA = try TestKeys.shared.generator()
        let keyB = try TestKeys.shared.generator(rotated: true)
        var jobs: [String] = []
        for _ in 0..<2 {
            let jobID = try await world.openSession()
            try world.prove(jobID, index: 0, tokens: 1000, start: 0, generator: keyA)
            try await world.submit(jobID, index: 0)
            try world.prove(jobID, index: 1, tokens: 1000, start: 1000, generator: keyB)  // rotated mid-session
            try await world.submit(jobID, index: 1)
            jobs.append(jobID)
        }
        let fingerprints = try #require(try world.store.job(jobs[0])).proofs.map(\.keyFingerprint)
        #expect(fingerprints == [TestKeys.shared.fingerprintA, TestKeys.shared.fingerprintB])

        let both = try await world.settler(validator: world.validator(rotatedKnown: true)).settle(jobID: jobs[0])
        #expect(both.record?.tokensUsed == 2000)

        let onlyA = try await world.settler(validator: world.validator(rotatedKnown: false)).settle(jobID: jobs[1])
        guard case .refused(let report) = onlyA else {
            Issue.record("expected a refusal, got \(onlyA)")
            return
        }
        #expect(report.checkpoints[0].passed)
        #expect(report.checkpoints[1].findings.map(\.code) == [.unknownKey])
        #expect(try world.store.disputes(jobID: jobs[1]).count == 1)
    }

    static func parallelSettlement(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let generator = try TestKeys.shared.generator()
        var jobs: [String] = []
        for _ in 0..<20 { jobs.append(try await world.provenSession(tokens: [1000], generator: generator)) }
        let results = try await world.settler().settleAll()
        #expect(results.count == 20)
        let expected = world.expectedPayment(tokens: 1000)
        for job in jobs {
            let outcome = try #require(try results[job]?.get())
            #expect(outcome.record?.status == .confirmed)
            #expect(outcome.record?.hostEarnings == expected.host.description)
            #expect(outcome.record?.userRefund == expected.refund.description)
        }
        let completions = try await world.chain.marketplace.events(
            on: h.eth, from: .earliest, names: ["SessionCompleted"])
        #expect(Set(completions.map(\.event.jobId.description)) == Set(jobs))
        #expect(completions.count == 20)
    }

    static func timedOut(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let jobID = try await world.provenSession(tokens: [1000], generator: try TestKeys.shared.generator())
        try await h.advance(301)  // past proofTimeoutWindow (300 s)
        try await h.transact(h.accounts[4], try Market.timeout.encodeCall([.uint(try U256(parsing: jobID))]))
        let outcome = try await world.settler().settle(jobID: jobID)
        guard case .timedOut(let record) = outcome else {
            Issue.record("expected a timeout, got \(outcome)")
            return
        }
        let expected = world.expectedPayment(tokens: 1000)
        #expect(record.status == .timedOut)
        #expect(record.hostEarnings == expected.host.description)
        #expect(record.userRefund == expected.refund.description)
        #expect(try world.store.session(jobID: jobID)?.status == .timedOut)
        #expect(try await world.settler().settle(jobID: jobID) == .timedOut(record))
    }
}
