import Ethereum

/// Waits until chain time lets a claim pass the contract's rate rule, instead of provoking "Too many".
///
/// The chain's time is its latest block's timestamp. On a real chain the pacer sleeps (through the
/// injected sleeper) and looks again; on a dev chain with a manual clock (the MockChain harness,
/// `devchain --manual-clock`) it can instead move chain time forward (`evm_increaseTime` + `evm_mine`),
/// since waiting would never end there.
public struct SubmissionPacer: Sendable {
    /// Reads the chain's current time (the latest block's timestamp, Unix seconds).
    public typealias ChainTime = @Sendable () async throws -> UInt64
    /// Moves a dev chain's clock forward by the given seconds and mines a block.
    public typealias ClockAdvance = @Sendable (UInt64) async throws -> Void
    /// Sleeps for a duration (injectable so that tests do not sleep in real time).
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    private let chainTime: ChainTime
    private let advance: ClockAdvance?
    private let sleep: Sleeper
    /// The most the pacer waits in total before giving up (a chain whose time does not move).
    public let maximumWait: Duration

    /// A pacer over explicit functions.
    /// - Parameters:
    ///   - chainTime: Reads the chain's time.
    ///   - advance: Moves a dev chain's clock (nil on real chains: the pacer sleeps).
    ///   - sleep: The sleeper (default `Task.sleep`).
    ///   - maximumWait: The total waiting budget (default 10 minutes).
    public init(
        chainTime: @escaping ChainTime, advance: ClockAdvance? = nil,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) }, maximumWait: Duration = .seconds(600)
    ) {
        self.chainTime = chainTime
        self.advance = advance
        self.sleep = sleep
        self.maximumWait = maximumWait
    }

    /// A pacer reading the latest block of `client`; with `advancingDevClock` it moves the chain's clock
    /// with `evm_increaseTime`/`evm_mine` instead of sleeping (dev chains only).
    public static func chain(
        _ client: EthereumClient, advancingDevClock: Bool = false,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) }
    ) -> SubmissionPacer {
        let read: ChainTime = { () async throws -> UInt64 in try await latestTimestamp(client) }
        var advance: ClockAdvance?
        if advancingDevClock {
            advance = { (seconds: UInt64) async throws -> Void in try await advanceClock(client, seconds) }
        }
        return SubmissionPacer(chainTime: read, advance: advance, sleep: sleep)
    }

    /// The latest block's timestamp.
    static func latestTimestamp(_ client: EthereumClient) async throws -> UInt64 {
        guard let block = try await client.block(.latest) else {
            throw SubmissionError(.transactionFailed, "the node has no latest block")
        }
        return block.timestamp
    }

    /// `evm_increaseTime(seconds)` then `evm_mine`.
    static func advanceClock(_ client: EthereumClient, _ seconds: UInt64) async throws {
        _ = try await client.increaseTime(seconds: seconds)
        _ = try await client.mine()
    }

    /// Returns once the chain's time is at least `target`.
    /// - Returns: The chain time seen last (at least `target`).
    /// - Throws: ``SubmissionError/Code/transactionFailed`` when the waiting budget is used up; the
    ///   chain-time reader's or sleeper's errors (e.g. cancellation).
    @discardableResult
    public func waitUntil(chainTime target: UInt64) async throws -> UInt64 {
        var waited: Duration = .zero
        while true {
            let now = try await chainTime()
            if now >= target { return now }
            let gap = target - now
            if let advance {
                try await advance(gap)
                continue
            }
            guard waited < maximumWait else {
                throw SubmissionError(
                    .transactionFailed,
                    "chain time stayed at \(now), below \(target), for \(maximumWait); is the chain producing "
                        + "blocks? (use --advance-dev-clock on a manual-clock dev chain)")
            }
            let step = Duration.seconds(Int64(min(gap, 30)))
            try await sleep(step)
            waited += step
        }
    }
}
