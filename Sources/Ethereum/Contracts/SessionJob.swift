/// A session as the `sessionJobs(uint256)` getter returns it.
public struct SessionJob: Sendable, Hashable {
    /// A session's state.
    public enum Status: Sendable, Hashable {
        /// Accepting proofs.
        case active
        /// Completed and paid.
        case completed
        /// Ended by `triggerSessionTimeout`.
        case timedOut
        /// A status value this client does not know.
        case other(UInt8)

        init(_ value: UInt8) {
            switch value {
            case 0: self = .active
            case 1: self = .completed
            case 2: self = .timedOut
            default: self = .other(value)
            }
        }
    }

    /// The job id.
    public var id: U256
    /// Who paid the deposit.
    public var depositor: EthereumAddress
    /// The host who serves the session and submits proofs.
    public var host: EthereumAddress
    /// The payment token (the zero address for native ETH).
    public var paymentToken: EthereumAddress
    /// The deposit.
    public var deposit: U256
    /// The price per 1000 tokens.
    public var pricePerToken: U256
    /// Tokens claimed by proofs so far.
    public var tokensUsed: U256
    /// The session's maximum duration in seconds.
    public var maxDuration: U256
    /// When the session started (chain time).
    public var startTime: U256
    /// When the last proof was submitted (starts at ``startTime``).
    public var lastProofTime: U256
    /// The minimum tokens of the first proof.
    public var proofInterval: U256
    /// Seconds without a proof after which anyone may time the session out.
    public var proofTimeoutWindow: U256
    /// The state.
    public var status: Status
    /// What the host has withdrawn.
    public var withdrawnByHost: U256
    /// What the depositor got back.
    public var refundedToUser: U256
    /// The conversation record's CID, set on completion.
    public var conversationCID: String
    /// The last proof's hash.
    public var lastProofHash: [UInt8]
    /// The last proof's CID; empty on older deployments, whose getter returns 17 values.
    public var lastProofCID: String

    /// The getter's 18 outputs, in order (older deployments lack the last, `lastProofCID`).
    static let outputs: [(name: String, type: ABIType)] = [
        ("id", .uint(256)), ("depositor", .address), ("host", .address), ("paymentToken", .address),
        ("deposit", .uint(256)), ("pricePerToken", .uint(256)), ("tokensUsed", .uint(256)),
        ("maxDuration", .uint(256)), ("startTime", .uint(256)), ("lastProofTime", .uint(256)),
        ("proofInterval", .uint(256)), ("proofTimeoutWindow", .uint(256)), ("status", .uint(8)),
        ("withdrawnByHost", .uint(256)), ("refundedToUser", .uint(256)), ("conversationCID", .string),
        ("lastProofHash", .fixedBytes(32)), ("lastProofCID", .string),
    ]

    /// Decodes the getter's return data: the 18-value form, or the older 17-value form.
    /// - Throws: ``EthereumError`` when neither form decodes.
    public init(returnData data: [UInt8]) throws {
        let types = Self.outputs.map(\.type)
        let values: [ABIValue]
        do {
            values = try ABICodec.decode(types, from: data)
        } catch {
            values = try ABICodec.decode(Array(types.dropLast()), from: data) + [.string("")]
        }
        id = try values[0].uintValue()
        depositor = try values[1].addressValue()
        host = try values[2].addressValue()
        paymentToken = try values[3].addressValue()
        deposit = try values[4].uintValue()
        pricePerToken = try values[5].uintValue()
        tokensUsed = try values[6].uintValue()
        maxDuration = try values[7].uintValue()
        startTime = try values[8].uintValue()
        lastProofTime = try values[9].uintValue()
        proofInterval = try values[10].uintValue()
        proofTimeoutWindow = try values[11].uintValue()
        status = Status(UInt8(truncatingIfNeeded: try values[12].uintValue().uint64 ?? 255))
        withdrawnByHost = try values[13].uintValue()
        refundedToUser = try values[14].uintValue()
        conversationCID = try values[15].stringValue()
        lastProofHash = try values[16].bytesValue()
        lastProofCID = try values[17].stringValue()
    }
}

/// One proof as `getProofSubmission(sessionId, proofIndex)` returns it.
public struct ProofSubmission: Sendable, Hashable {
    /// The proof's hash (SHA-256 of the proof bytes).
    public var proofHash: [UInt8]
    /// The tokens it claimed.
    public var tokensClaimed: U256
    /// When it was submitted (chain time).
    public var timestamp: U256
    /// Whether the contract marked it verified.
    public var verified: Bool
    /// The signed conversation delta's CID (may be empty).
    public var deltaCID: String

    /// Decodes the getter's return data.
    /// - Throws: ``EthereumError`` when it does not decode.
    public init(returnData data: [UInt8]) throws {
        let values = try ABICodec.decode([.fixedBytes(32), .uint(256), .uint(256), .bool, .string], from: data)
        proofHash = try values[0].bytesValue()
        tokensClaimed = try values[1].uintValue()
        timestamp = try values[2].uintValue()
        verified = try values[3].boolValue()
        deltaCID = try values[4].stringValue()
    }
}
