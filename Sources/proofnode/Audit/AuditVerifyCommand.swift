import ArgumentParser
import AuditStore
import Commitment
import Foundation
import Settlement

/// `proofnode audit verify JOB`: re-verifies every stored proof of a job (batch Groth16 verification
/// under the known keys, hashes, public inputs) and matches each proofHash against the chain's
/// `ProofSubmitted` logs. Exit status 1 when anything fails.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every stored proof of a job and match its proofHash against the chain's logs.",
        discussion: """
            Without --rpc (or PROOFNODE_RPC_URL) only the local checks run and the report says the chain was \
            not checked. Mock proofs fail unless PROOFNODE_DEV_MODE=1. Nothing is written to the store.
            """)

    @OptionGroup var options: AuditStoreOptions
    @OptionGroup var keyOptions: KeyOptions
    @OptionGroup var chainOptions: SettlementChainOptions

    @Argument(help: "The job id.")
    var job: String

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let store = try options.open()
        let configuration = try keyOptions.configuration()
        let chain = try chainOptions.url.map { try chainOptions.chain(url: $0, session: try store.session(jobID: job)) }
        let validator = SessionValidator(
            store: store, keys: KeyManager(configuration: configuration), devMode: configuration.devMode, chain: chain)
        let report: SessionValidationReport
        do {
            report = try await validator.validate(jobID: job)
        } catch {
            throw CommandFailure(error.message)
        }
        print(json ? try SettlementFormatting.json(report) : SettlementFormatting.describe(report))
        if !report.passed { throw ExitCode(1) }
    }
}
