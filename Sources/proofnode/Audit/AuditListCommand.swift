import ArgumentParser
import AuditStore
import Foundation

/// `proofnode audit list`: stored proofs with filters, newest first.
struct AuditListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List stored proofs (newest first) with their checkpoint and transaction.")

    @OptionGroup var options: AuditStoreOptions

    @Option(name: .long, help: "Only this job id.")
    var job: String?

    @Option(name: .long, help: "Only sessions of this host address.")
    var host: String?

    @Option(
        name: .long,
        help: "Only checkpoints in this status: proven, stored, signed, broadcast, confirmed or failed.")
    var status: String?

    @Option(name: .long, help: "Only proofs stored at or after this time (2026-11-26, ISO 8601, or Unix seconds).")
    var from: String?

    @Option(name: .long, help: "Only proofs stored before this time.")
    var to: String?

    @Option(name: .long, help: "At most this many rows (1…10000).")
    var limit: Int = 100

    @Option(name: .long, help: "Skip this many rows (paging).")
    var offset: Int = 0

    @Option(name: .long, help: "table or json.")
    var format: AuditOutputFormat = .table

    func validate() throws {
        let known = ["proven", "stored", "signed", "broadcast", "confirmed", "failed"]
        if let status, !known.contains(status) {
            throw ValidationError("--status '\(status)' is not one of \(known.joined(separator: ", "))")
        }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1…10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }

    func run() throws {
        let store = try options.open()
        let query = ProofQuery(
            jobID: job, hostAddress: host, status: status.map(CheckpointStatus.init),
            from: try from.map { try AuditFormatting.parseTime($0, option: "--from") },
            to: try to.map { try AuditFormatting.parseTime($0, option: "--to") }, limit: limit, offset: offset)
        let proofs = try store.listProofs(query)
        switch format {
        case .json:
            print(try AuditFormatting.json(proofs))
        case .table:
            guard !proofs.isEmpty else {
                print("no proofs match")
                return
            }
            let rows = proofs.map { proof in
                [
                    AuditStore.isoTime(proof.createdAt), proof.jobID, String(proof.checkpointIndex), proof.status.name,
                    String(proof.tokensClaimed), String(proof.proofSize), proof.backend, proof.proofCID,
                    proof.txHash.map { Hex.encode($0) } ?? "-",
                ]
            }
            print(
                AuditFormatting.table(
                    ["STORED", "JOB", "CP", "STATUS", "TOKENS", "BYTES", "BACKEND", "PROOF CID", "TX HASH"], rows))
        }
    }
}
