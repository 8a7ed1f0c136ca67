import ArgumentParser
import AuditStore
import Commitment
import Ethereum
import Foundation
import Settlement

/// `proofnode settle JOB | --all`: the auto-settler as a command — waits out the dispute window, validates
/// every proof, then sends `completeSessionJob` and records the payment. Safe to run again after a crash:
/// a stored settlement transaction is confirmed or rebroadcast, never signed twice.
struct SettleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract:
            "Validate a session's proofs and settle it on-chain (completeSessionJob) once the dispute window passed.",
        discussion: """
            The host key comes from --private-key-file or HOST_PRIVATE_KEY. The dispute window is read from the \
            contract unless DISPUTE_WINDOW_SECONDS (or --dispute-window-seconds) is set. Exit status 1 when a \
            session was refused (a dispute is recorded) or failed.
            """)

    @OptionGroup var options: AuditStoreOptions
    @OptionGroup var keyOptions: KeyOptions
    @OptionGroup var chainOptions: SettlementChainOptions

    @Argument(help: "The job id (or use --all).")
    var job: String?

    @Flag(name: .long, help: "Settle every active or completing session in the store, concurrently.")
    var all = false

    @Option(name: .long, help: "The host's private key file (mode 0600); default HOST_PRIVATE_KEY.")
    var privateKeyFile: String?

    @Option(name: .long, help: "The dispute window in seconds instead of the contract's disputeWindow().")
    var disputeWindowSeconds: UInt64?

    @Option(name: .long, help: "Seconds to wait beyond the dispute window.")
    var margin: UInt64 = 5

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A deployed verifier contract every proof must also verify on (eth_call) before settlement.",
            discussion: "Default: $PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER. See docs/ONCHAIN.md.",
            valueName: "address"))
    var requireOnchainVerifier: String?

    @Flag(name: .long, help: "Print one JSON object per session.")
    var json = false

    func validate() throws {
        guard (job == nil) == all else { throw ValidationError("give a JOB or --all (not both)") }
    }

    func run() async throws {
        guard let url = chainOptions.url else { throw ValidationError("give --rpc URL (or set PROOFNODE_RPC_URL)") }
        let store = try options.open()
        let proofs = try keyOptions.configuration()
        var settings: AutoSettlerConfiguration
        do {
            settings = try AutoSettlerConfiguration(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(error.message)
        }
        if let disputeWindowSeconds { settings.disputeWindowOverride = disputeWindowSeconds }
        settings.margin = margin
        let jobs = try all ? store.sessions(status: .active) + store.sessions(status: .completing) : []
        let first = try job.flatMap { try store.session(jobID: $0) } ?? jobs.first
        let chain = try chainOptions.chain(url: url, session: first)
        let verifier =
            requireOnchainVerifier
            ?? ProcessInfo.processInfo.environment["PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER"].flatMap {
                $0.isEmpty ? nil : $0
            }
        let requirement = try verifier.map { text in
            OnChainVerifierRequirement(
                client: chain.client, address: try EthCLIError.wrap { try EthereumAddress(parsing: text) })
        }
        let validator = SessionValidator(
            store: store, keys: KeyManager(configuration: proofs), devMode: proofs.devMode, chain: chain,
            onChainVerifier: requirement)
        let settler = AutoSettler(
            store: store, validator: validator, chain: chain, manager: TransactionManager(client: chain.client),
            signer: try EthCLI.signer(keyFile: privateKeyFile), configuration: settings)
        var results: [String: Result<SettlementOutcome, SettlerError>] = [:]
        if let job {
            do {
                results[job] = .success(try await settler.settle(jobID: job))
            } catch {
                results[job] = .failure(error)
            }
        } else {
            do {
                results = try await settler.settleAll()
            } catch {
                throw CommandFailure(error.message)
            }
        }
        var failed = false
        for (job, result) in results.sorted(by: { $0.key < $1.key }) {
            let line = SettleLine(job: job, result: result)
            failed = failed || !line.ok
            print(json ? try SettlementFormatting.json(line) : line.text)
        }
        if failed { throw ExitCode(1) }
    }
}

/// One session's settlement result as the command prints it.
struct SettleLine: Encodable {
    var job: String
    var outcome: String
    var ok: Bool
    var hostEarnings: String?
    var userRefund: String?
    var tokensUsed: Int64?
    var txHash: String?
    var reasons: [String]?
    var error: String?

    init(job: String, result: Result<SettlementOutcome, SettlerError>) {
        self.job = job
        switch result {
        case .success(let outcome):
            self.outcome = outcome.name
            let record = outcome.record
            hostEarnings = record?.hostEarnings
            userRefund = record?.userRefund
            tokensUsed = record?.tokensUsed
            txHash = record?.txHash.map { "0x" + $0.map { String(format: "%02x", $0) }.joined() }
            if case .refused(let report) = outcome {
                ok = false
                reasons = report.reasons
            } else {
                ok = true
                reasons = nil
            }
            if case .completedElsewhere(let earnings, let refund) = outcome {
                hostEarnings = earnings
                userRefund = refund
            }
            error = nil
        case .failure(let failure):
            outcome = "failed"
            ok = false
            hostEarnings = nil
            userRefund = nil
            tokensUsed = nil
            txHash = nil
            reasons = nil
            error = failure.message
        }
    }

    var text: String {
        var parts = ["job \(job): \(outcome)"]
        if let hostEarnings { parts.append("host \(hostEarnings) wei") }
        if let userRefund { parts.append("refund \(userRefund) wei") }
        if let tokensUsed { parts.append("\(tokensUsed) tokens") }
        if let txHash { parts.append("tx \(txHash)") }
        if let error { parts.append("error: \(error)") }
        return parts.joined(separator: ", ") + (reasons ?? []).map { "\n  - \($0)" }.joined()
    }
}
