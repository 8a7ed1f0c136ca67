import ArgumentParser

/// `proofnode dev`: developer tools that exercise the proof engine outside the service (for oracle
/// tests and interoperability checks); not part of a host's normal operation.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Developer tools: export proofs of a synthetic circuit for independent verifiers.",
        subcommands: [DevExportSnarkjsCommand.self]
    )
}
