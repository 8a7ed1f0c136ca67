import ArgumentParser
import Foundation
import ProofnodeService

/// The `--config FILE` option of `serve` and `doctor`, and how the configuration is loaded.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The JSON configuration file (default: $PROOFNODE_CONFIG, else config/proofnode.json when it exists).")
    var config: String?

    /// The file to read: the option, the variable, or `config/proofnode.json` when present.
    var file: String? {
        if let config { return config }
        if let path = ProcessInfo.processInfo.environment["PROOFNODE_CONFIG"], !path.isEmpty { return path }
        return FileManager.default.fileExists(atPath: "config/proofnode.json") ? "config/proofnode.json" : nil
    }

    /// Loads the configuration, printing every problem on failure.
    func load() throws -> ServiceConfiguration {
        do {
            return try ServiceConfiguration.load(file: file, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
