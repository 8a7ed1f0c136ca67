import Ethereum

/// One session as JobMarketplace stores it (the 18 fields of `sessionJobs`).
public struct MarketplaceSession: Sendable, Hashable {
    /// The job id (0 = never created).
    public var id: U256 = .zero
    /// Who paid the deposit.
    public var depositor: EthereumAddress = .zero
    /// The host that may submit proofs.
    public var host: EthereumAddress = .zero
    /// The deposit in wei (ETH sessions only: `paymentToken` is always zero).
    public var deposit: U256 = .zero
    /// Wei per 1000 tokens.
    public var pricePerToken: U256 = .zero
    /// Tokens claimed so far.
    public var tokensUsed: U256 = .zero
    /// Seconds after `startTime` when anyone may time the session out.
    public var maxDuration: U256 = .zero
    /// The creation block's timestamp.
    public var startTime: U256 = .zero
    /// The timestamp of the last proof (starts at `startTime`).
    public var lastProofTime: U256 = .zero
    /// Tokens between checkpoints (the first proof must claim at least this many).
    public var proofInterval: U256 = .zero
    /// Seconds without a proof after which anyone may time the session out.
    public var proofTimeoutWindow: U256 = .zero
    /// 0 = active, 1 = completed, 2 = timed out.
    public var status: UInt8 = 0
    /// What the host was paid (payment − fee) at settlement.
    public var withdrawnByHost: U256 = .zero
    /// What the depositor got back at settlement.
    public var refundedToUser: U256 = .zero
    /// The CID given at completion.
    public var conversationCID: String = ""
    /// The last proof's hash (zeros before the first).
    public var lastProofHash: [UInt8] = [UInt8](repeating: 0, count: 32)
    /// The last proof's CID.
    public var lastProofCID: String = ""

    /// The 18 values of `sessionJobs(uint256)`, ABI-encoded as Solidity's struct getter returns them.
    var encoded: [UInt8] {
        let values: [ABIValue] = [
            .uint(id), .address(depositor), .address(host), .address(.zero), .uint(deposit), .uint(pricePerToken),
            .uint(tokensUsed), .uint(maxDuration), .uint(startTime), .uint(lastProofTime), .uint(proofInterval),
            .uint(proofTimeoutWindow), .uint(U256(UInt64(status))), .uint(withdrawnByHost), .uint(refundedToUser),
            .string(conversationCID), .fixedBytes(lastProofHash), .string(lastProofCID),
        ]
        return MarketplaceABI.encode(values, MarketplaceABI.sessionTypes)
    }
}

/// One stored proof submission (`getProofSubmission`).
public struct MarketplaceProof: Sendable, Hashable {
    /// The submitted hash.
    public var proofHash: [UInt8]
    /// Tokens claimed by this proof.
    public var tokensClaimed: U256
    /// The block timestamp of the submission.
    public var timestamp: U256
    /// The conversation delta's CID (may be empty).
    public var deltaCID: String
}

/// The whole storage of the native JobMarketplace.
public struct MarketplaceState: Sendable {
    /// Seconds after the last proof before the host may complete.
    public var disputeWindow: U256
    /// The treasury fee in basis points.
    public var feeBasisPoints: U256
    /// The treasury.
    public var treasury: EthereumAddress
    /// The id the next session gets (from 1).
    public var nextJobId: U256 = U256(1)
    /// Sessions by id.
    public var sessions: [U256: MarketplaceSession] = [:]
    /// Proofs by session id, in submission order.
    public var proofs: [U256: [MarketplaceProof]] = [:]
    /// Every proof hash ever submitted.
    public var usedProofHashes: Set<[UInt8]> = []

    /// The session `jobId`, or an all-zero session when it was never created.
    public func session(_ jobId: U256) -> MarketplaceSession { sessions[jobId] ?? MarketplaceSession() }
}

/// The writes of one successful contract call, applied only once its gas is known to suffice.
struct MarketplaceWrites: Sendable {
    /// The new value of one session.
    var session: MarketplaceSession?
    /// A proof appended to a session.
    var proof: (jobId: U256, proof: MarketplaceProof)?
    /// A proof hash to mark as used.
    var usedHash: [UInt8]?
    /// The new `nextJobId`.
    var nextJobId: U256?

    /// Applies the writes.
    func apply(to state: inout MarketplaceState) {
        if let session { state.sessions[session.id] = session }
        if let proof { state.proofs[proof.jobId, default: []].append(proof.proof) }
        if let usedHash { state.usedProofHashes.insert(usedHash) }
        if let nextJobId { state.nextJobId = nextJobId }
    }
}

/// What a call to the native contract did.
struct MarketplaceOutcome: Sendable {
    /// True unless it reverted.
    var success: Bool
    /// The return data, or the revert data.
    var output: [UInt8]
    /// The execution gas (on top of intrinsic gas).
    var gas: UInt64
    /// Logs emitted, in order.
    var logs: [LogEntry] = []
    /// Wei the contract sends out, in order (host, treasury, depositor).
    var transfers: [(to: EthereumAddress, amount: U256)] = []
    /// Storage writes.
    var writes = MarketplaceWrites()

    /// A revert with `Error(reason)` data, or with empty data when `reason` is nil.
    static func revert(_ reason: String?) -> MarketplaceOutcome {
        let data = reason.map { MarketplaceABI.errorData($0) } ?? []
        return MarketplaceOutcome(success: false, output: data, gas: GasSchedule.revertCharge)
    }
}
