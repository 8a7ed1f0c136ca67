/// One checkpoint the tracker decided on: what to claim and which generated tokens it covers.
public struct CheckpointPlan: Sendable, Hashable, CustomStringConvertible {
    /// The checkpoint's index in the session (0 for the first, as the chain's proof index).
    public var index: Int64
    /// `tokensClaimed` for `submitProofOfWork` (padded for a short first checkpoint, cut to the deposit).
    public var tokensClaimed: Int64
    /// The first generated token the checkpoint covers.
    public var tokenStart: Int64
    /// One past the last generated token it covers (`tokenEnd - tokenStart` is the real delta).
    public var tokenEnd: Int64
    /// Whether the session ended with this checkpoint (its remainder was billed on finishing).
    public var isFinal: Bool

    /// Creates a plan.
    public init(index: Int64, tokensClaimed: Int64, tokenStart: Int64, tokenEnd: Int64, isFinal: Bool) {
        self.index = index
        self.tokensClaimed = tokensClaimed
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        self.isFinal = isFinal
    }

    /// The tokens actually generated in the checkpoint.
    public var generatedTokens: Int64 { tokenEnd - tokenStart }

    /// Whether the claim exceeds the generated tokens (a padded first checkpoint).
    public var isPadded: Bool { tokensClaimed > generatedTokens }

    /// `checkpoint N: claim C for tokens [S, E)`.
    public var description: String {
        "checkpoint \(index): claim \(tokensClaimed) for tokens [\(tokenStart), \(tokenEnd))"
            + (isFinal ? " (final)" : "")
    }
}
