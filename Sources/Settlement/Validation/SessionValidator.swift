import AuditStore
import Commitment
import Ethereum
import Foundation
import Logging

/// Where the validator reads `ProofSubmitted` logs: a node and the marketplace contract.
public struct SettlementChain: Sendable {
    /// The node.
    public let client: EthereumClient
    /// The JobMarketplace contract.
    public let marketplace: JobMarketplace

    /// Binds a node and a contract.
    /// - Parameters:
    ///   - client: The node.
    ///   - marketplace: The contract.
    public init(client: EthereumClient, marketplace: JobMarketplace) {
        self.client = client
        self.marketplace = marketplace
    }
}

/// Decides whether a session may be settled: for every stored checkpoint, the proof verifies (batch
/// Groth16 verification) under a key the ``KeyManager`` knows, the hashes recomputed from the stored
/// result match, the public inputs are the session's (job, host, checkpoint index, tokens), and the
/// chain holds a `ProofSubmitted` log with the same `proofHash` and `tokensClaimed` — and, when an
/// ``OnChainVerifierRequirement`` is given, that the deployed verifier accepts every proof (`eth_call`).
///
/// ``validate(jobID:)`` only reports. ``validateForSettlement(jobID:)`` also acts on a failure: it records
/// a dispute with every reason, marks the session refused, counts the refusal and logs it at error level
/// (never a salt or key). Mock proofs pass only when ``devMode`` is on. Thread-safe.
public final class SessionValidator: Sendable {
    /// The audit store read from (and written to for disputes).
    public let store: AuditStore
    /// The known verifying keys (several after a rotation).
    public let keys: KeyManager
    /// Whether mock proofs are acceptable.
    public let devMode: Bool
    /// The chain whose logs are matched; nil skips the on-chain check (reported as not checked).
    public let chain: SettlementChain?
    /// A deployed verifier every proof must also verify on (`settlement.require_onchain_verifier`); nil:
    /// local verification only.
    public let onChainVerifier: OnChainVerifierRequirement?
    let telemetry: SettlementTelemetry

    /// Creates a validator.
    /// - Parameters:
    ///   - store: The audit store.
    ///   - keys: The key manager whose fingerprints are "known".
    ///   - devMode: Whether mock proofs pass (default false).
    ///   - chain: The chain to match logs on (nil: local checks only).
    ///   - onChainVerifier: A deployed verifier every proof must also verify on (nil: none required).
    ///   - telemetry: Metrics and logger.
    public init(
        store: AuditStore, keys: KeyManager, devMode: Bool = false, chain: SettlementChain?,
        onChainVerifier: OnChainVerifierRequirement? = nil, telemetry: SettlementTelemetry = SettlementTelemetry()
    ) {
        self.store = store
        self.keys = keys
        self.devMode = devMode
        self.chain = chain
        self.onChainVerifier = onChainVerifier
        self.telemetry = telemetry
    }

    /// Validates every stored checkpoint of `jobID`.
    /// - Parameter jobID: The job.
    /// - Returns: The report (a failing proof is a finding, not an error).
    /// - Throws: ``SettlerError`` when the session is unknown, the store or the chain cannot be read, or a
    ///   configured key file is unusable.
    public func validate(jobID: String) async throws(SettlerError) -> SessionValidationReport {
        let job: JobReport
        do {
            guard let found = try store.job(jobID, includeSecrets: true) else {
                throw SettlerError(.unknownSession, "no session \(jobID) in the audit store")
            }
            job = found
        } catch let error as SettlerError {
            throw error
        } catch {
            throw SettlerError(.store, "reading session \(jobID) from the audit store failed: \(error)")
        }
        var report = try checkLocally(job)
        if let chain {
            try await checkOnChain(&report, job: job, chain: chain)
            report.chainChecked = true
        }
        if let onChainVerifier {
            try await checkOnChainVerifier(&report, job: job, requirement: onChainVerifier)
        }
        telemetry.recordValidation(report)
        return report
    }

    /// Validates `jobID` before settlement; on failure records a dispute with every reason, marks the
    /// session `refused`, increments the refusal counter and logs an error line.
    /// - Parameter jobID: The job.
    /// - Returns: The report.
    /// - Throws: As ``validate(jobID:)``, and ``SettlerError/Code/store`` when the dispute cannot be stored.
    public func validateForSettlement(jobID: String) async throws(SettlerError) -> SessionValidationReport {
        let report = try await validate(jobID: jobID)
        guard !report.passed else { return report }
        do {
            try store.recordDispute(jobID: jobID, reasons: report.reasons)
            try store.updateSessionStatus(jobID: jobID, to: .refused)
        } catch {
            throw SettlerError(.store, "the dispute for session \(jobID) could not be recorded: \(error)")
        }
        telemetry.recordRefusal(report)
        return report
    }

    /// The checks that need only the store and the keys.
    func checkLocally(_ job: JobReport) throws(SettlerError) -> SessionValidationReport {
        var report = SessionValidationReport(
            jobID: job.session.jobID, hostAddress: job.session.hostAddress, checkpoints: [], sessionFindings: [],
            chainChecked: false, devMode: devMode)
        let expected = ExpectedSession(job.session)
        if let problem = expected.problem { report.sessionFindings.append(problem) }
        if job.checkpoints.isEmpty {
            report.sessionFindings.append(ValidationFinding(.noCheckpoints, "the session has no stored checkpoint"))
        }
        var pending: [PendingProof] = []
        for checkpoint in job.checkpoints {
            let proof = job.proofs.first { $0.checkpointIndex == checkpoint.checkpointIndex }
            let result = job.results.first { $0.checkpointIndex == checkpoint.checkpointIndex }
            var entry = CheckpointValidation(
                checkpointIndex: checkpoint.checkpointIndex, tokensClaimed: checkpoint.tokensClaimed,
                proofCID: proof?.proofCID, proofHash: proof.map { HexText.encode($0.proofHash) },
                keyFingerprint: proof?.keyFingerprint, resultText: .notKept, onChain: nil, findings: [], notes: [])
            if checkpoint.status == .failed {
                entry.notes.append(
                    "the submission failed (\(checkpoint.revertReason ?? "no reason")); not billed, not expected on chain"
                )
            }
            if let proof, let result {
                if let ready = checkProof(proof, result: result, checkpoint: checkpoint, expected: expected, &entry) {
                    pending.append(
                        PendingProof(
                            entry: report.checkpoints.count, proof: ready.proof,
                            inputs: ready.inputs, fingerprint: proof.keyFingerprint))
                }
            } else {
                entry.findings.append(
                    ValidationFinding(
                        .missingRecord, proof == nil ? "no proof is stored for the checkpoint" : "no result is stored"))
            }
            report.checkpoints.append(entry)
        }
        try verifyInBatches(pending, &report)
        return report
    }
}
