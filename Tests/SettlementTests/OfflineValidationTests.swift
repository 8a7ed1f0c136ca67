import AuditStore
import BN254
import Commitment
import Ethereum
import Foundation
import Settlement
import Testing

/// The validator's local checks without a chain, the conversation record, and the settler's
/// configuration: no node needed.
@Suite("Settlement without a chain")
struct OfflineValidationTests {
    /// A store with one session and checkpoints recorded by hand (no chain).
    final class LocalWorld: Sendable {
        let directory: URL
        let store: AuditStore
        let host = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
        let clock: ManualDate

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let clock = ManualDate()
            self.clock = clock
            store = try AuditStore(path: directory.appendingPathComponent("s.sqlite").path, clock: { clock.now })
            try store.recordSession(
                SessionRecord(
                    jobID: "7", chainID: 31337, contractAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                    hostAddress: host, modelID: "m", proofInterval: 1000, pricePerToken: "1000", deposit: "100000000"))
        }

        deinit {
            do { try FileManager.default.removeItem(at: directory) } catch {}  // best-effort temp cleanup
        }

        func record(index: Int64, tokens: Int64, generator: ProofGenerator?) throws {
            let result = InferenceResult(prompt: "p", response: "r\(index)", modelHash: .sha256(utf8: "model"))
            let opening = CheckpointOpening(
                modelHash: result.modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
            let statement = CheckpointStatement(
                jobId: 7, host: try HostAddress(hex: host), checkpointIndex: UInt64(index),
                tokensClaimed: UInt64(tokens), opening: opening)
            let envelope: ProofEnvelope
            if let generator {
                envelope = try generator.prove(statement)
            } else {
                envelope = ProofEnvelope(
                    statement: statement.publicInputs, hashes: opening,
                    proofData: MockProof.bytes(for: statement.publicInputs), proofType: .mock, timestamp: 0,
                    proverId: host, keyFingerprint: MockProof.keyFingerprint)
            }
            try store.recordCheckpoint(
                CheckpointInput(
                    jobID: "7", checkpointIndex: index, tokensClaimed: tokens,
                    tokenRange: TokenRange(start: index * 1000, end: index * 1000 + tokens),
                    promptHash: Data(result.inputHash.bytes), responseHash: Data(result.outputHash.bytes),
                    promptText: "p", responseText: "r\(index)",
                    proof: ProofInput(
                        envelopeJSON: envelope.canonicalJSONString, proofBytes: Data(envelope.proofData),
                        keyFingerprint: envelope.keyFingerprint, backend: envelope.proofType.rawValue,
                        publicInputsJSON: "[" + envelope.publicInputs.map { "\"\($0)\"" }.joined(separator: ",") + "]",
                        salt: Data(opening.salt.canonical.bigEndianBytes))))
        }

        func validator(devMode: Bool = false) -> SessionValidator {
            SessionValidator(
                store: store, keys: TestKeys.shared.knownKeys(includingRotated: false), devMode: devMode, chain: nil)
        }
    }

    @Test("valid proofs pass locally; the chain is reported as not checked")
    func passesLocally() async throws {
        let world = try LocalWorld()
        let generator = try TestKeys.shared.generator()
        try world.record(index: 0, tokens: 1000, generator: generator)
        try world.record(index: 1, tokens: 1000, generator: generator)
        let report = try await world.validator().validate(jobID: "7")
        #expect(report.passed, "\(report.reasons)")
        #expect(!report.chainChecked)
        #expect(report.checkpoints.map(\.resultText) == [.verified, .verified])
        #expect(report.checkpoints.allSatisfy { $0.onChain == nil })
    }

    @Test("mock proofs fail outside dev mode and pass in it")
    func mockProofs() async throws {
        let world = try LocalWorld()
        try world.record(index: 0, tokens: 1000, generator: nil)
        let production = try await world.validator().validate(jobID: "7")
        #expect(production.checkpoints[0].findings.map(\.code) == [.mockProof])
        let development = try await world.validator(devMode: true).validate(jobID: "7")
        #expect(development.passed, "\(development.reasons)")
    }

    @Test("text purged by retention is a distinct outcome, not a failure")
    func purgedText() async throws {
        let world = try LocalWorld()
        try world.record(index: 0, tokens: 1000, generator: try TestKeys.shared.generator())
        try world.store.recordSessionTimedOut(jobID: "7", hostEarnings: "0", userRefund: "0")
        world.clock.advance(31 * 24 * 3600)
        #expect(try world.store.purgeExpiredText() == 1)
        let report = try await world.validator().validate(jobID: "7")
        #expect(report.passed, "\(report.reasons)")
        #expect(report.checkpoints[0].resultText == .purgedByRetention)
    }

    @Test("edited result text and an edited token count are named")
    func editedRows() async throws {
        let world = try LocalWorld()
        try world.record(index: 0, tokens: 1000, generator: try TestKeys.shared.generator())
        try await world.store.database.write { db in
            _ = try db.run("UPDATE inference_results SET response_text = 'edited' WHERE job_id = '7'")
            _ = try db.run("UPDATE checkpoints SET tokens_claimed = 1500 WHERE job_id = '7'")
        }
        let report = try await world.validator().validate(jobID: "7")
        let codes = report.checkpoints[0].findings.map(\.code)
        #expect(codes.contains(.resultHashMismatch))
        #expect(codes.contains(.publicInputMismatch))
        #expect(codes.contains(.invalidProof))  // the proof is not valid for 1500 tokens
        #expect(codes.contains(.commitmentMismatch))
    }

    @Test("an unknown session is an error; a session without checkpoints fails")
    func emptyAndUnknown() async throws {
        let world = try LocalWorld()
        await #expect(throws: SettlerError.self) { try await world.validator().validate(jobID: "8") }
        let report = try await world.validator().validate(jobID: "7")
        #expect(report.sessionFindings.map(\.code) == [.noCheckpoints])
    }

    @Test("the conversation record is canonical, stored once, and named by its CID")
    func conversationRecord() throws {
        let world = try LocalWorld()
        let generator = try TestKeys.shared.generator()
        try world.record(index: 0, tokens: 1000, generator: generator)
        try world.record(index: 1, tokens: 400, generator: generator)
        let job = try #require(try world.store.job("7"))
        let record = ConversationRecord(job: job)
        let json = try record.canonicalJSON()
        #expect(json == (try ConversationRecord(job: job).canonicalJSON()))
        #expect(!json.contains(" ") && !json.contains("\n"))
        #expect(json.hasPrefix("{\"chainID\":31337,\"checkpoints\":[{\"index\":0,"))
        #expect(record.totalTokensClaimed == 1400)
        let stored = try ConversationRecord.stored(jobID: "7", in: world.store)
        #expect(stored.json == json)
        #expect(stored.cid == (try record.cid()))
        #expect(stored.cid.hasPrefix("bafkrei"))
        #expect(try ConversationRecord.stored(jobID: "7", in: world.store) == stored)
        #expect(throws: AuditStoreError.self) { try world.store.recordConversation(jobID: "7", json: "{}") }
        #expect(try world.store.checkLog().isIntact)
    }

    @Test("configuration: DISPUTE_WINDOW_SECONDS and the pause point come from the environment")
    func configuration() throws {
        let plain = try AutoSettlerConfiguration(environment: [:])
        #expect(plain.disputeWindowOverride == nil)
        #expect(plain.margin == 5)
        #expect(plain.pausePoint == nil)
        let set = try AutoSettlerConfiguration(
            environment: ["DISPUTE_WINDOW_SECONDS": "12", "PROOFNODE_TEST_PAUSE_AT": "settle-after-persist"])
        #expect(set.disputeWindowOverride == 12)
        #expect(set.pausePoint == .afterPersist)
        #expect(throws: SettlerError.self) {
            try AutoSettlerConfiguration(environment: ["DISPUTE_WINDOW_SECONDS": "soon"])
        }
    }
}

/// A store clock the test moves by hand.
final class ManualDate: @unchecked Sendable {
    // @unchecked: `current` is guarded by `lock`.
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_760_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
