import ArgumentParser
import AuditStore
import Foundation

/// `proofnode audit show JOB|PROOF_ID`: everything about one job, or one proof.
struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one job (session, checkpoints, proofs, submissions, settlement, disputes) or one proof.",
        discussion: "A proof id is its CID (bafkrei…) or its 0x proof hash; anything else is taken as a job id.")

    @OptionGroup var options: AuditStoreOptions

    @Argument(help: "A job id, a proof CID (bafkrei…) or a 0x proof hash.")
    var id: String

    @Option(name: .long, help: "table (a readable summary) or json (the full record).")
    var format: AuditOutputFormat = .table

    func run() throws {
        let store = try options.open()
        if id.hasPrefix("b") || (id.hasPrefix("0x") && id.count == 66) {
            guard let proof = try store.proof(id: id) else {
                throw ValidationError("no proof \(id) in \(options.store)")
            }
            print(format == .json ? try AuditFormatting.json(proof) : Self.describe(proof))
            return
        }
        guard let report = try store.job(id) else {
            throw ValidationError("no job \(id) in \(options.store); `proofnode audit list` shows what is stored")
        }
        print(format == .json ? try AuditFormatting.json(report) : Self.describe(report))
    }

    static func describe(_ proof: ProofRecord) -> String {
        """
        proof        \(proof.proofCID)
        proofHash    \(Hex.encode(proof.proofHash))
        job          \(proof.jobID)  checkpoint \(proof.checkpointIndex)
        backend      \(proof.backend)  key \(proof.keyFingerprint)
        size         \(proof.proofBytes.count) bytes
        stored       \(AuditStore.isoTime(proof.createdAt))
        publicInputs \(proof.publicInputsJSON)
        envelope     \(proof.envelopeJSON)
        """
    }

    static func describe(_ report: JobReport) -> String {
        let session = report.session
        var lines = [
            "job          \(session.jobID)  (\(session.status.name))",
            "chain        \(session.chainID)  contract \(session.contractAddress)",
            "host         \(session.hostAddress)",
            "model        \(session.modelID)",
            "terms        proofInterval \(session.proofInterval), pricePerToken \(session.pricePerToken) wei/1000 "
                + "tokens, deposit \(session.deposit) wei",
            "created      \(AuditStore.isoTime(session.createdAt))", "",
        ]
        let rows = report.checkpoints.map { checkpoint -> [String] in
            let index = checkpoint.checkpointIndex
            let proof = report.proofs.first { $0.checkpointIndex == index }
            let submission = report.submissions.last { $0.checkpointIndex == index && $0.status != .replaced }
            return [
                String(index), String(checkpoint.tokensClaimed), checkpoint.tokenRange.description,
                checkpoint.status.name, proof?.proofCID ?? "-", submission.map { Hex.encode($0.txHash) } ?? "-",
                submission?.blockNumber.map { String($0) } ?? "-", checkpoint.revertReason ?? "",
            ]
        }
        lines.append(
            AuditFormatting.table(["CP", "TOKENS", "RANGE", "STATUS", "PROOF CID", "TX HASH", "BLOCK", "REASON"], rows))
        let replaced = report.submissions.filter { $0.status == .replaced }.count
        if replaced > 0 { lines.append("(\(replaced) fee-bumped transaction(s) replaced; see --format json)") }
        lines.append("")
        if let settlement = report.settlement {
            lines.append(
                "settlement   \(settlement.status.name), attempts \(settlement.attempts), tx "
                    + (settlement.txHash.map { Hex.encode($0) } ?? "-"))
            if let earnings = settlement.hostEarnings {
                lines.append(
                    "payment      host \(earnings) wei, refund \(settlement.userRefund ?? "-") wei, tokens "
                        + (settlement.tokensUsed.map { String($0) } ?? "-"))
            }
            if let error = settlement.error { lines.append("last error   \(error)") }
        } else {
            lines.append("settlement   none")
        }
        for dispute in report.disputes {
            let state =
                dispute.resolvedAt.map { "resolved \(AuditStore.isoTime($0)): \(dispute.resolution ?? "")" } ?? "open"
            lines.append("dispute #\(dispute.id) (\(state))")
            lines.append(contentsOf: dispute.reasons.map { "  - \($0)" })
        }
        return lines.joined(separator: "\n")
    }
}
