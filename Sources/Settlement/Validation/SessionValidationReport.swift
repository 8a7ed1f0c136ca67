/// The validation of one checkpoint: every finding, and what could and could not be checked.
public struct CheckpointValidation: Sendable, Hashable, Codable {
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// Tokens the store says the checkpoint claimed.
    public var tokensClaimed: Int64
    /// The stored proof's CID, when a proof is stored.
    public var proofCID: String?
    /// The stored `proofHash` (0x-hex), when a proof is stored.
    public var proofHash: String?
    /// The verifying key's fingerprint named by the proof.
    public var keyFingerprint: String?
    /// Whether the result text was hashed again, purged, or never kept.
    public var resultText: ResultTextStatus
    /// Whether a matching `ProofSubmitted` log was found (nil when the chain was not consulted, or the
    /// checkpoint's submission failed and it is not billed).
    public var onChain: Bool?
    /// Every reason the checkpoint fails (empty when it passes).
    public var findings: [ValidationFinding]
    /// Remarks that are not failures (e.g. a failed submission that is not billed).
    public var notes: [String]

    /// Whether the checkpoint passes.
    public var passed: Bool { findings.isEmpty }
}

/// The validation of a whole session: one entry per stored checkpoint plus session-wide findings.
/// A session may be settled only when ``passed`` is true.
public struct SessionValidationReport: Sendable, Hashable, Codable {
    /// The job.
    public var jobID: String
    /// The host the session was recorded with.
    public var hostAddress: String
    /// Per checkpoint, by index.
    public var checkpoints: [CheckpointValidation]
    /// Findings about the session as a whole (no checkpoints, unknown proofs on chain, …).
    public var sessionFindings: [ValidationFinding]
    /// Whether the chain's `ProofSubmitted` logs were consulted.
    public var chainChecked: Bool
    /// Whether mock proofs were acceptable (dev mode).
    public var devMode: Bool

    /// True when nothing failed.
    public var passed: Bool { sessionFindings.isEmpty && checkpoints.allSatisfy(\.passed) }

    /// Every reason, one line each, prefixed with its checkpoint (what a dispute records).
    public var reasons: [String] {
        sessionFindings.map { "session: \($0)" }
            + checkpoints.flatMap { checkpoint in
                checkpoint.findings.map { "checkpoint \(checkpoint.checkpointIndex): \($0)" }
            }
    }

}
