import BN254
import Dispatch
import Groth16

/// Checks checkpoint proof envelopes: public inputs (ranges and agreement with the named fields), the
/// hashes recomputed from the stored result, the commitment recomputed from the opening, the key named
/// by the fingerprint, and the proof itself.
///
/// ``verify(_:result:opening:)`` returns a ``VerificationVerdict`` listing every reason for rejection;
/// it throws only when a configured key file cannot be loaded (malformed envelopes are rejected earlier,
/// when decoding). Thread-safe.
public final class CheckpointVerifier: Sendable {
    /// The keys.
    public let keys: KeyManager
    /// Whether mock proofs are accepted.
    public let devMode: Bool
    /// The largest accepted `proof_data`.
    public let maxProofBytes: Int
    private let metrics: ProofMetrics

    /// A verifier over `keys`; mock proofs are accepted only when `devMode` is true.
    public init(
        keys: KeyManager, devMode: Bool = false, maxProofBytes: Int = ProofConfiguration.defaultMaxProofBytes,
        metrics: ProofMetrics = ProofMetrics()
    ) {
        self.keys = keys
        self.devMode = devMode
        self.maxProofBytes = maxProofBytes
        self.metrics = metrics
    }

    /// A verifier with `configuration`'s keys, dev mode and size limit.
    public convenience init(configuration: ProofConfiguration, metrics: ProofMetrics = ProofMetrics()) {
        self.init(
            keys: KeyManager(configuration: configuration, metrics: metrics), devMode: configuration.devMode,
            maxProofBytes: configuration.maxProofBytes, metrics: metrics)
    }

    /// Checks `envelope`; with `result`, also that its hashes are those of the stored prompt, response
    /// and model; with `opening`, also that the commitment opens to the envelope's values.
    /// - Throws: ``ProofSystemError`` when a configured verifying key file is missing or invalid.
    public func verify(
        _ envelope: ProofEnvelope, result: InferenceResult? = nil, opening: CheckpointOpening? = nil
    ) throws(ProofSystemError) -> VerificationVerdict {
        let start = DispatchTime.now().uptimeNanoseconds
        let verdict: VerificationVerdict
        do {
            verdict = try check(envelope, result: result, opening: opening)
        } catch {
            metrics.recordError(error)
            metrics.recordVerification(result: "error", nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            throw error
        }
        metrics.recordVerification(
            result: verdict.isAccepted ? "valid" : "invalid", nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        return verdict
    }

    private func check(
        _ envelope: ProofEnvelope, result: InferenceResult?, opening: CheckpointOpening?
    ) throws(ProofSystemError) -> VerificationVerdict {
        var reasons: [RejectionReason] = []
        let names = CheckpointPublicInputs.names
        let stated = envelope.statedPublicInputs.fieldElements
        var rangeChecked = envelope.publicInputs.count == names.count
        if !rangeChecked { reasons.append(.publicInputMismatch("public input count")) }
        for index in 0..<min(names.count, envelope.publicInputs.count) {
            if !Self.inRange(envelope.publicInputs[index], index: index) {
                reasons.append(.publicInputOutOfRange(names[index]))
                rangeChecked = false
            } else if envelope.publicInputs[index] != stated[index] {
                reasons.append(.publicInputMismatch(names[index]))
            }
        }
        if let result {
            if result.inputHash != envelope.inputHash { reasons.append(.inputHashMismatch) }
            if result.outputHash != envelope.outputHash { reasons.append(.outputHashMismatch) }
            if result.modelHash != envelope.modelHash { reasons.append(.modelHashMismatch) }
        }
        if let opening {
            if opening.modelHash != envelope.modelHash { reasons.append(.openingHashMismatch("model_hash")) }
            if opening.inputHash != envelope.inputHash { reasons.append(.openingHashMismatch("input_hash")) }
            if opening.outputHash != envelope.outputHash { reasons.append(.openingHashMismatch("output_hash")) }
            let recomputed = CheckpointStatement.commitment(
                jobId: envelope.jobId, host: envelope.host, checkpointIndex: envelope.checkpointIndex,
                tokensClaimed: envelope.tokensClaimed, opening: opening)
            if recomputed != envelope.commitment { reasons.append(.commitmentMismatch) }
        }
        if envelope.proofData.count > maxProofBytes {
            reasons.append(.proofTooLarge(envelope.proofData.count))
        } else if rangeChecked {
            reasons += try checkProof(envelope)
        }
        return VerificationVerdict(reasons: reasons, checkedResult: result != nil, checkedOpening: opening != nil)
    }

    private func checkProof(_ envelope: ProofEnvelope) throws(ProofSystemError) -> [RejectionReason] {
        let looksMock = envelope.proofType == .mock || MockProof.isMock(envelope.proofData)
        if looksMock {
            guard devMode else { return [.mockProofInProduction] }
            guard envelope.proofType == .mock, envelope.keyFingerprint == MockProof.keyFingerprint,
                envelope.proofData == MockProof.bytes(for: envelope.statedPublicInputs)
            else { return [.invalidMockProof] }
            return []
        }
        guard let verifier = try keys.verifier(fingerprint: envelope.keyFingerprint) else {
            return [.unknownKey(envelope.keyFingerprint)]
        }
        let proof: Proof
        do {
            proof = try Proof(encoded: envelope.proofData)
        } catch {
            return [.malformedProof(error.message)]
        }
        do {
            return try verifier.verify(proof, publicInputs: envelope.publicInputs) ? [] : [.invalidProof]
        } catch {
            return [.malformedProof(error.message)]
        }
    }

    /// `jobId`, `checkpointIndex`, `tokensClaimed` < 2⁶⁴; `host` < 2¹⁶⁰; the commitment is any Fr.
    static func inRange(_ value: Fr, index: Int) -> Bool {
        let words = value.canonical
        switch index {
        case 0, 2, 3: return words.w1 == 0 && words.w2 == 0 && words.w3 == 0
        case 1: return words.w3 == 0 && words.w2 >> 32 == 0
        default: return true
        }
    }
}
