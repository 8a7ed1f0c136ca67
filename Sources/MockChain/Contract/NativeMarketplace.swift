import Ethereum

/// The JobMarketplace contract executed natively: the rules, revert strings (in order), events and
/// payments of `devchain/contracts/JobMarketplace.vy`, which implements the Fabstir surface.
///
/// A call is evaluated without touching storage: the result carries the writes, the logs and the
/// transfers, which the chain applies only when the transaction's gas suffices.
enum NativeMarketplace {
    /// The longest string a CID argument may have (the Vyper contract's `String[1024]`).
    static let maxStringBytes = 1024
    static let minDeposit = U256(100_000_000_000_000)  // 1e14 wei
    static let minTokens = U256(100)
    static let minProofInterval = U256(100)
    static let maxDuration = U256(365 * 86_400)
    static let minProofTimeout = U256(60)
    static let maxProofTimeout = U256(3_600)
    static let tokensPerSecond = U256(2_000)
    static let priceUnit = U256(1_000)
    static let basisPoints = U256(10_000)

    /// The call's environment.
    struct Context {
        var sender: EthereumAddress
        var value: U256
        var timestamp: UInt64
        var contract: EthereumAddress
    }

    /// Runs one call against `state` (read-only) and returns what it did.
    static func execute(_ data: [UInt8], context: Context, state: MarketplaceState) -> MarketplaceOutcome {
        // Vyper: no fallback function, so empty or unknown call data reverts without data.
        guard data.count >= 4 else { return .revert(nil) }
        let selector = Array(data[0..<4])
        let body = Array(data[4...])
        func args(_ signature: ABIFunctionSignature) -> [ABIValue]? {
            try? ABICodec.decode(signature.inputs, from: body)  // malformed call data reverts, as in Vyper
        }
        let payable = selector == MarketplaceABI.create.selector
        if !payable && !context.value.isZero { return .revert(nil) }  // non-payable function sent value
        switch selector {
        case MarketplaceABI.create.selector:
            guard let a = args(MarketplaceABI.create) else { return .revert(nil) }
            return createSession(a, context: context, state: state)
        case MarketplaceABI.submit.selector:
            guard let a = args(MarketplaceABI.submit) else { return .revert(nil) }
            return submitProof(a, context: context, state: state)
        case MarketplaceABI.complete.selector:
            guard let a = args(MarketplaceABI.complete) else { return .revert(nil) }
            return complete(a, context: context, state: state)
        case MarketplaceABI.timeout.selector:
            guard let a = args(MarketplaceABI.timeout) else { return .revert(nil) }
            return timeout(a, context: context, state: state)
        default:
            return view(selector: selector, body: body, state: state)
        }
    }

    // MARK: - createSessionJobForModel

    static func createSession(_ a: [ABIValue], context: Context, state: MarketplaceState) -> MarketplaceOutcome {
        guard case .address(let host) = a[0], case .fixedBytes(let modelId) = a[1], case .uint(let price) = a[2],
            case .uint(let duration) = a[3], case .uint(let interval) = a[4], case .uint(let proofTimeout) = a[5]
        else { return .revert(nil) }
        let deposit = context.value
        guard deposit >= minDeposit else { return .revert("Low deposit") }
        guard !price.isZero else { return .revert("Bad price") }
        guard !duration.isZero, duration <= maxDuration else { return .revert("Bad dur") }
        guard interval >= minProofInterval else { return .revert("Low interval") }
        guard proofTimeout >= minProofTimeout, proofTimeout <= maxProofTimeout else { return .revert("Bad timeout") }
        guard host != .zero else { return .revert("No host") }
        let (scaled, overflow) = deposit.multipliedReportingOverflow(by: priceUnit)
        guard !overflow else { return .revert(nil) }
        guard scaled / price >= interval else { return .revert("Low deposit") }

        let jobId = state.nextJobId
        let now = U256(context.timestamp)
        var session = MarketplaceSession()
        session.id = jobId
        session.depositor = context.sender
        session.host = host
        session.deposit = deposit
        session.pricePerToken = price
        session.maxDuration = duration
        session.startTime = now
        session.lastProofTime = now
        session.proofInterval = interval
        session.proofTimeoutWindow = proofTimeout
        let log = LogEntry(
            address: context.contract,
            topics: [
                MarketplaceABI.sessionCreatedTopic, MarketplaceABI.topic(jobId), MarketplaceABI.topic(context.sender),
                MarketplaceABI.topic(host),
            ],
            data: MarketplaceABI.encode(
                [.fixedBytes(modelId), .uint(deposit)], [MarketplaceABI.b32, MarketplaceABI.u256]))
        let gas =
            GasSchedule.callOverhead + GasSchedule.coldRead + GasSchedule.updateSlot + 10 * GasSchedule.newSlot
            + GasSchedule.logCost(log)
        var outcome = MarketplaceOutcome(
            success: true, output: MarketplaceABI.topic(jobId), gas: gas, logs: [log])
        outcome.writes.session = session
        outcome.writes.nextJobId = jobId + U256(1)
        return outcome
    }

    // MARK: - submitProofOfWork

    static func submitProof(_ a: [ABIValue], context: Context, state: MarketplaceState) -> MarketplaceOutcome {
        guard case .uint(let jobId) = a[0], case .uint(let tokens) = a[1], case .fixedBytes(let proofHash) = a[2],
            case .string(let proofCID) = a[3], case .string(let deltaCID) = a[4]
        else { return .revert(nil) }
        guard proofCID.utf8.count <= maxStringBytes, deltaCID.utf8.count <= maxStringBytes else { return .revert(nil) }
        var job = state.session(jobId)
        guard !job.id.isZero, job.status == 0 else { return .revert("Not active") }
        guard context.sender == job.host else { return .revert("Not host") }
        guard tokens >= minTokens else { return .revert("Min tokens") }
        if job.tokensUsed.isZero {
            guard tokens >= job.proofInterval else { return .revert("Low first") }
        }
        let now = U256(context.timestamp)
        let elapsed = now.subtractingReportingOverflow(job.lastProofTime)
        guard !elapsed.overflow else { return .revert(nil) }
        let (allowance, allowanceOverflow) = elapsed.partialValue.multipliedReportingOverflow(by: tokensPerSecond)
        guard !allowanceOverflow else { return .revert(nil) }  // Vyper's checked arithmetic
        guard tokens <= allowance else { return .revert("Too many") }
        let (total, totalOverflow) = job.tokensUsed.addingReportingOverflow(tokens)
        guard !totalOverflow else { return .revert(nil) }
        guard total <= job.deposit * priceUnit / job.pricePerToken else { return .revert("Exceeds deposit") }
        guard !state.usedProofHashes.contains(proofHash) else { return .revert("Proof already used") }

        let first = job.tokensUsed.isZero
        let hadHash = job.lastProofHash.contains(where: { $0 != 0 })
        let hadCID = !job.lastProofCID.isEmpty
        job.tokensUsed = total
        job.lastProofTime = now
        job.lastProofHash = proofHash
        job.lastProofCID = proofCID
        let index = state.proofs[jobId]?.count ?? 0
        let log = LogEntry(
            address: context.contract,
            topics: [
                MarketplaceABI.proofSubmittedTopic, MarketplaceABI.topic(jobId), MarketplaceABI.topic(context.sender),
            ],
            data: MarketplaceABI.encode(
                [.uint(tokens), .fixedBytes(proofHash), .string(proofCID), .string(deltaCID)],
                [MarketplaceABI.u256, MarketplaceABI.b32, .string, .string]))
        var gas = GasSchedule.callOverhead + 4 * GasSchedule.coldRead + GasSchedule.newSlot  // usedProofHashes
        gas += first ? GasSchedule.newSlot : GasSchedule.updateSlot  // tokensUsed
        gas += GasSchedule.updateSlot  // lastProofTime
        gas += hadHash ? GasSchedule.updateSlot : GasSchedule.newSlot  // lastProofHash
        gas += GasSchedule.stringStorage(length: proofCID.utf8.count, fresh: !hadCID)  // lastProofCID
        gas += 3 * GasSchedule.newSlot  // proof record: hash, tokens, timestamp
        gas +=
            deltaCID.isEmpty
            ? GasSchedule.coldRead : GasSchedule.stringStorage(length: deltaCID.utf8.count, fresh: true)
        gas += index == 0 ? GasSchedule.newSlot : GasSchedule.updateSlot  // proofCount
        gas += GasSchedule.logCost(log)
        var outcome = MarketplaceOutcome(success: true, output: [], gas: gas, logs: [log])
        outcome.writes.session = job
        outcome.writes.usedHash = proofHash
        outcome.writes.proof = (
            jobId, MarketplaceProof(proofHash: proofHash, tokensClaimed: tokens, timestamp: now, deltaCID: deltaCID)
        )
        return outcome
    }
}
