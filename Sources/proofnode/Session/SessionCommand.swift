import ArgumentParser

/// `proofnode session`: serve a JobMarketplace session as its host — prove every checkpoint, store it
/// in the audit store and submit it on-chain, crash-safely.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Prove, store and submit a session's checkpoints on-chain (crash-safe).",
        discussion: """
            `run` registers a session from the chain, turns its messages into checkpoints (every \
            proofInterval tokens; the first padded to max(100, proofInterval); a final remainder under 100 \
            not billed; the 2000-tokens-per-second rule respected by waiting) and submits each with \
            submitProofOfWork. `resume` finishes what a previous run left unfinished. Both first recover: \
            every signed transaction in the store is confirmed by hash or rebroadcast byte for byte — a \
            second transaction for a checkpoint is never signed.
            """,
        subcommands: [SessionRunCommand.self, SessionResumeCommand.self]
    )
}
