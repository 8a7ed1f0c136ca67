import ArgumentParser
import AuditStore
import Commitment
import Ethereum
import Foundation
import Settlement

/// The node options of `audit verify` and `settle`.
struct SettlementChainOptions: ParsableArguments {
    @Option(name: .long, help: "The node's JSON-RPC URL, e.g. http://127.0.0.1:8545 (default: $PROOFNODE_RPC_URL).")
    var rpc: String?

    @Option(name: .long, help: "The JobMarketplace address (default: the one the session was recorded with).")
    var contract: String?

    @Option(name: .long, help: "Seconds one request may take.")
    var rpcTimeout: Double = 30

    /// The RPC URL from `--rpc` or `PROOFNODE_RPC_URL`, if any.
    var url: String? { rpc ?? ProcessInfo.processInfo.environment["PROOFNODE_RPC_URL"] }

    /// The node client for the URL.
    func client(url: String) throws -> EthereumClient {
        guard rpcTimeout > 0, rpcTimeout < 86_400 else { throw ValidationError("--rpc-timeout must be in (0, 86400)") }
        let configuration = RPCClientConfiguration(url: url, timeout: .milliseconds(Int64(rpcTimeout * 1000)))
        return EthereumClient(
            try EthRPC.wrap { () throws(RPCError) in try JSONRPCClient(configuration: configuration) })
    }

    /// The chain for `session`: `--contract`, or the contract the session was recorded with.
    func chain(url: String, session: SessionRecord?) throws -> SettlementChain {
        guard let address = contract ?? session?.contractAddress else {
            throw ValidationError("give --contract ADDRESS (the JobMarketplace)")
        }
        let marketplace = JobMarketplace(address: try EthCLIError.wrap { try EthereumAddress(parsing: address) })
        return SettlementChain(client: try client(url: url), marketplace: marketplace)
    }
}

/// Text rendering of validation reports.
enum SettlementFormatting {
    /// A readable report: one line per checkpoint, then every finding and note.
    static func describe(_ report: SessionValidationReport) -> String {
        let rows = report.checkpoints.map { checkpoint -> [String] in
            [
                String(checkpoint.checkpointIndex), String(checkpoint.tokensClaimed),
                checkpoint.proofCID ?? "-", String((checkpoint.keyFingerprint ?? "-").prefix(12)),
                checkpoint.resultText.rawValue,
                checkpoint.onChain.map { $0 ? "found" : "MISSING" } ?? (report.chainChecked ? "-" : "not checked"),
                checkpoint.passed ? "ok" : "FAILED",
            ]
        }
        var lines = [
            "job \(report.jobID)  host \(report.hostAddress)  "
                + (report.passed ? "PASSED" : "FAILED (\(report.reasons.count) reason(s))")
                + (report.chainChecked ? "" : "  (chain not checked: give --rpc)"),
            AuditFormatting.table(["CP", "TOKENS", "PROOF CID", "KEY", "RESULT TEXT", "ON CHAIN", "VERDICT"], rows),
        ]
        lines += report.reasons.map { "  - \($0)" }
        for checkpoint in report.checkpoints {
            lines += checkpoint.notes.map { "  note (checkpoint \(checkpoint.checkpointIndex)): \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Compact JSON of any encodable value (sorted keys).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
