import ArgumentParser
import Commitment
import Foundation

/// `proofnode setup`: generates the checkpoint circuit's keys (a single-party setup).
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Generate the checkpoint circuit's Groth16 keys into the keys directory.",
        discussion: """
            Writes commitment.pk, commitment.vk and verification_key.json (snarkjs format) and prints the \
            verifying key's fingerprint. This is a single-party setup: whoever runs it could keep the setup \
            randomness and forge proofs, so these keys convince only those who trust this machine. A \
            multi-party ceremony is the trustworthy way. Existing keys are not overwritten without --force.
            """
    )

    @Option(name: .long, help: "The keys directory.")
    var keys: String = "keys"

    @Flag(name: .long, help: "Overwrite existing key files (keep the old .vk if old proofs must still verify).")
    var force = false

    func run() throws {
        let standardError = FileHandle.standardError
        func note(_ line: String) { standardError.write(Data("setup: \(line)\n".utf8)) }
        note("single-party setup: these keys are only as trustworthy as this machine and its operator;")
        note("a multi-party ceremony is the trustworthy way (docs/CIRCUIT_SPEC.md, Trusted setup)")
        let start = Date()
        let fingerprint: String
        do {
            fingerprint = try KeySetup.generate(into: keys, force: force, progress: note)
        } catch {
            throw CommandFailure(error.description)
        }
        for file in KeySetup.files(in: keys) { note("wrote \(file)") }
        note(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
        print("verifying key fingerprint: \(fingerprint)")
    }
}

/// A command failure whose message is printed as is, with a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    let description: String
    init(_ description: String) { self.description = description }
}
