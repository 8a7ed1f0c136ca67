import Ethereum

extension NativeMarketplace {
    // MARK: - completeSessionJob

    static func complete(_ a: [ABIValue], context: Context, state: MarketplaceState) -> MarketplaceOutcome {
        guard case .uint(let jobId) = a[0], case .string(let conversationCID) = a[1] else { return .revert(nil) }
        guard conversationCID.utf8.count <= maxStringBytes else { return .revert(nil) }
        var job = state.session(jobId)
        guard !job.id.isZero, job.status == 0 else { return .revert("Not active") }
        guard context.sender == job.depositor || context.sender == job.host else {
            return .revert("Not depositor or host")
        }
        if context.sender != job.depositor {
            let (ready, overflow) = job.lastProofTime.addingReportingOverflow(state.disputeWindow)
            guard !overflow else { return .revert(nil) }
            guard U256(context.timestamp) >= ready else { return .revert("Dispute wait") }
        }
        job.conversationCID = conversationCID
        guard var outcome = settle(&job, status: 1, context: context, state: state) else { return .revert(nil) }
        let (tokens, payment, earnings, refund) = outcome.amounts
        outcome.result.logs = [
            LogEntry(
                address: context.contract,
                topics: [MarketplaceABI.sessionCompletedTopic, MarketplaceABI.topic(jobId)],
                data: MarketplaceABI.encode(
                    [.uint(tokens), .uint(earnings), .uint(refund)],
                    [MarketplaceABI.u256, MarketplaceABI.u256, MarketplaceABI.u256])),
            LogEntry(
                address: context.contract,
                topics: [
                    MarketplaceABI.sessionCompletedByTopic, MarketplaceABI.topic(jobId),
                    MarketplaceABI.topic(context.sender),
                ],
                data: MarketplaceABI.encode(
                    [.uint(tokens), .uint(payment), .uint(refund)],
                    [MarketplaceABI.u256, MarketplaceABI.u256, MarketplaceABI.u256])),
        ]
        outcome.result.gas +=
            (conversationCID.isEmpty
                ? GasSchedule.coldRead : GasSchedule.stringStorage(length: conversationCID.utf8.count, fresh: true))
            + outcome.result.logs.map(GasSchedule.logCost).reduce(0, +)
        return outcome.result
    }

    // MARK: - triggerSessionTimeout

    static func timeout(_ a: [ABIValue], context: Context, state: MarketplaceState) -> MarketplaceOutcome {
        guard case .uint(let jobId) = a[0] else { return .revert(nil) }
        var job = state.session(jobId)
        guard !job.id.isZero, job.status == 0 else { return .revert("Not active") }
        let now = U256(context.timestamp)
        let (end, endOverflow) = job.startTime.addingReportingOverflow(job.maxDuration)
        let (silence, silenceOverflow) = job.lastProofTime.addingReportingOverflow(job.proofTimeoutWindow)
        guard !endOverflow, !silenceOverflow else { return .revert(nil) }
        guard now > end || now > silence else { return .revert("Not timeout") }
        guard var outcome = settle(&job, status: 2, context: context, state: state) else { return .revert(nil) }
        let (_, _, earnings, refund) = outcome.amounts
        let log = LogEntry(
            address: context.contract,
            topics: [MarketplaceABI.sessionTimedOutTopic, MarketplaceABI.topic(jobId)],
            data: MarketplaceABI.encode([.uint(earnings), .uint(refund)], [MarketplaceABI.u256, MarketplaceABI.u256]))
        outcome.result.logs = [log]
        outcome.result.gas += GasSchedule.logCost(log)
        return outcome.result
    }

    /// Pays a session out (`_settle` of the Vyper contract): payment = tokensUsed × pricePerToken / 1000,
    /// the treasury keeps `feeBasisPoints` of it, the host gets the rest, the depositor the remainder
    /// of the deposit. Returns nil when the arithmetic would revert or a recipient is the contract
    /// itself (Vyper's `send` to a contract without a default function reverts).
    static func settle(
        _ job: inout MarketplaceSession, status: UInt8, context: Context, state: MarketplaceState
    ) -> (result: MarketplaceOutcome, amounts: (U256, U256, U256, U256))? {
        let (gross, grossOverflow) = job.tokensUsed.multipliedReportingOverflow(by: job.pricePerToken)
        guard !grossOverflow else { return nil }
        let payment = gross / priceUnit
        let (feeGross, feeOverflow) = payment.multipliedReportingOverflow(by: state.feeBasisPoints)
        guard !feeOverflow else { return nil }
        let fee = feeGross / basisPoints
        let earnings = payment - fee
        let (refund, refundUnderflow) = job.deposit.subtractingReportingOverflow(payment)
        guard !refundUnderflow else { return nil }
        job.status = status
        job.withdrawnByHost = earnings
        job.refundedToUser = refund
        var transfers: [(to: EthereumAddress, amount: U256)] = []
        if !earnings.isZero { transfers.append((job.host, earnings)) }
        if !fee.isZero { transfers.append((state.treasury, fee)) }
        if !refund.isZero { transfers.append((job.depositor, refund)) }
        guard !transfers.contains(where: { $0.to == context.contract }) else { return nil }
        var gas = GasSchedule.callOverhead + 5 * GasSchedule.coldRead + GasSchedule.newSlot  // status 0 → 1/2
        gas += earnings.isZero ? GasSchedule.coldRead : GasSchedule.newSlot  // withdrawnByHost
        gas += refund.isZero ? GasSchedule.coldRead : GasSchedule.newSlot  // refundedToUser
        gas += UInt64(transfers.count) * GasSchedule.valueTransfer
        var outcome = MarketplaceOutcome(success: true, output: [], gas: gas)
        outcome.transfers = transfers
        outcome.writes.session = job
        return (outcome, (job.tokensUsed, payment, earnings, refund))
    }

    // MARK: - Views

    static func view(selector: [UInt8], body: [UInt8], state: MarketplaceState) -> MarketplaceOutcome {
        func ok(_ output: [UInt8], reads: UInt64 = 1) -> MarketplaceOutcome {
            MarketplaceOutcome(
                success: true, output: output, gas: GasSchedule.callOverhead + reads * GasSchedule.coldRead)
        }
        func args(_ signature: ABIFunctionSignature) -> [ABIValue]? {
            try? ABICodec.decode(signature.inputs, from: body)
        }
        switch selector {
        case MarketplaceABI.disputeWindow.selector: return ok(state.disputeWindow.bigEndianBytes)
        case MarketplaceABI.feeBasisPoints.selector: return ok(state.feeBasisPoints.bigEndianBytes)
        case MarketplaceABI.treasury.selector: return ok(MarketplaceABI.topic(state.treasury))
        case MarketplaceABI.nextJobId.selector: return ok(state.nextJobId.bigEndianBytes)
        case MarketplaceABI.sessionJobs.selector:
            guard let a = args(MarketplaceABI.sessionJobs), case .uint(let jobId) = a[0] else { return .revert(nil) }
            return ok(state.session(jobId).encoded, reads: 18)
        case MarketplaceABI.proofCount.selector:
            guard let a = args(MarketplaceABI.proofCount), case .uint(let jobId) = a[0] else { return .revert(nil) }
            return ok(U256(UInt64(state.proofs[jobId]?.count ?? 0)).bigEndianBytes)
        case MarketplaceABI.usedProofHashes.selector:
            guard let a = args(MarketplaceABI.usedProofHashes), case .fixedBytes(let hash) = a[0] else {
                return .revert(nil)
            }
            return ok(U256(state.usedProofHashes.contains(hash) ? 1 : 0).bigEndianBytes)
        case MarketplaceABI.getProofSubmission.selector:
            guard let a = args(MarketplaceABI.getProofSubmission), case .uint(let jobId) = a[0],
                case .uint(let index) = a[1]
            else { return .revert(nil) }
            let proofs = state.proofs[jobId] ?? []
            guard let position = index.uint64, position < UInt64(proofs.count) else { return .revert("Bad index") }
            let proof = proofs[Int(position)]
            let values: [ABIValue] = [
                .fixedBytes(proof.proofHash), .uint(proof.tokensClaimed), .uint(proof.timestamp), .bool(false),
                .string(proof.deltaCID),
            ]
            return ok(MarketplaceABI.encode(values, MarketplaceABI.proofTypes), reads: 6)
        default:
            return .revert(nil)
        }
    }
}
