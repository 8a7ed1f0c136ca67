import ArgumentParser
import AuditStore
import Commitment
import Ethereum
import Foundation
import Settlement

/// The options `session run` and `session resume` share, and how they build a submitter.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: "The node's JSON-RPC URL. Default: $PROOFNODE_RPC_URL or http://127.0.0.1:8545.")
    var rpc: String?

    @Option(name: .long, help: "The audit store (SQLite file; created with its directory if missing).")
    var store: String = "./data/proofnode.sqlite"

    @Option(name: .long, help: "File with the host's hex private key (mode 0600 or 0400). Default: $HOST_PRIVATE_KEY.")
    var keyFile: String?

    @Option(name: .long, help: "The JobMarketplace (proxy) address.")
    var marketplace: String = "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4"

    @Option(
        name: .long,
        help:
            "Keys directory (default ./keys). When given, it wins over PROOFNODE_PROVING_KEY / PROOFNODE_VERIFYING_KEY."
    )
    var keys: String?

    @Flag(name: .long, help: "Submit deltaCID \"\" instead of signing and storing a checkpoint delta.")
    var noDelta = false

    @Flag(
        name: .long,
        help: "Dev chains with a manual clock only: move chain time with evm_increaseTime instead of waiting for it.")
    var advanceDevClock = false

    @Option(name: .long, help: "Seconds to keep retrying while the node is unreachable, per checkpoint.")
    var maxOutage: Int = 600

    @Option(name: .long, help: "Seconds to wait for a receipt before treating the wait as an outage (then retried).")
    var receiptTimeout: Int = 120

    func validate() throws {
        guard maxOutage > 0 else { throw ValidationError("--max-outage must be positive") }
        guard receiptTimeout > 0 else { throw ValidationError("--receipt-timeout must be positive") }
    }

    /// The RPC URL in effect.
    var rpcURL: String { rpc ?? ProcessInfo.processInfo.environment["PROOFNODE_RPC_URL"] ?? "http://127.0.0.1:8545" }

    /// Opens the store (creating it), connects to the node and builds the submitter.
    func makeSubmitter(observer: SubmissionObserver?) throws -> CheckpointSubmitter {
        let directory = URL(fileURLWithPath: store).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let auditStore = try AuditStore(path: store)
        let signer: EthereumSigner
        if let keyFile {
            signer = try EthereumSigner(contentsOfFile: keyFile)
        } else {
            guard ProcessInfo.processInfo.environment[EthereumSigner.environmentVariable] != nil else {
                throw ValidationError("give --key-file FILE (mode 0600) or set HOST_PRIVATE_KEY")
            }
            signer = try EthereumSigner()
        }
        let market = JobMarketplace(address: try EthereumAddress(parsing: marketplace))
        let client = EthereumClient(try JSONRPCClient(url: rpcURL))
        let manager = TransactionManager(
            client: client,
            configuration: TransactionManagerConfiguration(
                receiptTimeout: .seconds(receiptTimeout), pollInterval: .milliseconds(100)))
        let proofs = try proofConfiguration()
        let generator = try ProofGenerator(configuration: proofs)
        let configuration = SubmissionConfiguration(deltasEnabled: !noDelta, maximumOutage: .seconds(maxOutage))
        return CheckpointSubmitter(
            store: auditStore, client: client, manager: manager, marketplace: market, signer: signer,
            generator: generator, configuration: configuration,
            pacer: .chain(client, advancingDevClock: advanceDevClock), observer: observer)
    }

    /// The proof configuration: the environment, with `--keys` (when given) replacing the key file variables.
    func proofConfiguration() throws -> ProofConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if keys != nil {
            for name in [
                "PROOFNODE_PROVING_KEY", "PROOFNODE_VERIFYING_KEY", "EZKL_PROVING_KEY_PATH", "EZKL_VERIFYING_KEY_PATH",
            ] {
                environment[name] = nil
            }
        }
        do {
            return try ProofConfiguration(environment: environment, keysDirectory: keys ?? "keys")
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Recovers, printing what was finished; exits non-zero (after printing) when something failed.
    static func recover(_ submitter: CheckpointSubmitter) async -> Bool {
        let report = await submitter.recover()
        for checkpoint in report.confirmed { print(SessionOutput.line(checkpoint, prefix: "recovered")) }
        for failure in report.failed { printError("recovery: \(failure)") }
        return report.failed.isEmpty
    }
}

/// Output lines of the session commands.
enum SessionOutput {
    /// `confirmed job 7 checkpoint 0: 1000 tokens tx 0x… block 12 proofCID b… deltaCID b…`.
    static func line(_ checkpoint: SubmittedCheckpoint, prefix: String = "confirmed") -> String {
        "\(prefix) job \(checkpoint.jobID) checkpoint \(checkpoint.checkpointIndex): \(checkpoint.tokensClaimed) "
            + "tokens tx \(checkpoint.transactionHash) nonce \(checkpoint.nonce) block \(checkpoint.blockNumber) "
            + "proofCID \(checkpoint.proofCID) deltaCID \(checkpoint.deltaCID.isEmpty ? "\"\"" : checkpoint.deltaCID)"
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
