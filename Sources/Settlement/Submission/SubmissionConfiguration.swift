/// How the checkpoint submitter behaves.
public struct SubmissionConfiguration: Sendable {
    /// Whether each checkpoint gets a signed conversation delta whose CID goes on-chain as `deltaCID`
    /// (default true); when false `deltaCID` is `""`.
    public var deltasEnabled: Bool
    /// Whether to wait for chain time before sending so that the rate rule holds (default true; tests
    /// of the "Too many" revert turn it off).
    public var pacesSubmissions: Bool
    /// Whether prompt and response text is kept in the audit store (under its retention; default true).
    public var keepsText: Bool
    /// Backoff between attempts while the node is unreachable or failing transiently.
    public var retryDelay: RetryDelay
    /// The longest outage the submitter waits out for one checkpoint before giving up with
    /// ``SubmissionError/Code/nodeUnavailable`` (the checkpoint stays resumable).
    public var maximumOutage: Duration

    /// Exponential backoff bounds.
    public struct RetryDelay: Sendable, Equatable {
        /// The first delay.
        public var initial: Duration
        /// The largest delay.
        public var maximum: Duration
        /// Creates bounds.
        public init(initial: Duration = .milliseconds(200), maximum: Duration = .seconds(5)) {
            self.initial = initial
            self.maximum = max(initial, maximum)
        }

        /// The delay before attempt `attempt` (1 for the first retry).
        public func delay(attempt: Int) -> Duration {
            var delay = initial
            for _ in 1..<max(1, attempt) where delay < maximum { delay = delay * 2 }
            return min(delay, maximum)
        }
    }

    /// Creates a configuration.
    /// - Parameters:
    ///   - deltasEnabled: Sign and store deltas (default true).
    ///   - pacesSubmissions: Respect the rate rule by waiting (default true).
    ///   - keepsText: Keep prompt/response text (default true).
    ///   - retryDelay: Backoff bounds (default 200 ms doubling to 5 s).
    ///   - maximumOutage: Outage budget per checkpoint (default 10 minutes).
    public init(
        deltasEnabled: Bool = true, pacesSubmissions: Bool = true, keepsText: Bool = true,
        retryDelay: RetryDelay = RetryDelay(), maximumOutage: Duration = .seconds(600)
    ) {
        self.deltasEnabled = deltasEnabled
        self.pacesSubmissions = pacesSubmissions
        self.keepsText = keepsText
        self.retryDelay = retryDelay
        self.maximumOutage = maximumOutage
    }
}

/// A step of a checkpoint's submission, reported to the submitter's observer as it completes.
public struct SubmissionStep: Hashable, Sendable, CustomStringConvertible {
    /// The step's stable name (as in `PROOFNODE_TEST_PAUSE_AT`).
    public let name: String
    /// Creates a step.
    public init(_ name: String) { self.name = name }
    /// The step's name.
    public var description: String { name }

    /// The proof, checkpoint (and delta) are durable in the audit store.
    public static let stored = SubmissionStep("after-store")
    /// The signed transaction is durable in the audit store; it has not been broadcast yet.
    public static let persisted = SubmissionStep("after-persist")
    /// The node accepted the transaction; its receipt has not been recorded yet.
    public static let broadcast = SubmissionStep("after-broadcast")
    /// The receipt is recorded: the checkpoint is confirmed.
    public static let confirmed = SubmissionStep("after-confirm")
}

/// One completed step: which checkpoint, and the transaction once there is one.
public struct SubmissionEvent: Sendable, Hashable {
    /// The step.
    public var step: SubmissionStep
    /// The job.
    public var jobID: String
    /// The checkpoint.
    public var checkpointIndex: Int64
    /// The transaction hash (0x-hex), from ``SubmissionStep/persisted`` on.
    public var transactionHash: String?
}

/// Told about every completed step (e.g. for progress output or fault injection in crash tests).
public typealias SubmissionObserver = @Sendable (SubmissionEvent) async -> Void
