import AuditStore
import Ethereum
import Foundation

/// How the checkpoints of one session stand against the tokens it accepted: every checkpoint the tokens
/// crossed must be proven, stored, confirmed and on the chain (a `ProofSubmitted` log with the stored
/// proof's hash) exactly once.
public struct CheckpointAccount: Sendable, Equatable, Encodable {
    /// The job (decimal).
    public var jobID: String
    /// Checkpoints the tokens crossed: `tokens / proofInterval` (the remainder is the final checkpoint,
    /// due only on completion).
    public var expected: Int
    /// Of those, checkpoints stored with status `confirmed` and a confirmed submission.
    public var confirmed: Int
    /// `ProofSubmitted` logs of the job on the chain.
    public var onChain: Int
    /// Expected checkpoints that are not confirmed in the store with their proof's hash on the chain.
    public var lost: Int
    /// Logs beyond one per expected checkpoint (a proof submitted twice, or a log for a proof the store
    /// does not hold for an expected checkpoint).
    public var duplicated: Int

    /// Whether every expected checkpoint is there exactly once.
    public var isExact: Bool { lost == 0 && duplicated == 0 }
}

/// Counts a session's checkpoints in the audit store and on the chain (the load test's and the
/// functional tests' "no lost, no duplicated checkpoint" check).
public enum CheckpointAccounting {
    /// Accounts for the checkpoints of `jobID`.
    /// - Parameters:
    ///   - jobID: The job (decimal).
    ///   - tokens: Tokens the session accepted.
    ///   - proofInterval: Tokens per checkpoint.
    ///   - store: The audit store.
    ///   - marketplace: The JobMarketplace binding.
    ///   - client: The chain.
    /// - Returns: The account.
    /// - Throws: Store or chain errors (the check could not be made).
    public static func account(
        jobID: String, tokens: UInt64, proofInterval: UInt64, store: AuditStore, marketplace: JobMarketplace,
        client: EthereumClient
    ) async throws -> CheckpointAccount {
        let expected = proofInterval == 0 ? 0 : Int(tokens / proofInterval)
        let logs = try await marketplace.events(
            on: client, from: .earliest, names: ["ProofSubmitted"], jobId: try U256(parsing: jobID))
        var logHashes: [Data: Int] = [:]
        for (event, _) in logs {
            if case .proofSubmitted(_, _, _, let proofHash, _, _) = event {
                logHashes[Data(proofHash), default: 0] += 1
            }
        }
        let stored = Dictionary(
            try store.checkpoints(jobID: jobID).map { ($0.checkpointIndex, $0) },
            uniquingKeysWith: { first, _ in first })
        var confirmed = 0
        var matched = 0
        for index in 0..<Int64(expected) {
            guard let checkpoint = stored[index], checkpoint.status == .confirmed,
                try store.submission(jobID: jobID, checkpointIndex: index)?.status == .confirmed,
                let proof = try store.proof(jobID: jobID, checkpointIndex: index)
            else { continue }
            confirmed += 1
            if logHashes[proof.proofHash] == 1 { matched += 1 }
        }
        return CheckpointAccount(
            jobID: jobID, expected: expected, confirmed: confirmed, onChain: logs.count, lost: expected - matched,
            duplicated: max(0, logs.count - matched))
    }
}
