/// A JobMarketplace event log, decoded into typed fields.
public enum JobMarketplaceEvent: Sendable, Hashable {
    /// `ProofSubmitted(uint256 indexed jobId, address indexed host, uint256 tokensClaimed, bytes32
    /// proofHash, string proofCID, string deltaCID)`.
    case proofSubmitted(
        jobId: U256, host: EthereumAddress, tokensClaimed: U256, proofHash: [UInt8], proofCID: String,
        deltaCID: String)
    /// `SessionJobCreatedForModel(uint256 indexed jobId, address indexed depositor, address indexed
    /// host, bytes32 modelId, uint256 deposit)`.
    case sessionJobCreatedForModel(
        jobId: U256, depositor: EthereumAddress, host: EthereumAddress, modelId: [UInt8], deposit: U256)
    /// `SessionCompleted(uint256 indexed jobId, uint256 totalTokensUsed, uint256 hostEarnings, uint256 userRefund)`.
    case sessionCompleted(jobId: U256, totalTokensUsed: U256, hostEarnings: U256, userRefund: U256)
    /// `SessionCompletedBy(uint256 indexed jobId, address indexed completedBy, uint256 tokensUsed,
    /// uint256 paymentAmount, uint256 refundAmount)`.
    case sessionCompletedBy(
        jobId: U256, completedBy: EthereumAddress, tokensUsed: U256, paymentAmount: U256, refundAmount: U256)
    /// `SessionTimedOut(uint256 indexed jobId, uint256 hostEarnings, uint256 userRefund)`.
    case sessionTimedOut(jobId: U256, hostEarnings: U256, userRefund: U256)

    /// The job the event is about.
    public var jobId: U256 {
        switch self {
        case .proofSubmitted(let jobId, _, _, _, _, _), .sessionJobCreatedForModel(let jobId, _, _, _, _),
            .sessionCompleted(let jobId, _, _, _), .sessionCompletedBy(let jobId, _, _, _, _),
            .sessionTimedOut(let jobId, _, _):
            return jobId
        }
    }

    /// Decodes `log` with the JobMarketplace ABI.
    /// - Returns: the event, or nil when topic 0 is not one of the five events.
    /// - Throws: ``JobMarketplaceError/Code/invalidResponse`` for a known event whose topics or data
    ///   do not decode.
    public static func decode(
        _ log: EthereumLog, abi: ContractABI = JobMarketplace.standardABI
    ) throws(JobMarketplaceError) -> JobMarketplaceEvent? {
        guard let first = log.topics.first, let event = abi.events.first(where: { $0.topic == first.bytes }) else {
            return nil
        }
        do {
            let decoded = try event.decodeLog(topics: log.topics.map(\.bytes), data: log.data)
            let v = decoded.values
            switch event.name {
            case "ProofSubmitted":
                return .proofSubmitted(
                    jobId: try v[0].uintValue(), host: try v[1].addressValue(), tokensClaimed: try v[2].uintValue(),
                    proofHash: try v[3].bytesValue(), proofCID: try v[4].stringValue(), deltaCID: try v[5].stringValue()
                )
            case "SessionJobCreatedForModel":
                return .sessionJobCreatedForModel(
                    jobId: try v[0].uintValue(), depositor: try v[1].addressValue(), host: try v[2].addressValue(),
                    modelId: try v[3].bytesValue(), deposit: try v[4].uintValue())
            case "SessionCompleted":
                return .sessionCompleted(
                    jobId: try v[0].uintValue(), totalTokensUsed: try v[1].uintValue(),
                    hostEarnings: try v[2].uintValue(), userRefund: try v[3].uintValue())
            case "SessionCompletedBy":
                return .sessionCompletedBy(
                    jobId: try v[0].uintValue(), completedBy: try v[1].addressValue(), tokensUsed: try v[2].uintValue(),
                    paymentAmount: try v[3].uintValue(), refundAmount: try v[4].uintValue())
            case "SessionTimedOut":
                return .sessionTimedOut(
                    jobId: try v[0].uintValue(), hostEarnings: try v[1].uintValue(), userRefund: try v[2].uintValue())
            default:
                return nil
            }
        } catch {
            throw JobMarketplaceError(.invalidResponse, "a \(event.name) log does not decode: \(error)")
        }
    }
}
