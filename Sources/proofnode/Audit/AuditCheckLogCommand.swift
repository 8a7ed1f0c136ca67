import ArgumentParser
import AuditStore
import Foundation

/// `proofnode audit check-log`: verifies the audit log's hash chain end to end.
struct AuditCheckLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-log",
        abstract: "Verify the audit log's hash chain and that stored proofs match what the log recorded.",
        discussion: "Exits with status 1 when anything is wrong. Record the printed head hash elsewhere: a later "
            + "check can then also detect entries cut from the end of the log.")

    @OptionGroup var options: AuditStoreOptions

    @Option(name: .long, help: "table (a summary) or json.")
    var format: AuditOutputFormat = .table

    func run() throws {
        let report = try options.open().checkLog()
        switch format {
        case .json:
            print(try AuditFormatting.json(report))
        case .table:
            print("entries      \(report.entries)")
            print("head hash    \(Hex.encode(report.headHash))")
            print("proofs       \(report.proofsChecked) cross-checked")
            if report.isIntact {
                print("result       intact")
            } else {
                print(
                    "result       BROKEN"
                        + (report.firstBrokenSequence.map { " — chain broken at entry #\($0)" } ?? " — proofs differ"))
                for problem in report.problems { print("  \(problem)") }
            }
        }
        if !report.isIntact { throw ExitCode(1) }
    }
}
