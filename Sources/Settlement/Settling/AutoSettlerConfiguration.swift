import Foundation

/// How the auto-settler waits and retries.
public struct AutoSettlerConfiguration: Sendable, Equatable {
    /// The dispute window in seconds instead of the chain's `disputeWindow()` (`DISPUTE_WINDOW_SECONDS`).
    public var disputeWindowOverride: UInt64?
    /// Seconds waited beyond the dispute window (Fabstir waits 5).
    public var margin: UInt64
    /// How many times a "Dispute wait" revert is retried before giving up.
    public var disputeWaitRetries: Int
    /// The first backoff after "Dispute wait", in seconds; doubled per retry up to ``maximumBackoff``.
    public var initialBackoff: UInt64
    /// The longest backoff, in seconds.
    public var maximumBackoff: UInt64
    /// Test-only: where to block so a test can kill the process (see ``SettlementPausePoint``).
    public var pausePoint: SettlementPausePoint?

    /// Creates a configuration.
    /// - Parameters:
    ///   - disputeWindowOverride: Window override in seconds (nil: ask the chain).
    ///   - margin: Extra seconds after the window (default 5).
    ///   - disputeWaitRetries: Retries on "Dispute wait" (default 8).
    ///   - initialBackoff: First backoff in seconds (default 2).
    ///   - maximumBackoff: Longest backoff in seconds (default 60).
    ///   - pausePoint: Test-only pause point (default none).
    public init(
        disputeWindowOverride: UInt64? = nil, margin: UInt64 = 5, disputeWaitRetries: Int = 8,
        initialBackoff: UInt64 = 2, maximumBackoff: UInt64 = 60, pausePoint: SettlementPausePoint? = nil
    ) {
        self.disputeWindowOverride = disputeWindowOverride
        self.margin = margin
        self.disputeWaitRetries = disputeWaitRetries
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.pausePoint = pausePoint
    }

    /// The defaults, with `DISPUTE_WINDOW_SECONDS` and `PROOFNODE_TEST_PAUSE_AT` read from `environment`.
    /// - Parameter environment: The environment (e.g. `ProcessInfo.processInfo.environment`).
    /// - Throws: ``SettlerError/Code/invalidConfiguration`` for a window that is not a whole number.
    public init(environment: [String: String]) throws(SettlerError) {
        self.init(pausePoint: SettlementPausePoint.fromEnvironment(environment))
        if let text = environment["DISPUTE_WINDOW_SECONDS"], !text.isEmpty {
            guard let seconds = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                throw SettlerError(
                    .invalidConfiguration, "DISPUTE_WINDOW_SECONDS=\(text) is not a whole number of seconds")
            }
            disputeWindowOverride = seconds
        }
    }
}
