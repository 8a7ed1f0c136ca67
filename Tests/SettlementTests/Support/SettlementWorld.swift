import AuditStore
import BN254
import ChainTestSupport
import Commitment
import Ethereum
import Foundation
import Settlement
import TestSupport
import Testing

/// One scenario's world: a chain (MockChain or devchain), a fresh audit store, and the host's
/// transaction manager. It stands in for the checkpoint submitter (another module's job): it proves
/// checkpoints with the ProofGenerator, records them in the store and sends `submitProofOfWork`.
final class SettlementWorld: Sendable {
    let harness: ChainHarness
    let directory: URL
    let store: AuditStore
    let manager: TransactionManager
    let chain: SettlementChain
    let price = U256(1_000_000_000_000)
    let deposit = Market.oneEther / U256(100)

    init(_ harness: ChainHarness) throws {
        self.harness = harness
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try AuditStore(path: directory.appendingPathComponent("store.sqlite").path)
        manager = TransactionManager(client: harness.eth)
        chain = SettlementChain(client: harness.eth, marketplace: JobMarketplace(address: harness.marketplace))
    }

    deinit {
        do { try FileManager.default.removeItem(at: directory) } catch {}  // best-effort cleanup of a temp dir
    }

    var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    var depositor: EthereumSigner { harness.accounts[1] }
    var host: EthereumSigner { harness.accounts[2] }

    /// Opens a session on chain (depositor 1, host 2) and records it in the store.
    func openSession() async throws -> String {
        let job = try await harness.createSession(deposit: deposit, price: price)
        let jobID = job.description
        try store.recordSession(
            SessionRecord(
                jobID: jobID, chainID: Int64(harness.chainId), contractAddress: harness.marketplace.checksummed,
                hostAddress: host.address.checksummed, modelID: "0x" + String(repeating: "4d", count: 32),
                proofInterval: 1000, pricePerToken: price.description, deposit: deposit.description))
        return jobID
    }

    /// Proves checkpoint `index` of `jobID` and records it (result, checkpoint, proof) in the store.
    @discardableResult
    func prove(
        _ jobID: String, index: Int64, tokens: Int64, start: Int64, generator: ProofGenerator
    ) throws -> AuditStore.StoredCheckpoint {
        let prompt = "Tell me about checkpoint proofs (job \(jobID))."
        let response = "Answer up to token \(start + tokens) of job \(jobID), checkpoint \(index)."
        let result = InferenceResult(prompt: prompt, response: response, modelHash: .sha256(utf8: "model.gguf"))
        let opening = CheckpointOpening(
            modelHash: result.modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
        let statement = CheckpointStatement(
            jobId: try #require(UInt64(jobID)), host: try HostAddress(bytes: host.address.bytes),
            checkpointIndex: UInt64(index), tokensClaimed: UInt64(tokens), opening: opening)
        let envelope = try generator.prove(statement)
        let inputs = "[" + envelope.publicInputs.map { "\"\($0.description)\"" }.joined(separator: ",") + "]"
        return try store.recordCheckpoint(
            CheckpointInput(
                jobID: jobID, checkpointIndex: index, tokensClaimed: tokens,
                tokenRange: TokenRange(start: start, end: start + tokens),
                promptHash: Data(result.inputHash.bytes), responseHash: Data(result.outputHash.bytes),
                promptText: prompt, responseText: response,
                proof: ProofInput(
                    envelopeJSON: envelope.canonicalJSONString, proofBytes: Data(envelope.proofData),
                    keyFingerprint: envelope.keyFingerprint, backend: "groth16", publicInputsJSON: inputs,
                    salt: Data(opening.salt.canonical.bigEndianBytes))))
    }

    /// Sends `submitProofOfWork` for a stored checkpoint (storing the signed transaction first); a
    /// revert is recorded on the checkpoint and rethrown as the marketplace's typed error.
    func submit(_ jobID: String, index: Int64, signer: EthereumSigner? = nil) async throws {
        let report = try #require(try store.job(jobID))
        let proof = try #require(report.proofs.first { $0.checkpointIndex == index })
        let checkpoint = try #require(report.checkpoints.first { $0.checkpointIndex == index })
        try await harness.advance(1)  // the 2000-tokens-per-second rule
        let market = JobMarketplace(address: harness.marketplace)
        let intent = try market.submitProofOfWork(
            jobId: try U256(parsing: jobID), tokensClaimed: U256(UInt64(checkpoint.tokensClaimed)),
            proofHash: [UInt8](proof.proofHash), proofCID: proof.proofCID, deltaCID: "")
        let store = self.store
        do {
            let outcome = try await market.send(intent, manager: manager, signer: signer ?? host) { prepared in
                try store.recordSignedSubmission(
                    jobID: jobID, checkpointIndex: index, nonce: Int64(prepared.nonce),
                    rawTransaction: Data(prepared.raw),
                    txHash: Data(prepared.hash.bytes))
                try store.markSubmissionBroadcast(txHash: Data(prepared.hash.bytes))
            }
            try store.markSubmissionConfirmed(
                txHash: Data(outcome.transaction.hash.bytes), blockNumber: Int64(outcome.receipt.blockNumber),
                gasUsed: Int64(outcome.receipt.gasUsed))
        } catch let error as JobMarketplaceError {
            try store.markCheckpointFailed(jobID: jobID, checkpointIndex: index, reason: error.reason ?? error.message)
            throw error
        }
    }

    /// A session with `tokens.count` proven, stored and submitted checkpoints.
    func provenSession(tokens: [Int64], generator: ProofGenerator) async throws -> String {
        let jobID = try await openSession()
        var start: Int64 = 0
        for (index, count) in tokens.enumerated() {
            try prove(jobID, index: Int64(index), tokens: count, start: start, generator: generator)
            try await submit(jobID, index: Int64(index))
            start += count
        }
        return jobID
    }

    /// A validator with the chain (known keys: A, or A and B).
    func validator(rotatedKnown: Bool = false, devMode: Bool = false) -> SessionValidator {
        SessionValidator(
            store: store, keys: TestKeys.shared.knownKeys(includingRotated: rotatedKnown), devMode: devMode,
            chain: chain)
    }

    /// A settler that waits on chain time by moving it (evm_increaseTime).
    func settler(validator: SessionValidator? = nil, signer: EthereumSigner? = nil) -> AutoSettler {
        AutoSettler(
            store: store, validator: validator ?? self.validator(), chain: chain, manager: manager,
            signer: signer ?? host, timer: DevChainTimer(client: harness.eth),
            configuration: AutoSettlerConfiguration(initialBackoff: 1))
    }

    /// A settler with the default configuration whose validator and settler report to a captured log and a
    /// test metrics backend, returned beside it so that a scenario can check what was logged and counted.
    func observedSettler() -> (settler: AutoSettler, log: CapturedLog, metrics: TestMetricsFactory) {
        let metrics = TestMetricsFactory()
        let log = CapturedLog()
        let telemetry = SettlementTelemetry(logger: log.logger, factory: metrics)
        let validator = SessionValidator(
            store: store, keys: TestKeys.shared.knownKeys(includingRotated: false), chain: chain, telemetry: telemetry)
        let settler = AutoSettler(
            store: store, validator: validator, chain: chain, manager: manager, signer: host,
            timer: DevChainTimer(client: harness.eth), telemetry: telemetry)
        return (settler, log, metrics)
    }

    /// `proofnode audit verify JOB` against this world's store, keys and chain, with JSON output.
    func auditVerifyArguments(_ jobID: String) -> [String] {
        [
            "audit", "verify", jobID, "--store", storePath, "--keys", TestKeys.shared.directoryA, "--rpc", harness.url,
            "--json",
        ]
    }

    /// What the contract rules say a session with `tokens` used pays: gross payment, host net, refund.
    func expectedPayment(tokens: UInt64) -> (payment: U256, host: U256, refund: U256) {
        let payment = (U256(tokens) * price).quotientAndRemainder(dividingBy: U256(1000)).quotient
        let fee = (payment * U256(1000)).quotientAndRemainder(dividingBy: U256(10_000)).quotient
        return (payment, payment - fee, deposit - payment)
    }
}
