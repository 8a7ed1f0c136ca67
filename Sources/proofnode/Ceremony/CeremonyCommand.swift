import ArgumentParser

/// `proofnode ceremony`: the multi-party trusted setup for the checkpoint circuit's keys.
struct CeremonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceremony",
        abstract: "Run or verify a multi-party trusted-setup ceremony (powers of tau, then the circuit's δ).",
        discussion: """
            Phase 1 files are snarkjs .ptau files; phase 2 files are proofnode .p2 transcripts. Each \
            contribution is a separate command: it reads the previous file and writes the next, and the \
            participant's secret never touches disk. See docs/CEREMONY.md.
            """,
        subcommands: [Phase1Command.self, Phase2Command.self]
    )
}

/// `proofnode ceremony phase1`.
struct Phase1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase1",
        abstract: "Powers of tau: new, contribute, beacon, verify, prepare, import.",
        subcommands: [
            Phase1NewCommand.self, Phase1ContributeCommand.self, Phase1BeaconCommand.self, Phase1VerifyCommand.self,
            Phase1PrepareCommand.self, Phase1ImportCommand.self,
        ]
    )
}

/// `proofnode ceremony phase2`.
struct Phase2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase2",
        abstract: "The checkpoint circuit's δ: new, contribute, beacon, verify, finalize.",
        subcommands: [
            Phase2NewCommand.self, Phase2ContributeCommand.self, Phase2BeaconCommand.self, Phase2VerifyCommand.self,
            Phase2FinalizeCommand.self, Phase2ExportZkeyCommand.self, Phase2ImportZkeyCommand.self,
        ]
    )
}
