import ArgumentParser
import Foundation
import Settlement

/// `proofnode session resume`: finish every checkpoint a previous run left unfinished.
struct SessionResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish what a previous run left: confirm or rebroadcast stored transactions, send stored proofs.",
        discussion: """
            For every submission stored as signed or broadcast: if the chain has mined it, its receipt is \
            recorded; otherwise the same raw transaction is broadcast again. Checkpoints proven and stored \
            but never signed are signed and sent. Prints one line per finished checkpoint.
            """
    )

    @OptionGroup var options: SessionOptions

    func run() async throws {
        let submitter = try options.makeSubmitter(observer: try TestPause.observer())
        guard await SessionOptions.recover(submitter) else { throw ExitCode(1) }
    }
}
