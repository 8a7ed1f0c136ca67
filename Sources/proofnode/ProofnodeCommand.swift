import ArgumentParser

/// The `proofnode` command line: the root command and its subcommand groups.
///
/// Groups are added as the modules behind them arrive (`setup`, `prove`, `verify`, `eth`, `audit`,
/// `serve`, `chain`, `demo`, `bench`); a group exists only once it does something real.
@main
struct ProofnodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofnode",
        abstract: "Zero-knowledge checkpoint proofs, on-chain submission, audit and proof-gated settlement "
            + "for Fabstir LLM hosts.",
        version: ProofnodeVersion.current,
        subcommands: [
            SetupCommand.self,
            ProveCommand.self,
            VerifyCommand.self,
            ExportVerifierCommand.self,
            EthCommand.self,
            ChainCommand.self,
            AuditCommand.self,
            SettleCommand.self,
            SessionCommand.self,
            BenchCommand.self,
            ProofMemoryCommand.self,
            DevCommand.self,
            ServeCommand.self,
            DoctorCommand.self,
            TokenCommand.self,
            CeremonyCommand.self,
            DemoCommand.self,
        ]
    )
}
