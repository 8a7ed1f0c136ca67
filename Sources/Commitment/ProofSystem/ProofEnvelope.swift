import BN254

/// A checkpoint proof as it is stored, served and submitted: the Fabstir `InferenceProof` fields plus
/// the public statement and the name of the key the proof was made with.
///
/// The salt is deliberately not here: it is a secret the audit store keeps and hands to auditors as a
/// ``CheckpointOpening``. The three hashes are here (as in Fabstir's `InferenceProof`), so whoever holds
/// an envelope can compare them with a stored result; only the salt links them to the commitment.
///
/// Forms: canonical JSON (``canonicalJSON()`` / ``init(json:maxProofBytes:)``: sorted keys, no
/// whitespace, stable across runs) and a binary form (``binary`` / ``init(binary:maxProofBytes:)``).
/// Decoding validates shapes and values and throws ``ProofSystemError`` `.malformedEnvelope`; whether the
/// proof is *valid* is the ``CheckpointVerifier``'s verdict.
public struct ProofEnvelope: Hashable, Sendable {
    /// The envelope format version this build writes.
    public static let currentVersion = 1

    /// The envelope format version.
    public var version: Int
    /// The marketplace job (session) id (`job_id`, a decimal string in JSON as in Fabstir).
    public var jobId: UInt64
    /// SHA-256 of the model (`model_hash`).
    public var modelHash: Digest256
    /// SHA-256 of the prompt (`input_hash`).
    public var inputHash: Digest256
    /// SHA-256 of the response up to this checkpoint (`output_hash`).
    public var outputHash: Digest256
    /// The proof bytes (`proof_data`, hex): 256 bytes for Groth16 (EVM layout), 40 for a mock.
    public var proofData: [UInt8]
    /// The backend that made the proof (`proof_type`: `groth16` or `mock`).
    public var proofType: ProofBackend
    /// When the proof was made, in Unix seconds (`timestamp`).
    public var timestamp: UInt64
    /// Who made the proof (`prover_id`; the host address by default).
    public var proverId: String
    /// The host (`host`).
    public var host: HostAddress
    /// The checkpoint index (`checkpoint_index`).
    public var checkpointIndex: UInt64
    /// Tokens claimed (`tokens_claimed`).
    public var tokensClaimed: UInt64
    /// The Poseidon commitment (`commitment`, decimal).
    public var commitment: Fr
    /// The public inputs the proof was made for, in circuit order (`public_inputs`, decimal strings).
    /// The verifier checks them against the named fields above and their ranges.
    public var publicInputs: [Fr]
    /// SHA-256 fingerprint of the verifying key (`key_fingerprint`), or `mock`.
    public var keyFingerprint: String

    /// An envelope for `proofData` about `statement`'s public part.
    public init(
        statement: CheckpointPublicInputs, hashes opening: CheckpointOpening, proofData: [UInt8],
        proofType: ProofBackend, timestamp: UInt64, proverId: String, keyFingerprint: String
    ) {
        version = Self.currentVersion
        jobId = statement.jobId
        modelHash = opening.modelHash
        inputHash = opening.inputHash
        outputHash = opening.outputHash
        self.proofData = proofData
        self.proofType = proofType
        self.timestamp = timestamp
        self.proverId = proverId
        host = statement.host
        checkpointIndex = statement.checkpointIndex
        tokensClaimed = statement.tokensClaimed
        commitment = statement.commitment
        publicInputs = statement.fieldElements
        self.keyFingerprint = keyFingerprint
    }

    /// The public inputs named by the envelope's fields (what ``publicInputs`` must equal).
    public var statedPublicInputs: CheckpointPublicInputs {
        CheckpointPublicInputs(
            jobId: jobId, host: host, checkpointIndex: checkpointIndex, tokensClaimed: tokensClaimed,
            commitment: commitment)
    }

    /// Checks what decoding requires of any envelope: version, five public inputs, a proof size within
    /// `maxProofBytes`, a fingerprint of the right shape, and hex/decimal fields already parsed.
    func validate(maxProofBytes: Int) throws(ProofSystemError) {
        guard version == Self.currentVersion else {
            throw ProofSystemError(
                .malformedEnvelope,
                "envelope version \(version) is not supported (this build reads \(Self.currentVersion))")
        }
        guard publicInputs.count == CheckpointPublicInputs.names.count else {
            throw ProofSystemError(
                .malformedEnvelope,
                "public_inputs has \(publicInputs.count) values; a checkpoint proof has \(CheckpointPublicInputs.names.count)"
            )
        }
        guard !proofData.isEmpty, proofData.count <= maxProofBytes else {
            throw ProofSystemError(
                .malformedEnvelope, "proof_data is \(proofData.count) bytes; the limit is \(maxProofBytes)")
        }
        let isHexFingerprint =
            keyFingerprint.utf8.count == 64
            && keyFingerprint.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        guard isHexFingerprint || (proofType == .mock && keyFingerprint == MockProof.keyFingerprint) else {
            throw ProofSystemError(
                .malformedEnvelope, "key_fingerprint must be 64 lower-case hex digits (or `mock` for mock proofs)")
        }
    }
}
