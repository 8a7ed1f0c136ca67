import AuditStore
import Foundation
import Testing

/// `proofnode audit …` run as a real child process against a store written through the library.
@Suite("proofnode audit CLI")
struct AuditCLITests {
    /// The `proofnode` executable SwiftPM built next to this test bundle.
    static func executable() throws -> URL {
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        let url = directory.appendingPathComponent("proofnode")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CLIError(message: "no proofnode executable at \(url.path); run `swift build --build-tests` first")
        }
        return url
    }

    struct CLIError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    let directory: TemporaryDirectory
    let path: String
    let store: AuditStore

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path()
        store = try AuditStore(path: path)
        try store.recordSession(Fixtures.session("5"))
        for index in 0..<3 { try store.recordCheckpoint(Fixtures.checkpoint("5", Int64(index))) }
        try store.recordSignedSubmission(
            jobID: "5", checkpointIndex: 0, nonce: 0, rawTransaction: Data([1]), txHash: Fixtures.txHash("5/0"))
        try store.markSubmissionConfirmed(txHash: Fixtures.txHash("5/0"), blockNumber: 12, gasUsed: 40_000)
    }

    @Test("list prints a table and JSON, with filters")
    func list() throws {
        let table = try Self.run(["audit", "list", "--store", path])
        #expect(table.status == 0, "\(table.error)")
        #expect(table.output.contains("PROOF CID"))
        #expect(table.output.split(separator: "\n").count == 4)
        let json = try Self.run(["audit", "list", "--store", path, "--status", "confirmed", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["txHash"] as? String == Hex.encode(Fixtures.txHash("5/0")))
        let none = try Self.run(["audit", "list", "--store", path, "--from", "2999-01-01"])
        #expect(none.output.contains("no proofs match"))
        let bad = try Self.run(["audit", "list", "--store", path, "--status", "nonsense"])
        #expect(bad.status != 0)
    }

    @Test("show prints a job and a proof")
    func show() throws {
        let job = try Self.run(["audit", "show", "5", "--store", path])
        #expect(job.status == 0, "\(job.error)")
        #expect(job.output.contains("confirmed"))
        #expect(job.output.contains(Hex.encode(Fixtures.txHash("5/0"))))
        let cid = try #require(try store.listProofs(ProofQuery(jobID: "5", limit: 1)).first?.proofCID)
        let proof = try Self.run(["audit", "show", cid, "--store", path])
        #expect(proof.output.contains("proofHash"))
        let missing = try Self.run(["audit", "show", "404", "--store", path])
        #expect(missing.status != 0)
        #expect(missing.error.contains("no job 404"))
    }

    @Test("export writes JSON and CSV, salts only with --include-secrets")
    func export() throws {
        let json = try Self.run(["audit", "export", "5", "--store", path, "--format", "json"])
        #expect(json.status == 0)
        #expect(!json.output.contains("\"salt\""))
        let csv = try Self.run(["audit", "export", "5", "--store", path, "--format", "csv"])
        #expect(csv.output.split(separator: "\r\n").count == 4)
        let secret = try Self.run(["audit", "export", "5", "--store", path, "--format", "csv", "--include-secrets"])
        #expect(secret.output.contains("0x070707"))
    }

    @Test("check-log passes on an intact store and exits 1 naming the entry after an edit")
    func checkLog() throws {
        let intact = try Self.run(["audit", "check-log", "--store", path])
        #expect(intact.status == 0)
        #expect(intact.output.contains("intact"))
        try store.database.write { db in
            try db.execute("DROP TRIGGER audit_log_no_update")
            try db.run("UPDATE audit_log SET subject = 'job/5/checkpoint/9' WHERE seq = 3")
        }
        let broken = try Self.run(["audit", "check-log", "--store", path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("chain broken at entry #3"))
    }

    @Test("a missing store is a clear error, not an empty store")
    func missingStore() throws {
        let missing = directory.path("absent.sqlite")
        let result = try Self.run(["audit", "list", "--store", missing])
        #expect(result.status != 0)
        #expect(result.error.contains("no audit store at"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
