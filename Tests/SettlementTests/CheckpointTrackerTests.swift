import Ethereum
import TestSupport
import Testing

@testable import Settlement

/// The Fabstir billing rules (shared/notes/fabstir-contract.md), case by case and as properties over
/// random token streams.
@Suite("CheckpointTracker")
struct CheckpointTrackerTests {
    @Test("a checkpoint every proofInterval tokens, claiming the delta")
    func everyInterval() throws {
        var tracker = CheckpointTracker(rules: CheckpointRules())
        #expect(try tracker.record(tokens: 999).isEmpty)
        let first = try tracker.record(tokens: 1)
        #expect(first == [CheckpointPlan(index: 0, tokensClaimed: 1000, tokenStart: 0, tokenEnd: 1000, isFinal: false)])
        let next = try tracker.record(tokens: 2500)
        #expect(next.map(\.tokensClaimed) == [1000, 1000])
        #expect(next.map(\.tokenStart) == [1000, 2000])
        #expect(next.map(\.index) == [1, 2])
        let finished = tracker.finish()
        let final = try #require(finished)
        #expect(final == CheckpointPlan(index: 3, tokensClaimed: 500, tokenStart: 3000, tokenEnd: 3500, isFinal: true))
        #expect(tracker.claimedTokens == 3500)
        #expect(tracker.unbilledTokens == 0)
    }

    @Test("a final remainder under 100 is not billed; exactly 100 is")
    func finalRemainder() throws {
        var short = CheckpointTracker(rules: CheckpointRules())
        _ = try short.record(tokens: 1099)
        #expect(short.finish() == nil)
        #expect(short.unbilledTokens == 99)
        #expect(short.claimedTokens == 1000)

        var exact = CheckpointTracker(rules: CheckpointRules())
        _ = try exact.record(tokens: 1100)
        #expect(exact.finish()?.tokensClaimed == 100)
        #expect(exact.unbilledTokens == 0)
    }

    @Test("the first checkpoint is padded up to max(100, proofInterval)")
    func firstPadded() throws {
        for (interval, tokens) in [(1000, 250), (1000, 5), (100, 40), (500, 499), (100, 1)] as [(Int64, Int64)] {
            var tracker = CheckpointTracker(rules: CheckpointRules(proofInterval: interval))
            #expect(try tracker.record(tokens: tokens).isEmpty)
            let finished = tracker.finish()
            let plan = try #require(finished)
            #expect(plan.tokensClaimed == max(100, interval), "interval \(interval), tokens \(tokens)")
            #expect(plan.generatedTokens == tokens)
            #expect(plan.isPadded && plan.isFinal && plan.index == 0)
        }
    }

    @Test("an interval under the contract minimum is raised to it; nothing generated bills nothing")
    func edges() throws {
        #expect(CheckpointRules(proofInterval: 10).proofInterval == 100)
        var empty = CheckpointTracker(rules: CheckpointRules())
        #expect(empty.finish() == nil)
        #expect(empty.finish() == nil)
        var tracker = CheckpointTracker(rules: CheckpointRules())
        #expect(throws: SubmissionError.self) { try tracker.record(tokens: -1) }
        _ = tracker.finish()
        #expect(throws: SubmissionError.self) { try tracker.record(tokens: 1) }
        var zero = CheckpointTracker(rules: CheckpointRules())
        #expect(try zero.record(tokens: 0).isEmpty)
    }

    @Test("claims are cut to the deposit's budget; under the minimum nothing more is billed")
    func budget() throws {
        var tracker = CheckpointTracker(rules: CheckpointRules(billableTokenLimit: 2500))
        let plans = try tracker.record(tokens: 4000)
        #expect(plans.map(\.tokensClaimed) == [1000, 1000, 500])
        #expect(tracker.isBudgetExhausted)
        #expect(try tracker.record(tokens: 5000).isEmpty)
        #expect(tracker.finish() == nil)
        #expect(tracker.claimedTokens == 2500)

        var tight = CheckpointTracker(rules: CheckpointRules(billableTokenLimit: 2050))
        #expect(try tight.record(tokens: 3000).map(\.tokensClaimed) == [1000, 1000])
        #expect(tight.finish() == nil)  // 50 left: below "Min tokens"
        #expect(tight.claimedTokens == 2050 - 50)
    }

    @Test("the rate rule: the earliest chain time is lastProofTime + ceil(claim / 2000)")
    func rate() {
        let rules = CheckpointRules()
        #expect(rules.earliestSubmissionTime(tokensClaimed: 0, lastProofTime: 100) == 100)
        #expect(rules.earliestSubmissionTime(tokensClaimed: 1, lastProofTime: 100) == 101)
        #expect(rules.earliestSubmissionTime(tokensClaimed: 1000, lastProofTime: 100) == 101)
        #expect(rules.earliestSubmissionTime(tokensClaimed: 2000, lastProofTime: 100) == 101)
        #expect(rules.earliestSubmissionTime(tokensClaimed: 2001, lastProofTime: 100) == 102)
        #expect(rules.earliestSubmissionTime(tokensClaimed: 100, lastProofTime: .max) == .max)
        // The contract's inequality holds exactly at the earliest time and fails one second before.
        for claim in [100, 1000, 1999, 2000, 2001, 4000, 4001] as [Int64] {
            let time = rules.earliestSubmissionTime(tokensClaimed: claim, lastProofTime: 1_000)
            #expect(claim <= Int64(time - 1_000) * 2000)
            #expect(claim > Int64(time - 1_001) * 2000)
        }
    }

    @Test("the deposit's token budget is deposit * 1000 / pricePerToken, in 256-bit arithmetic")
    func depositBudget() throws {
        // 0.15 ETH at 0.1 ETH per 1000 tokens pays for 1500 tokens (the product overflows 64 bits).
        #expect(
            SessionRunner.budget(deposit: U256(150_000_000_000_000_000), price: U256(100_000_000_000_000_000)) == 1500)
        #expect(
            SessionRunner.budget(deposit: U256(1_000_000_000_000_000_000), price: U256(1_000_000_000_000))
                == 1_000_000_000)
        #expect(SessionRunner.budget(deposit: U256(100), price: .zero) == nil)
    }

    @Test("random streams: contiguous ranges, interval claims, valid first and final claims", arguments: 1...40)
    func randomStreams(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        let interval = Int64(100 + random.next() % 2000)
        let budget: Int64? = random.next() % 3 == 0 ? Int64(interval + Int64(random.next() % 20_000)) : nil
        var tracker = CheckpointTracker(rules: CheckpointRules(proofInterval: interval, billableTokenLimit: budget))
        var plans: [CheckpointPlan] = []
        var generated: Int64 = 0
        for _ in 0..<Int(random.next() % 60) {
            let tokens = Int64(random.next() % 900)
            generated += tokens
            plans += try tracker.record(tokens: tokens)
        }
        if let final = tracker.finish() { plans.append(final) }
        var end: Int64 = 0
        for (position, plan) in plans.enumerated() {
            #expect(plan.index == Int64(position))
            #expect(plan.tokenStart == end)
            end = plan.tokenEnd
            #expect(plan.tokensClaimed >= 100)
            if position == 0 { #expect(plan.tokensClaimed >= max(100, interval)) }
            if !plan.isFinal, budget == nil { #expect(plan.tokensClaimed == interval) }
            if position > 0, budget == nil { #expect(plan.tokensClaimed == plan.generatedTokens) }
        }
        #expect(tracker.claimedTokens == plans.reduce(0) { $0 + $1.tokensClaimed })
        if let budget { #expect(tracker.claimedTokens <= budget) }
        #expect(tracker.generatedTokens == generated)
        if budget == nil {
            #expect(tracker.unbilledTokens == generated - end)
            #expect(tracker.unbilledTokens < (plans.isEmpty ? 1 : 100))
        }
    }
}

typealias SplitMix = SplitMix64
