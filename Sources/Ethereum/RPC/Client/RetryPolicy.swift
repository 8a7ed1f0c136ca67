import Foundation

/// When and how often the JSON-RPC client retries a request.
///
/// Only failures that say nothing about the request itself are retried: transport errors
/// (connection refused or broken, timeouts), HTTP 429 and HTTP 5xx (see ``RPCError/isRetryable``).
/// A JSON-RPC error object or a revert is the node's answer and is never retried.
///
/// The delay before retry *n* (1-based) is `initialDelay × multiplier^(n−1)`, capped at
/// `maximumDelay`, of which a random fraction up to `jitter` is taken away, so that many clients
/// failing together do not retry in lock-step. A server's `Retry-After` header (seconds) replaces the
/// computed delay when it is not longer than `maximumDelay`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, including the first; 1 means no retry.
    public var maximumAttempts: Int
    /// The delay before the first retry.
    public var initialDelay: Duration
    /// The longest delay between two attempts.
    public var maximumDelay: Duration
    /// The growth factor of the delay from one retry to the next.
    public var multiplier: Double
    /// The largest fraction (0…1) of a delay that jitter removes.
    public var jitter: Double

    /// Creates a policy; out-of-range values are clamped (at least one attempt, factor ≥ 1, jitter in 0…1).
    public init(
        maximumAttempts: Int, initialDelay: Duration, maximumDelay: Duration, multiplier: Double = 2,
        jitter: Double = 0.5
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = max(.zero, initialDelay)
        self.maximumDelay = max(self.initialDelay, maximumDelay)
        self.multiplier = multiplier.isFinite ? max(1, multiplier) : 2
        self.jitter = jitter.isFinite ? min(1, max(0, jitter)) : 0.5
    }

    /// Five attempts, 200 ms doubling to at most 5 s, up to half of each delay jittered away.
    public static let standard = RetryPolicy(
        maximumAttempts: 5, initialDelay: .milliseconds(200), maximumDelay: .seconds(5))

    /// One attempt, no retry.
    public static let never = RetryPolicy(maximumAttempts: 1, initialDelay: .zero, maximumDelay: .zero)

    /// The delay before retry number `retry` (1 for the first retry).
    /// - Parameters:
    ///   - retry: which retry this is, from 1.
    ///   - random: a number in 0..<1 choosing the jitter.
    ///   - retryAfterSeconds: the server's `Retry-After`, if it sent one.
    public func delay(beforeRetry retry: Int, random: Double, retryAfterSeconds: Double? = nil) -> Duration {
        let cap = Self.seconds(maximumDelay)
        if let retryAfterSeconds, retryAfterSeconds.isFinite, retryAfterSeconds >= 0, retryAfterSeconds <= cap {
            return .nanoseconds(Int64(retryAfterSeconds * 1e9))
        }
        let exponent = Double(max(0, retry - 1))
        let base = min(cap, Self.seconds(initialDelay) * Foundation.pow(multiplier, exponent))
        let fraction = min(1, max(0, random.isFinite ? random : 0))
        let seconds = base * (1 - jitter * fraction)
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
