import Foundation

/// One stored token segment of a session (the `token_segments` table).
public struct TokenSegmentRecord: Sendable, Equatable {
    /// The job.
    public var jobID: String
    /// The segment's per-session sequence number (0, 1, 2, …).
    public var sequence: Int64
    /// The SHA-256 of the segment's content as the caller defines it (32 bytes): a retry with the same
    /// hash is the same segment.
    public var contentHash: Data
    /// Prompt text the segment adds (possibly empty).
    public var promptText: String
    /// Response text the segment adds (possibly empty).
    public var responseText: String
    /// Tokens generated in the segment (> 0).
    public var tokens: Int64

    /// Creates a record.
    public init(
        jobID: String, sequence: Int64, contentHash: Data, promptText: String, responseText: String, tokens: Int64
    ) {
        self.jobID = jobID
        self.sequence = sequence
        self.contentHash = contentHash
        self.promptText = promptText
        self.responseText = responseText
        self.tokens = tokens
    }

    static let columns = "job_id, sequence, content_hash, prompt_text, response_text, tokens"

    init(row: SQLiteRow) throws {
        self.init(
            jobID: try row.string(0), sequence: try row.int64(1), contentHash: Data(try row.bytes(2)),
            promptText: try row.string(3), responseText: try row.string(4), tokens: try row.int64(5))
    }
}
