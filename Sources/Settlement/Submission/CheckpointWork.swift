import AuditStore
import Commitment
import Foundation

/// A checkpoint ready to prove: the tracker's plan and what the proof and delta are about.
public struct CheckpointWork: Sendable, Hashable {
    /// The plan (index, claim, token range).
    public var plan: CheckpointPlan
    /// The inference result the statement commits to (prompt, response so far, model hash).
    public var result: InferenceResult
    /// The exchanges generated in the checkpoint's token range (the delta's messages).
    public var messages: [CheckpointDelta.DeltaMessage]

    /// Creates work.
    public init(plan: CheckpointPlan, result: InferenceResult, messages: [CheckpointDelta.DeltaMessage]) {
        self.plan = plan
        self.result = result
        self.messages = messages
    }
}

/// A checkpoint confirmed on chain, as recorded in the audit store.
public struct SubmittedCheckpoint: Sendable, Hashable {
    /// The job.
    public var jobID: String
    /// The checkpoint.
    public var checkpointIndex: Int64
    /// The tokens claimed.
    public var tokensClaimed: Int64
    /// SHA-256 of the proof bytes (the on-chain `proofHash`).
    public var proofHash: Data
    /// The proof's CID.
    public var proofCID: String
    /// The delta's CID (`""` when deltas are disabled).
    public var deltaCID: String
    /// The mined transaction (0x-hex).
    public var transactionHash: String
    /// The sender nonce it used.
    public var nonce: Int64
    /// The block it was mined in.
    public var blockNumber: Int64
    /// Gas used.
    public var gasUsed: Int64
}
