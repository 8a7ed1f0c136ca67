import ArgumentParser
import Commitment
import Foundation

/// `proofnode verify`: checks an envelope (and optionally the stored result and the opening).
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a proof envelope; exit status 1 with the reasons when it is rejected.",
        discussion: """
            --result is a JSON file {"prompt", "response", "model_hash"} from which the hashes are \
            recomputed; --opening is the opening file written by `prove --opening-out` (hashes and salt) \
            from which the commitment is recomputed. Mock proofs are rejected unless PROOFNODE_DEV_MODE=1. \
            With --onchain the envelope is checked instead by the verifier contract at --verifier (deployed \
            from `proofnode export-verifier`) through eth_call at --rpc, and the gas a transaction making \
            that call would use is printed (eth_estimateGas); no key files are needed. Exit status: 0 verified, \
            1 rejected, 2 the node could not be asked.
            """
    )

    @OptionGroup var keyOptions: KeyOptions
    @Argument(help: "The envelope JSON file (or - for standard input).") var envelope: String
    @Option(name: .long, help: "The stored result (prompt, response, model_hash) as JSON.") var result: String?
    @Option(name: .long, help: "The opening (hashes and salt) as JSON.") var opening: String?
    @Flag(name: .long, help: "Print the verdict as JSON.") var json = false
    @Flag(name: .long, help: "Check the envelope with a deployed verifier contract (eth_call) instead.")
    var onchain = false
    @Option(name: .long, help: "With --onchain: the node's JSON-RPC URL.") var rpc: String?
    @Option(name: .long, help: "With --onchain: the verifier contract's address.") var verifier: String?
    @Option(name: .long, help: "With --onchain: seconds one request may take.") var rpcTimeout: Double = 30

    func run() async throws {
        if onchain {
            try await runOnChain()
            return
        }
        guard rpc == nil, verifier == nil else { throw ValidationError("--rpc and --verifier need --onchain") }
        let configuration = try keyOptions.configuration()
        let verdict: VerificationVerdict
        do {
            let parsed = try ProofEnvelope(
                json: [UInt8](try readInput(envelope)), maxProofBytes: configuration.maxProofBytes)
            let storedResult = try result.map {
                try JSONDecoder().decode(InferenceResult.self, from: try readInput($0))
            }
            let storedOpening = try opening.map {
                try JSONDecoder().decode(CheckpointOpening.self, from: try readInput($0))
            }
            verdict = try CheckpointVerifier(configuration: configuration).verify(
                parsed, result: storedResult, opening: storedOpening)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        if json {
            let object: [String: Any] = [
                "accepted": verdict.isAccepted, "reasons": verdict.reasons.map(\.code),
                "messages": verdict.reasons.map(\.description), "checked_result": verdict.checkedResult,
                "checked_opening": verdict.checkedOpening,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else if verdict.isAccepted {
            print(verdict.description)
        } else {
            print("rejected")
            for reason in verdict.reasons { print("  - \(reason.code): \(reason.description)") }
        }
        if !verdict.isAccepted { throw ExitCode(1) }
    }
}
