import AuditStore
import BN254
import Commitment
import Crypto
import Foundation
import Groth16

extension SessionValidator {
    /// A decoded proof and the inputs it must verify for.
    struct ReadyProof {
        let proof: Proof
        let inputs: [Fr]
    }

    /// Runs every check of one checkpoint except the pairing; returns what the pairing check needs, or nil
    /// when the proof cannot be pairing-checked (mock, unknown key, undecodable).
    func checkProof(
        _ stored: ProofRecord, result: InferenceResultRecord, checkpoint: CheckpointRecord, expected: ExpectedSession,
        _ entry: inout CheckpointValidation
    ) -> ReadyProof? {
        if Data(SHA256.hash(data: stored.proofBytes)) != stored.proofHash {
            entry.findings.append(
                ValidationFinding(
                    .proofHashMismatch,
                    "SHA-256 of the stored proof bytes is not the stored proofHash \(HexText.encode(stored.proofHash)); "
                        + "the proof bytes were altered after they were stored"))
        }
        let envelope: ProofEnvelope
        do {
            envelope = try ProofEnvelope(json: Array(stored.envelopeJSON.utf8))
        } catch {
            entry.findings.append(ValidationFinding(.malformedEnvelope, error.message))
            checkResult(result, inputHash: nil, outputHash: nil, &entry)
            return nil
        }
        if envelope.proofData != [UInt8](stored.proofBytes) {
            entry.findings.append(
                ValidationFinding(.envelopeMismatch, "the envelope's proof_data differs from the stored proof bytes"))
        }
        if envelope.keyFingerprint != stored.keyFingerprint {
            entry.findings.append(
                ValidationFinding(
                    .envelopeMismatch,
                    "the envelope names key \(envelope.keyFingerprint), the proof record \(stored.keyFingerprint)"))
        }
        checkPublicInputs(envelope, stored: stored, checkpoint: checkpoint, expected: expected, &entry)
        checkResult(result, inputHash: envelope.inputHash, outputHash: envelope.outputHash, &entry)
        checkCommitment(envelope, stored: stored, result: result, checkpoint: checkpoint, expected: expected, &entry)

        guard let jobId = expected.jobId, let host = expected.host, checkpoint.checkpointIndex >= 0,
            checkpoint.tokensClaimed >= 0
        else { return nil }
        let sessionInputs = CheckpointPublicInputs(
            jobId: jobId, host: host, checkpointIndex: UInt64(checkpoint.checkpointIndex),
            tokensClaimed: UInt64(checkpoint.tokensClaimed), commitment: envelope.commitment)
        let looksMock =
            envelope.proofType == .mock || stored.backend == ProofBackend.mock.rawValue
            || MockProof.isMock(envelope.proofData)
        if looksMock {
            if !devMode {
                entry.findings.append(
                    ValidationFinding(.mockProof, "a mock proof is never accepted outside dev mode"))
            } else if envelope.proofData != MockProof.bytes(for: sessionInputs) {
                entry.findings.append(
                    ValidationFinding(.mockProof, "the mock proof does not match the session's public inputs"))
            }
            return nil
        }
        do {
            guard try keys.verifier(fingerprint: stored.keyFingerprint) != nil else {
                entry.findings.append(
                    ValidationFinding(
                        .unknownKey,
                        "the proof was made with key \(stored.keyFingerprint), which is not among the known "
                            + "verifying keys (\(keys.knownFingerprints.joined(separator: ", ")))"))
                return nil
            }
        } catch {
            entry.findings.append(
                ValidationFinding(.unknownKey, "the verifying keys cannot be loaded: \(error.message)"))
            return nil
        }
        do {
            return ReadyProof(proof: try Proof(encoded: envelope.proofData), inputs: sessionInputs.fieldElements)
        } catch {
            entry.findings.append(ValidationFinding(.malformedProof, error.message))
            return nil
        }
    }

    /// The envelope's public inputs against its named fields, the stored JSON, and the session.
    private func checkPublicInputs(
        _ envelope: ProofEnvelope, stored: ProofRecord, checkpoint: CheckpointRecord, expected: ExpectedSession,
        _ entry: inout CheckpointValidation
    ) {
        func mismatch(_ text: String) { entry.findings.append(ValidationFinding(.publicInputMismatch, text)) }
        if envelope.publicInputs != envelope.statedPublicInputs.fieldElements {
            mismatch("the envelope's public_inputs differ from its named fields")
        }
        if let jobId = expected.jobId, envelope.jobId != jobId {
            mismatch("the proof is for job \(envelope.jobId), the session is job \(jobId)")
        }
        if let host = expected.host, envelope.host != host {
            mismatch("the proof is for host \(envelope.host), the session's host is \(host)")
        }
        if Int64(exactly: envelope.checkpointIndex) != checkpoint.checkpointIndex {
            mismatch("the proof is for checkpoint \(envelope.checkpointIndex), stored as \(checkpoint.checkpointIndex)")
        }
        if Int64(exactly: envelope.tokensClaimed) != checkpoint.tokensClaimed {
            mismatch("the proof claims \(envelope.tokensClaimed) tokens, the checkpoint \(checkpoint.tokensClaimed)")
        }
        if let storedInputs = StoredPublicInputs.decimalStrings(stored.publicInputsJSON),
            storedInputs != envelope.publicInputs.map(\.description)
        {
            mismatch("the stored public inputs differ from the envelope's")
        }
    }

    /// The stored hashes against the envelope's and against the stored text (when still kept).
    func checkResult(
        _ result: InferenceResultRecord, inputHash: Digest256?, outputHash: Digest256?,
        _ entry: inout CheckpointValidation
    ) {
        func mismatch(_ text: String) { entry.findings.append(ValidationFinding(.resultHashMismatch, text)) }
        if let inputHash, inputHash.bytes != [UInt8](result.promptHash) {
            mismatch("the proven input_hash is not the stored prompt hash")
        }
        if let outputHash, outputHash.bytes != [UInt8](result.responseHash) {
            mismatch("the proven output_hash is not the stored response hash")
        }
        var hashedText = false
        if let prompt = result.promptText {
            hashedText = true
            if Data(SHA256.hash(data: Data(prompt.utf8))) != result.promptHash {
                mismatch("SHA-256 of the stored prompt text is not the stored prompt hash")
            }
        }
        if let response = result.responseText {
            hashedText = true
            if Data(SHA256.hash(data: Data(response.utf8))) != result.responseHash {
                mismatch("SHA-256 of the stored response text is not the stored response hash")
            }
        }
        if hashedText {
            entry.resultText = .verified
        } else if result.textPurgedAt != nil {
            entry.resultText = .purgedByRetention
            entry.notes.append("the result text was purged by retention; only the stored hashes were compared")
        } else {
            entry.resultText = .notKept
        }
    }

    /// The commitment opened with the stored hashes and the stored salt (when a salt is stored).
    private func checkCommitment(
        _ envelope: ProofEnvelope, stored: ProofRecord, result: InferenceResultRecord, checkpoint: CheckpointRecord,
        expected: ExpectedSession, _ entry: inout CheckpointValidation
    ) {
        guard let saltBytes = stored.salt else {
            entry.notes.append("no salt is stored; the commitment was not opened")
            return
        }
        guard let salt = StoredPublicInputs.salt(saltBytes), let jobId = expected.jobId, let host = expected.host,
            checkpoint.checkpointIndex >= 0, checkpoint.tokensClaimed >= 0
        else {
            entry.findings.append(ValidationFinding(.commitmentMismatch, "the stored salt is not a field element"))
            return
        }
        do {
            let opening = CheckpointOpening(
                modelHash: envelope.modelHash, inputHash: try Digest256(bytes: [UInt8](result.promptHash)),
                outputHash: try Digest256(bytes: [UInt8](result.responseHash)), salt: salt)
            let recomputed = CheckpointStatement.commitment(
                jobId: jobId, host: host, checkpointIndex: UInt64(checkpoint.checkpointIndex),
                tokensClaimed: UInt64(checkpoint.tokensClaimed), opening: opening)
            if recomputed != envelope.commitment {
                entry.findings.append(
                    ValidationFinding(
                        .commitmentMismatch,
                        "the commitment does not open to the session's values, the stored hashes and the stored salt"))
            }
        } catch {
            entry.findings.append(ValidationFinding(.commitmentMismatch, "the stored hashes are not 32 bytes"))
        }
    }

    /// Pairing checks, one batch per verifying key; a failing batch is re-checked proof by proof so that
    /// every invalid proof is named.
    func verifyInBatches(_ pending: [PendingProof], _ report: inout SessionValidationReport) throws(SettlerError) {
        let groups = Dictionary(grouping: pending, by: \.fingerprint)
        for fingerprint in groups.keys.sorted() {
            guard let items = groups[fingerprint] else { continue }
            let verifier: Verifier
            do {
                guard let found = try keys.verifier(fingerprint: fingerprint) else { continue }
                verifier = found
            } catch {
                throw SettlerError(.keys, "the verifying keys cannot be loaded: \(error.message)")
            }
            let batchPassed: Bool
            do {
                batchPassed = try verifier.verifyBatch(items.map { ($0.proof, $0.inputs) })
            } catch {
                batchPassed = false
            }
            if batchPassed { continue }
            for item in items {
                do {
                    if try verifier.verify(item.proof, publicInputs: item.inputs) { continue }
                    report.checkpoints[item.entry].findings.append(
                        ValidationFinding(
                            .invalidProof,
                            "the Groth16 proof does not verify under key \(fingerprint) for the session's job, host, "
                                + "checkpoint index and tokens"))
                } catch {
                    report.checkpoints[item.entry].findings.append(ValidationFinding(.malformedProof, error.message))
                }
            }
        }
    }
}
