import ArgumentParser
import Commitment
import Foundation

/// The key-location options shared by `prove` and `verify`.
struct KeyOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Keys directory (default ./keys). When given, it wins over PROOFNODE_PROVING_KEY / PROOFNODE_VERIFYING_KEY."
    )
    var keys: String?

    /// The configuration: the environment, with `--keys` (when given) replacing the key file variables.
    func configuration() throws -> ProofConfiguration {
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
}

/// Reads a file, or standard input for `-`.
func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("cannot read \(path)")
    }
    return data
}
