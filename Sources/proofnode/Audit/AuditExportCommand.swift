import ArgumentParser
import AuditStore
import Commitment
import Foundation

/// `proofnode audit export JOB --format json|csv [--include-secrets]`.
struct AuditExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one job as JSON (everything) or CSV (one row per checkpoint). Salts are left out by default.")

    /// The export formats on the command line.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case csv
    }

    @OptionGroup var options: AuditStoreOptions

    @Argument(help: "The job id.")
    var job: String

    @Option(name: .long, help: "json or csv.")
    var format: Format = .json

    @Flag(name: .long, help: "Include the proofs' secret salts (treat the output as a secret).")
    var includeSecrets = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try options.open()
        let data = try store.export(
            jobID: job, format: format == .json ? .json : .csv, includeSecrets: includeSecrets)
        if let output {
            // With secrets the file is created owner-only: never readable by others, not even briefly.
            try DurableFile.write([UInt8](data), to: output, permissions: includeSecrets ? 0o600 : 0o644)
            print("wrote \(output) (\(data.count) bytes\(includeSecrets ? ", includes secrets, mode 600" : ""))")
        } else {
            FileHandle.standardOutput.write(data)
            if format == .json { print("") }
        }
    }
}
