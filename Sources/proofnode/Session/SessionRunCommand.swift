import ArgumentParser
import Commitment
import Foundation
import Settlement

/// `proofnode session run --job N --messages FILE …`: serve a session's messages as checkpoints.
struct SessionRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Register a session from the chain, then prove, store and submit its checkpoints.",
        discussion: """
            MESSAGES is a JSON array (or JSON lines) of {"prompt": "...", "response": "...", "tokens": N}: \
            the exchanges the host generated, in order, with their token counts. Running the same session \
            again after a crash is safe: stored checkpoints are finished, not proven again, and a stored \
            signed transaction is confirmed or rebroadcast, never signed twice. Prints one line per \
            confirmed checkpoint; exits 1 with the revert reason when the contract refuses one.
            """
    )

    @OptionGroup var options: SessionOptions

    @Option(name: .long, help: "The job (session) id on the JobMarketplace.")
    var job: String

    @Option(name: .long, help: "The session's messages: JSON array or JSON lines (- for standard input).")
    var messages: String

    @Option(name: .long, help: "The model file (its SHA-256 is the statement's model hash).")
    var modelFile: String?

    @Option(name: .long, help: "The model hash as 64 hex digits (instead of --model-file).")
    var modelHash: String?

    @Flag(
        name: .long,
        help: "Do not bill the final remainder: the session continues (run again later with all its messages so far).")
    var noFinish = false

    func validate() throws {
        guard UInt64(job) != nil else { throw ValidationError("--job must be a decimal job id below 2^64") }
        guard (modelFile == nil) != (modelHash == nil) else {
            throw ValidationError("give exactly one of --model-file PATH and --model-hash HEX")
        }
    }

    func run() async throws {
        let parsed = try Self.parseMessages(try readInput(messages))
        let hash: Digest256
        if let modelFile {
            hash = try ModelHasher().modelHash(for: .file(path: modelFile))
        } else {
            hash = try Digest256(hex: modelHash ?? "")
        }
        let submitter = try options.makeSubmitter(observer: try TestPause.observer())
        guard await SessionOptions.recover(submitter) else { throw ExitCode(1) }
        let runner = SessionRunner(submitter: submitter, modelHash: hash)
        do {
            let report = try await runner.run(jobID: job, messages: parsed, finishing: !noFinish)
            for checkpoint in report.checkpoints { print(SessionOutput.line(checkpoint)) }
            print(
                "session \(job): \(report.checkpoints.count) checkpoints, \(report.generatedTokens) tokens generated, "
                    + "\(report.claimedTokens) claimed, \(report.unbilledTokens) not billed")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    /// Parses a JSON array or JSON lines of messages.
    static func parseMessages(_ data: Data) throws -> [SessionMessage] {
        let decoder = JSONDecoder()
        do {
            if data.first(where: { !$0.isWhitespace }) == UInt8(ascii: "[") {
                return try decoder.decode([SessionMessage].self, from: data)
            }
            return try data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy(\.isWhitespace) }.map {
                try decoder.decode(SessionMessage.self, from: Data($0))
            }
        } catch {
            throw CommandFailure(
                "the messages are not a JSON array or JSON lines of {\"prompt\", \"response\", \"tokens\"}: \(error)")
        }
    }
}

extension UInt8 {
    /// ASCII whitespace.
    fileprivate var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
