/// Turns a session's token stream into checkpoints under the Fabstir rules — pure logic, no I/O.
///
/// - A checkpoint every ``CheckpointRules/proofInterval`` generated tokens; `tokensClaimed` is the
///   delta since the previous checkpoint.
/// - The first checkpoint claims at least `max(100, proofInterval)` (the contract's "Low first"): a
///   session that ends before its first interval is padded up to it.
/// - On ``finish()``, a remainder of at least 100 tokens becomes a final checkpoint; a smaller one is
///   not billed (the contract's "Min tokens").
/// - With a ``CheckpointRules/billableTokenLimit`` every claim is cut to what the deposit still pays
///   for; once less than the minimum is left, no further checkpoint is made.
///
/// The rate rule (2000 tokens per second of chain time) is not the tracker's business: it concerns
/// *when* a plan is sent (``CheckpointRules/earliestSubmissionTime(tokensClaimed:lastProofTime:)``).
public struct CheckpointTracker: Sendable, Equatable {
    /// The rules in force.
    public let rules: CheckpointRules
    /// Tokens generated so far.
    public private(set) var generatedTokens: Int64 = 0
    /// The end of the last checkpoint's token range (tokens up to here are checkpointed).
    public private(set) var checkpointedTokens: Int64 = 0
    /// The sum of all claims so far.
    public private(set) var claimedTokens: Int64 = 0
    /// The index the next checkpoint gets.
    public private(set) var nextIndex: Int64 = 0
    /// Whether ``finish()`` was called.
    public private(set) var isFinished = false
    /// Whether the deposit's budget is used up (no further checkpoint can be billed).
    public private(set) var isBudgetExhausted = false

    /// A tracker for a new session.
    public init(rules: CheckpointRules) {
        self.rules = rules
    }

    /// Records `tokens` newly generated tokens.
    /// - Returns: The checkpoints that became due, in order (usually none or one).
    /// - Throws: ``SubmissionError/Code/invalidCheckpoint`` for a negative count or after ``finish()``.
    public mutating func record(tokens: Int64) throws(SubmissionError) -> [CheckpointPlan] {
        guard tokens >= 0 else {
            throw SubmissionError(.invalidCheckpoint, "a token count cannot be negative (got \(tokens))")
        }
        guard !isFinished else {
            throw SubmissionError(.invalidCheckpoint, "the session was finished; no more tokens can be recorded")
        }
        let (sum, overflow) = generatedTokens.addingReportingOverflow(tokens)
        guard !overflow else {
            throw SubmissionError(.invalidCheckpoint, "the session's token count overflows 64 bits")
        }
        generatedTokens = sum
        var plans: [CheckpointPlan] = []
        while !isBudgetExhausted, generatedTokens - checkpointedTokens >= rules.proofInterval {
            guard let plan = makePlan(end: checkpointedTokens + rules.proofInterval, isFinal: false) else { break }
            plans.append(plan)
        }
        return plans
    }

    /// Ends the session: bills the remainder when the rules allow it.
    /// - Returns: The final checkpoint, or nil when nothing (billable) remains.
    public mutating func finish() -> CheckpointPlan? {
        guard !isFinished else { return nil }
        isFinished = true
        let remainder = generatedTokens - checkpointedTokens
        guard remainder > 0, !isBudgetExhausted else { return nil }
        // A first checkpoint is padded to the floor whatever its size; a later remainder under the
        // contract minimum is not billed.
        if nextIndex > 0, remainder < rules.minimumClaim { return nil }
        return makePlan(end: generatedTokens, isFinal: true)
    }

    /// The tokens generated but neither checkpointed nor (after ``finish()``) billed.
    public var unbilledTokens: Int64 { generatedTokens - checkpointedTokens }

    /// Builds the plan for tokens `[checkpointedTokens, end)` and advances, or nil when the budget
    /// cannot pay for a valid claim (then the budget counts as exhausted).
    private mutating func makePlan(end: Int64, isFinal: Bool) -> CheckpointPlan? {
        let generated = end - checkpointedTokens
        var claim = nextIndex == 0 ? max(generated, rules.firstClaimFloor) : generated
        if let limit = rules.billableTokenLimit {
            let left = limit - claimedTokens
            if claim > left {
                // Cutting the first claim below the floor would revert "Low first"; a later claim below
                // the minimum would revert "Min tokens".
                let floor = nextIndex == 0 ? rules.firstClaimFloor : rules.minimumClaim
                guard left >= floor else {
                    isBudgetExhausted = true
                    return nil
                }
                claim = left
                isBudgetExhausted = true
            }
        }
        let plan = CheckpointPlan(
            index: nextIndex, tokensClaimed: claim, tokenStart: checkpointedTokens, tokenEnd: end, isFinal: isFinal)
        checkpointedTokens = end
        claimedTokens += claim
        nextIndex += 1
        return plan
    }
}
