import ArgumentParser
import Foundation
import ProofnodeService

/// `proofnode doctor`: checks keys, store, chain, clock, permissions and tokens; prints what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, keys, store, chain connectivity, clock and permissions.",
        discussion: "Changes nothing. Exits 1 when a check fails (warnings alone exit 0)."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration: ServiceConfiguration
        do {
            configuration = try options.load()
            print("✔ configuration: valid" + (options.file.map { " (\($0))" } ?? " (defaults and environment)"))
        } catch let failure as CommandFailure {
            print("✘ configuration: \(failure.description)")
            print("  → fix the values listed above (docs/CONFIGURATION.md)")
            throw ExitCode(1)
        }
        let findings = await Doctor(configuration: configuration, configurationFile: options.file).examine()
        for finding in findings {
            let mark = finding.severity == .ok ? "✔" : finding.severity == .warning ? "!" : "✘"
            print("\(mark) \(finding.check): \(finding.detail)")
            if !finding.fix.isEmpty { print("  → \(finding.fix)") }
        }
        if findings.contains(where: { $0.severity == .failure }) { throw ExitCode(1) }
    }
}
