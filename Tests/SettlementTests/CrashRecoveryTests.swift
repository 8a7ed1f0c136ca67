import AuditStore
import Ethereum
import Foundation
import MockChain
import Testing

@testable import Settlement

/// `proofnode session run` as a child process, killed with a real SIGKILL between storing the signed
/// transaction and broadcasting it, and between broadcasting and recording the receipt; a restart
/// finishes with exactly one transaction per checkpoint and no proof lost.
@Suite("Crash recovery (kill -9 of proofnode session run)", .serialized)
struct CrashRecoveryTests {
    /// The `proofnode` executable SwiftPM built next to this test bundle.
    static func executable() throws -> URL {
        let url = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("proofnode")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("proofnode")
        guard FileManager.default.isExecutableFile(atPath: sibling.path) else {
            throw SubmissionError(
                .invalidCheckpoint, "no proofnode executable next to the tests; run `swift build --build-tests`")
        }
        return sibling
    }

    /// A running child whose standard output goes to a file (polled for the pause marker).
    struct Child {
        let process: Process
        let outputPath: String
        let errorPath: String

        var output: String { Self.read(outputPath) }
        var errors: String { Self.read(errorPath) }

        /// The file's text so far (empty while it cannot be read: the poll tries again).
        static func read(_ path: String) -> String {
            guard let data = FileManager.default.contents(atPath: path) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func start(_ arguments: [String], environment: [String: String], in directory: String) throws -> Child {
        let name = UUID().uuidString.prefix(8)
        let outputPath = "\(directory)/child-\(name).out"
        let errorPath = "\(directory)/child-\(name).err"
        for path in [outputPath, errorPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw SubmissionError(.storeFailed, "cannot create \(path)")
            }
        }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for name in ["HOST_PRIVATE_KEY", "PROOFNODE_TEST_PAUSE_AT", "PROOFNODE_PROVING_KEY", "PROOFNODE_PROOF_BACKEND"]
        {
            merged[name] = nil
        }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        return Child(process: process, outputPath: outputPath, errorPath: errorPath)
    }

    /// Waits (polling, bounded) until the child printed `marker` or exited.
    static func waitFor(_ marker: String, in child: Child) async throws -> Bool {
        for _ in 0..<1200 {
            if child.output.contains(marker) { return true }
            if !child.process.isRunning { return child.output.contains(marker) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func crashAndRestart(at step: String) async throws {
        let harness = try await SettlementHarness()
        defer { Task { await harness.stop() } }
        let job = try await harness.openSession()
        let directory = harness.storeDirectory
        let keyFile = "\(directory)/host.key"
        let created = FileManager.default.createFile(
            atPath: keyFile, contents: Data(("0x" + DevAccounts.privateKeys[1]).utf8),
            attributes: [.posixPermissions: 0o600])
        try #require(created)
        let messages = SettlementHarness.messages([1000, 1000, 1000, 1000])
        let messagesFile = "\(directory)/messages.json"
        try JSONEncoder().encode(messages).write(to: URL(fileURLWithPath: messagesFile))
        let arguments = [
            "session", "run", "--rpc", harness.url, "--store", harness.storePath, "--key-file", keyFile,
            "--marketplace", harness.marketplace.address.checksummed, "--keys", KeyFixture.shared.directory,
            "--job", job, "--messages", messagesFile, "--model-hash", SettlementHarness.modelHash.hex,
            "--advance-dev-clock",
        ]

        let first = try Self.start(arguments, environment: ["PROOFNODE_TEST_PAUSE_AT": "\(step):1"], in: directory)
        let paused = try await Self.waitFor("PROOFNODE_PAUSED \(step) \(job)/1", in: first)
        #expect(paused, "the child did not pause: \(first.output) \(first.errors)")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .uncaughtSignal)
        #expect(first.process.terminationStatus == SIGKILL)

        // What the dead process left: checkpoint 0 confirmed, checkpoint 1 with its signed transaction.
        let reader = try AuditStore(path: harness.storePath)
        let left = try #require(try reader.submission(jobID: job, checkpointIndex: 1))
        #expect(left.status == (step == "after-persist" ? .signed : .broadcast))
        let minedBefore = try await harness.eth.transaction(try EthereumHash(bytes: Array(left.txHash)))
        #expect(
            (minedBefore != nil) == (step == "after-broadcast"), "the transaction reached the node only if broadcast")

        let second = try Self.start(arguments, environment: [:], in: directory)
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 0, "restart failed: \(second.output) \(second.errors)")
        #expect(second.output.contains("recovered job \(job) checkpoint 1"), "\(second.output)")

        // Exactly one transaction per checkpoint: four proofs on chain, four host nonces used, one live
        // submission per checkpoint, and the one for checkpoint 1 is the transaction signed before the crash.
        #expect(try await harness.chainProofs(job).count == 4)
        #expect(try await harness.eth.transactionCount(of: harness.host.address, at: .latest) == 4)
        let report = try #require(try reader.job(job))
        #expect(report.submissions.count == 4)
        #expect(report.submissions.allSatisfy { $0.status == .confirmed })
        #expect(Set(report.submissions.map(\.nonce)) == [0, 1, 2, 3])
        #expect(try reader.submission(jobID: job, checkpointIndex: 1)?.txHash == left.txHash)
        // No proof lost: every checkpoint's stored proof is the one whose hash is on chain.
        let logs = try await harness.proofSubmittedLogs(job)
        #expect(logs.count == 4)
        for (index, event) in logs.enumerated() {
            if case .proofSubmitted(_, _, _, let proofHash, _, _) = event {
                #expect(Data(proofHash) == report.proofs[index].proofHash)
            }
        }
        #expect(try reader.checkLog().isIntact)
    }

    @Test("killed after the signed transaction was stored, before broadcast: the same transaction is sent on restart")
    func afterPersist() async throws {
        try await crashAndRestart(at: "after-persist")
    }

    @Test("killed after broadcast, before the receipt was recorded: the receipt is found by hash on restart")
    func afterBroadcast() async throws {
        try await crashAndRestart(at: "after-broadcast")
    }
}
