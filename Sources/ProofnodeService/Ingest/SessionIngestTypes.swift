/// `POST /v1/sessions`: a session the host serves.
public struct SessionRegistration: Sendable, Equatable {
    /// The on-chain job id.
    public var jobID: UInt64
    /// The model's identifier (as registered on-chain, or the model file's name).
    public var modelID: String
    /// The chain the job lives on (must be the configured chain).
    public var chainID: UInt64
    /// Tokens per checkpoint, when the client knows it; nil: read `proofInterval` from the chain.
    public var proofInterval: UInt64?

    /// Creates a registration.
    public init(jobID: UInt64, modelID: String, chainID: UInt64, proofInterval: UInt64? = nil) {
        self.jobID = jobID
        self.modelID = modelID
        self.chainID = chainID
        self.proofInterval = proofInterval
    }
}

/// `POST /v1/sessions/{job}/tokens`: one segment of inference output.
public struct TokenSegment: Sendable, Equatable {
    /// The job.
    public var jobID: UInt64
    /// The segment's position in the session: 0, 1, 2, … (retries repeat a number).
    public var sequence: UInt64
    /// Prompt text this segment adds (the user's message), possibly empty.
    public var prompt: String
    /// Output text this segment adds, possibly empty.
    public var response: String
    /// Tokens generated in this segment (> 0).
    public var tokens: UInt64

    /// Creates a segment.
    public init(jobID: UInt64, sequence: UInt64, prompt: String, response: String, tokens: UInt64) {
        self.jobID = jobID
        self.sequence = sequence
        self.prompt = prompt
        self.response = response
        self.tokens = tokens
    }
}

/// `POST /v1/sessions/{job}/complete`.
public struct SessionCompletion: Sendable, Equatable {
    /// The job.
    public var jobID: UInt64
    /// The client's total token count, when it sends one: the pipeline refuses to complete on a
    /// mismatch (`.sequenceConflict`), which catches lost segments.
    public var expectedTotalTokens: UInt64?

    /// Creates a completion request.
    public init(jobID: UInt64, expectedTotalTokens: UInt64? = nil) {
        self.jobID = jobID
        self.expectedTotalTokens = expectedTotalTokens
    }
}

/// What ``SessionIngest/append(_:)`` returns once a segment is durable. In JSON, `jobId` is a decimal
/// string (job ids exceed 2^53).
public struct SegmentReceipt: Sendable, Equatable, Encodable {
    /// The job.
    public var jobID: UInt64
    /// The accepted segment's sequence number.
    public var sequence: UInt64
    /// Tokens accepted so far in the session, this segment included.
    public var totalTokens: UInt64
    /// Checkpoints due so far (proved or queued).
    public var checkpointsDue: UInt64
    /// Whether this was a repeat of an already accepted segment.
    public var duplicate: Bool

    /// Creates a receipt.
    public init(jobID: UInt64, sequence: UInt64, totalTokens: UInt64, checkpointsDue: UInt64, duplicate: Bool) {
        self.jobID = jobID
        self.sequence = sequence
        self.totalTokens = totalTokens
        self.checkpointsDue = checkpointsDue
        self.duplicate = duplicate
    }

    private enum CodingKeys: String, CodingKey {
        case jobId, sequence, totalTokens, checkpointsDue, duplicate
    }

    /// Encodes with `jobId` as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(jobID), forKey: .jobId)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encode(checkpointsDue, forKey: .checkpointsDue)
        try container.encode(duplicate, forKey: .duplicate)
    }
}

/// The pipeline's view of a session. In JSON, `jobId` is a decimal string.
public struct SessionIngestState: Sendable, Equatable, Encodable {
    /// The job.
    public var jobID: UInt64
    /// `open`, `completing`, `settling`, `settled`, `disputed`, … (the pipeline's words).
    public var phase: String
    /// The next expected segment sequence number.
    public var nextSequence: UInt64
    /// Tokens accepted so far.
    public var totalTokens: UInt64
    /// Checkpoints due so far.
    public var checkpointsDue: UInt64
    /// The proof interval in tokens.
    public var proofInterval: UInt64

    /// Creates a state.
    public init(
        jobID: UInt64, phase: String, nextSequence: UInt64, totalTokens: UInt64, checkpointsDue: UInt64,
        proofInterval: UInt64
    ) {
        self.jobID = jobID
        self.phase = phase
        self.nextSequence = nextSequence
        self.totalTokens = totalTokens
        self.checkpointsDue = checkpointsDue
        self.proofInterval = proofInterval
    }

    private enum CodingKeys: String, CodingKey {
        case jobId, phase, nextSequence, totalTokens, checkpointsDue, proofInterval
    }

    /// Encodes with `jobId` as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(jobID), forKey: .jobId)
        try container.encode(phase, forKey: .phase)
        try container.encode(nextSequence, forKey: .nextSequence)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encode(checkpointsDue, forKey: .checkpointsDue)
        try container.encode(proofInterval, forKey: .proofInterval)
    }
}

/// Why the pipeline refused a request. The HTTP layer maps each code to a status (docs/API.md).
public struct SessionIngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of refusal. A struct over strings so that new kinds do not break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String
        /// Creates a code.
        public init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// No such session (HTTP 404).
        public static let unknownSession = Code("unknownSession")
        /// The session exists with other values (HTTP 409).
        public static let sessionConflict = Code("sessionConflict")
        /// A sequence gap, a changed repeat, or a total that does not match (HTTP 409).
        public static let sequenceConflict = Code("sequenceConflict")
        /// The session no longer accepts segments (completed, settled, timed out) (HTTP 409).
        public static let sessionClosed = Code("sessionClosed")
        /// The request is well-formed but not acceptable, e.g. another chain (HTTP 422).
        public static let rejected = Code("rejected")
        /// The pipeline cannot accept work now (store or chain down, shutting down) (HTTP 503).
        public static let unavailable = Code("unavailable")
        /// Too much work is queued (checkpoints waiting for the prover); retry after a short wait
        /// (HTTP 503 with `Retry-After`).
        public static let overloaded = Code("overloaded")
    }

    /// What kind of refusal.
    public let code: Code
    /// What is wrong and what to do (sent to the client: never a secret).
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `SessionIngestError.code: message`.
    public var description: String { "SessionIngestError.\(code): \(message)" }
}
