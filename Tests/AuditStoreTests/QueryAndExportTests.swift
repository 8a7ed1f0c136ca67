import AuditStore
import Foundation
import Testing

/// Auditor listings, exports (secrets excluded by default) and text retention.
@Suite("Queries, exports and retention")
struct QueryAndExportTests {
    let directory: TemporaryDirectory
    let clock = ManualClock()
    let store: AuditStore
    static let otherHost = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"

    init() throws {
        directory = try TemporaryDirectory()
        store = try AuditStore(
            path: directory.path(),
            configuration: AuditStore.Configuration(textRetentionAfterSettlement: 3600), clock: clock.function)
        try store.recordSession(Fixtures.session("1"))
        try store.recordSession(Fixtures.session("2", host: Self.otherHost))
        for index in 0..<5 {
            try store.recordCheckpoint(Fixtures.checkpoint("1", Int64(index)))
            clock.advance(10)
        }
        for index in 0..<3 {
            try store.recordCheckpoint(Fixtures.checkpoint("2", Int64(index)))
            clock.advance(10)
        }
        try store.recordSignedSubmission(
            jobID: "1", checkpointIndex: 0, nonce: 0, rawTransaction: Data([0xf8, 0x01]), txHash: Fixtures.txHash("1/0")
        )
        try store.markSubmissionConfirmed(txHash: Fixtures.txHash("1/0"), blockNumber: 5, gasUsed: 50_000)
    }

    @Test("filters by job, host (any case), status and time range; pages without overlap, newest first")
    func listing() throws {
        #expect(try store.listProofs().count == 8)
        #expect(try store.listProofs(ProofQuery(jobID: "1")).count == 5)
        #expect(
            try store.listProofs(ProofQuery(hostAddress: Self.otherHost.lowercased())).map(\.jobID) == ["2", "2", "2"])
        let confirmed = try store.listProofs(ProofQuery(status: .confirmed))
        #expect(confirmed.map(\.checkpointIndex) == [0])
        #expect(confirmed.first?.txHash == Fixtures.txHash("1/0"))
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let window = try store.listProofs(ProofQuery(from: start + 20, to: start + 50))
        #expect(window.map(\.checkpointIndex) == [4, 3, 2])
        let first = try store.listProofs(ProofQuery(limit: 3))
        let second = try store.listProofs(ProofQuery(limit: 3, offset: 3))
        #expect(first.count == 3 && second.count == 3)
        #expect(Set(first.map(\.proofCID)).isDisjoint(with: second.map(\.proofCID)))
        #expect(first.first?.jobID == "2" && first.first?.checkpointIndex == 2)
        #expect(throws: AuditStoreError.self) { try store.listProofs(ProofQuery(limit: 0)) }
    }

    @Test("the JSON export holds the whole job and no salt unless asked for")
    func jsonExport() throws {
        let data = try store.export(jobID: "1", format: .json)
        let text = String(decoding: data, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["includesSecrets"] as? Bool == false)
        let job = try #require(object["job"] as? [String: Any])
        #expect((job["proofs"] as? [Any])?.count == 5)
        #expect((job["submissions"] as? [Any])?.count == 1)
        #expect(!text.contains("\"salt\""))
        #expect(!text.contains("0x070707"))
        let secret = String(decoding: try store.export(jobID: "1", format: .json, includeSecrets: true), as: UTF8.self)
        #expect(secret.contains("\"salt\" : \"0x070707\""))
        #expect(
            try #require(throws: AuditStoreError.self) { try store.export(jobID: "9", format: .json) }.code == .notFound
        )
    }

    @Test("the CSV export has one row per checkpoint, RFC 4180 quoting, and no salt column by default")
    func csvExport() throws {
        try store.markCheckpointFailed(jobID: "1", checkpointIndex: 4, reason: "prover said \"no\", twice")
        let text = String(decoding: try store.export(jobID: "1", format: .csv), as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 6)
        #expect(!lines[0].contains("salt"))
        #expect(lines[1].hasPrefix("1,84532,\(Fixtures.host),0,1000,0,1000,confirmed,"))
        #expect(lines[1].contains(Hex.encode(Fixtures.txHash("1/0"))))
        #expect(lines[5].contains("\"prover said \"\"no\"\", twice\""))
        let secret = String(decoding: try store.export(jobID: "1", format: .csv, includeSecrets: true), as: UTF8.self)
        #expect(secret.split(separator: "\r\n")[0].hasSuffix(",salt"))
        #expect(secret.split(separator: "\r\n")[1].hasSuffix(",0x070707"))
    }

    @Test("text is kept until settlement + retention, then purged; the hashes stay")
    func retention() throws {
        #expect(try store.purgeExpiredText() == 0)
        try store.recordSettlementAttempt(
            jobID: "1", conversationCID: "c", nonce: 1, rawTransaction: Data([1]), txHash: Fixtures.txHash("s1"))
        try store.markSettlementConfirmed(
            jobID: "1",
            payment: AuditStore.SettlementPayment(
                blockNumber: 9, gasUsed: 1, hostEarnings: "1", userRefund: "2", tokensUsed: 5000))
        clock.advance(3599)
        #expect(try store.purgeExpiredText() == 0)
        clock.advance(1)
        #expect(try store.purgeExpiredText() == 5)
        let results = try #require(try store.job("1")).results
        #expect(results.allSatisfy { $0.promptText == nil && $0.responseText == nil && $0.textPurgedAt == clock.now })
        #expect(results.allSatisfy { $0.promptHash.count == 32 })
        #expect(try store.job("2")?.results.allSatisfy { $0.promptText != nil } == true)
        #expect(try store.logEntries(after: 0, limit: 10_000).last?.kind == .textPurged)
        #expect(try store.checkLog().isIntact)
    }

    @Test("a proof is found by CID and by 0x proof hash; other ids are refused")
    func proofLookup() throws {
        let summary = try #require(try store.listProofs(ProofQuery(jobID: "2", limit: 1)).first)
        #expect(try store.proof(id: summary.proofCID)?.checkpointIndex == summary.checkpointIndex)
        #expect(try store.proof(id: Hex.encode(summary.proofHash))?.proofCID == summary.proofCID)
        #expect(try store.proof(id: ContentIdentifier(of: Data("absent".utf8)).description) == nil)
        #expect(throws: AuditStoreError.self) { try store.proof(id: "42") }
    }
}

/// Secrets stay out of printed values.
@Suite("Secret handling")
struct SecretHandlingTests {
    @Test("printing a proof input, a proof record or a job report never shows the salt")
    func descriptionsRedactSalt() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try store.recordSession(Fixtures.session("1"))
        let salt = Data([0xde, 0xad, 0xbe, 0xef, 0x5a, 0x17])
        let input = Fixtures.checkpoint("1", 0, salt: salt)
        try store.recordCheckpoint(input)
        let proof = try #require(try store.job("1", includeSecrets: true)?.proofs.first)
        #expect(proof.salt == salt)
        let report = try #require(try store.job("1", includeSecrets: true))
        for text in [
            String(describing: input), String(reflecting: input), String(describing: proof),
            String(reflecting: proof), String(describing: report), String(reflecting: report),
        ] {
            #expect(!text.lowercased().contains("deadbeef"))
            #expect(!text.contains("222, 173, 190, 239"))
            #expect(!text.contains("salt: Optional"))
        }
        #expect(String(describing: proof).contains("<redacted>"))
    }
}
