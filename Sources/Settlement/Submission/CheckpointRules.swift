/// The JobMarketplace's billing rules as the checkpoint tracker applies them
/// (`shared/notes/fabstir-contract.md`).
public struct CheckpointRules: Sendable, Equatable {
    /// The Fabstir default checkpoint interval in tokens.
    public static let defaultProofInterval: Int64 = 1000
    /// The contract's minimum claim per proof ("Min tokens").
    public static let contractMinimumClaim: Int64 = 100
    /// The contract's rate limit: tokens claimed per second since the last proof ("Too many").
    public static let contractTokensPerSecond: Int64 = 2000

    /// Tokens between checkpoints (the session's `proofInterval`; at least ``minimumClaim``).
    public var proofInterval: Int64
    /// The smallest claim the contract accepts; a final remainder below it is not billed.
    public var minimumClaim: Int64
    /// The most tokens per second of chain time since the last proof a claim may cover.
    public var tokensPerSecond: Int64
    /// The most tokens the session's deposit pays for in total (`deposit * 1000 / pricePerToken`), or
    /// nil for no limit. Claims are cut to what is left, so "Exceeds deposit" is never provoked.
    public var billableTokenLimit: Int64?

    /// Creates rules.
    /// - Parameters:
    ///   - proofInterval: Tokens per checkpoint (default 1000; raised to `minimumClaim` if lower).
    ///   - minimumClaim: The contract's minimum claim (default 100).
    ///   - tokensPerSecond: The contract's rate limit (default 2000).
    ///   - billableTokenLimit: The deposit's token budget, or nil.
    public init(
        proofInterval: Int64 = CheckpointRules.defaultProofInterval,
        minimumClaim: Int64 = CheckpointRules.contractMinimumClaim,
        tokensPerSecond: Int64 = CheckpointRules.contractTokensPerSecond, billableTokenLimit: Int64? = nil
    ) {
        self.minimumClaim = max(1, minimumClaim)
        self.proofInterval = max(self.minimumClaim, proofInterval)
        self.tokensPerSecond = max(1, tokensPerSecond)
        self.billableTokenLimit = billableTokenLimit.map { max(0, $0) }
    }

    /// What the first checkpoint claims at least: `max(minimumClaim, proofInterval)` (the contract's
    /// "Low first" rule).
    public var firstClaimFloor: Int64 { max(minimumClaim, proofInterval) }

    /// The earliest chain time (Unix seconds) at which a proof claiming `tokensClaimed` passes the rate
    /// rule `tokensClaimed <= (now - lastProofTime) * tokensPerSecond`.
    /// - Parameters:
    ///   - tokensClaimed: The claim.
    ///   - lastProofTime: The session's `lastProofTime` on chain.
    /// - Returns: `lastProofTime + ceil(tokensClaimed / tokensPerSecond)`.
    public func earliestSubmissionTime(tokensClaimed: Int64, lastProofTime: UInt64) -> UInt64 {
        let claim = max(0, tokensClaimed)
        let seconds = UInt64((claim + tokensPerSecond - 1) / tokensPerSecond)
        let (sum, overflow) = lastProofTime.addingReportingOverflow(seconds)
        return overflow ? .max : sum
    }
}
