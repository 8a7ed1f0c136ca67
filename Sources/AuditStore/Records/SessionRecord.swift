import Foundation

/// An inference session the host serves: the on-chain job and the terms it was opened with.
///
/// Amounts and the job id are decimal strings because they are uint256 on-chain.
public struct SessionRecord: Sendable, Equatable, Codable {
    /// The on-chain job id (decimal).
    public var jobID: String
    /// The chain id the job lives on.
    public var chainID: Int64
    /// The JobMarketplace contract address (as the caller writes it, e.g. `0x…`).
    public var contractAddress: String
    /// The host address.
    public var hostAddress: String
    /// The model id (e.g. the bytes32 as hex).
    public var modelID: String
    /// Tokens between checkpoints.
    public var proofInterval: Int64
    /// Price per 1000 tokens, in wei (decimal).
    public var pricePerToken: String
    /// The deposit, in wei (decimal).
    public var deposit: String
    /// Where the session is.
    public var status: SessionStatus
    /// When the store recorded it.
    public var createdAt: Date

    /// Creates a session record.
    /// - Parameters:
    ///   - jobID: The job id (decimal).
    ///   - chainID: The chain id.
    ///   - contractAddress: The marketplace contract.
    ///   - hostAddress: The host.
    ///   - modelID: The model id.
    ///   - proofInterval: Tokens between checkpoints.
    ///   - pricePerToken: Price per 1000 tokens (decimal wei).
    ///   - deposit: Deposit (decimal wei).
    ///   - status: Initial status (default active).
    ///   - createdAt: Recording time (the store sets it on insert).
    public init(
        jobID: String, chainID: Int64, contractAddress: String, hostAddress: String, modelID: String,
        proofInterval: Int64, pricePerToken: String, deposit: String, status: SessionStatus = .active,
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.jobID = jobID
        self.chainID = chainID
        self.contractAddress = contractAddress
        self.hostAddress = hostAddress
        self.modelID = modelID
        self.proofInterval = proofInterval
        self.pricePerToken = pricePerToken
        self.deposit = deposit
        self.status = status
        self.createdAt = createdAt
    }

    static let columns =
        "job_id, chain_id, contract_address, host_address, model_id, proof_interval, price_per_token, deposit, "
        + "status, created_at_ms"

    init(row: SQLiteRow) throws {
        self.init(
            jobID: try row.string(0), chainID: try row.int64(1), contractAddress: try row.string(2),
            hostAddress: try row.string(3), modelID: try row.string(4), proofInterval: try row.int64(5),
            pricePerToken: try row.string(6), deposit: try row.string(7), status: SessionStatus(try row.string(8)),
            createdAt: try row.date(9))
    }
}

/// A half-open range of token positions `[start, end)` in the session's output.
public struct TokenRange: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The first token position.
    public var start: Int64
    /// One past the last token position.
    public var end: Int64

    /// Creates a range.
    /// - Parameters:
    ///   - start: First position.
    ///   - end: One past the last.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// `start..<end`.
    public var description: String { "\(start)..<\(end)" }
}
