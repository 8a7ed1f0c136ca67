import Ethereum

extension MockChain {
    /// The largest raw transaction accepted (geth's txpool limit, 128 KiB).
    static let maxTransactionSize = 128 * 1024
    /// The tip `eth_maxPriorityFeePerGas` suggests (geth's default, 1 gwei).
    public static let suggestedTip = U256(1_000_000_000)

    /// Validates a raw signed transaction in geth's order and mines it in its own block.
    /// - Returns: the transaction hash.
    /// - Throws: ``MockChainError`` (`-32000`) with geth's message when the pool would refuse it.
    public func sendRawTransaction(_ raw: [UInt8]) throws(MockChainError) -> [UInt8] {
        let signed = try decodeAndCheck(raw)
        try checkAgainstState(signed)
        execute(signed)
        return signed.hash
    }

    /// The checks that need no state: size, decoding, chain id, signature, gas limit, fee caps, intrinsic gas.
    func decodeAndCheck(_ raw: [UInt8]) throws(MockChainError) -> SignedTransaction {
        if let first = raw.first, first < 0x7F, first > 2 { throw .rejected("transaction type not supported") }
        guard raw.count <= Self.maxTransactionSize else {
            throw .rejected("oversized data: transaction size \(raw.count), limit \(Self.maxTransactionSize)")
        }
        let signed: SignedTransaction
        do {
            signed = try SignedTransaction(raw: raw)
        } catch let error as EthereumError where error.code == .invalidSignature {
            throw .rejected("invalid sender: \(error.message)")
        } catch let error as EthereumError {
            throw .rejected("invalid transaction: \(error.message)")
        } catch {
            throw .rejected("invalid transaction: \(error)")
        }
        let transaction = signed.transaction
        guard let chainId = transaction.chainId else {
            throw .rejected("only replay-protected (EIP-155) transactions allowed over RPC")
        }
        guard chainId == configuration.chainId else {
            throw .rejected("invalid chain id: have \(chainId) want \(configuration.chainId)")
        }
        guard transaction.gasLimit <= configuration.gasLimit else { throw .rejected("exceeds block gas limit") }
        let (feeCap, tip) = Self.feeCaps(transaction)
        if tip > feeCap {
            throw .rejected(
                "max priority fee per gas higher than max fee per gas: address \(signed.sender.checksummed), "
                    + "maxPriorityFeePerGas: \(tip), maxFeePerGas: \(feeCap)")
        }
        let intrinsic = GasSchedule.intrinsicGas(transaction)
        guard transaction.gasLimit >= intrinsic else {
            throw .rejected("intrinsic gas too low: gas \(transaction.gasLimit), minimum needed \(intrinsic)")
        }
        if transaction.to == nil {
            throw .rejected("contract creation is not supported: the MockChain executes no EVM bytecode")
        }
        return signed
    }

    /// The checks against the latest state: nonce, base fee, balance.
    func checkAgainstState(_ signed: SignedTransaction) throws(MockChainError) {
        let transaction = signed.transaction
        let account = state.account(signed.sender)
        if transaction.nonce < account.nonce {
            throw .rejected("nonce too low: next nonce \(account.nonce), tx nonce \(transaction.nonce)")
        }
        if transaction.nonce > account.nonce {
            // Automine keeps no pool, so the gapped nonce is the account's next nonce.
            throw .rejected("nonce too high: tx nonce \(transaction.nonce), gapped nonce \(account.nonce)")
        }
        let baseFee = nextBaseFee()
        let (feeCap, _) = Self.feeCaps(transaction)
        if feeCap < baseFee {
            throw .rejected(
                "max fee per gas less than block base fee: address \(signed.sender.checksummed), "
                    + "maxFeePerGas: \(feeCap), baseFee: \(baseFee)")
        }
        let (gasCost, overflow1) = U256(transaction.gasLimit).multipliedReportingOverflow(by: feeCap)
        let (cost, overflow2) = gasCost.addingReportingOverflow(transaction.value)
        if overflow1 || overflow2 || account.balance < cost {
            let shown = overflow1 || overflow2 ? "more than 2^256" : "\(cost)"
            let overshot = overflow1 || overflow2 ? "" : ", overshot \(cost - account.balance)"
            throw .rejected(
                "insufficient funds for gas * price + value: balance \(account.balance), tx cost \(shown)\(overshot)")
        }
    }

    /// (fee cap, tip) of any transaction type: type 0 and 1 use the gas price for both.
    static func feeCaps(_ transaction: EthereumTransaction) -> (U256, U256) {
        transaction.type == .dynamicFee
            ? (transaction.maxFeePerGas, transaction.maxPriorityFeePerGas)
            : (transaction.gasPrice, transaction.gasPrice)
    }

    /// Executes a validated transaction and mines it in a new block.
    private func execute(_ signed: SignedTransaction) {
        let transaction = signed.transaction
        let timestamp = pendingTimestamp()
        let baseFee = nextBaseFee()
        let message = Message(
            sender: signed.sender, to: transaction.to, value: transaction.value, data: transaction.data,
            gasLimit: transaction.gasLimit, intrinsicGas: GasSchedule.intrinsicGas(transaction))
        let result = run(message, timestamp: timestamp)
        let price = Self.effectivePrice(transaction, baseFee: baseFee)
        // Fees: the sender pays gasUsed × effective price; the tip goes to the coinbase (zero
        // address, as on the devchain), the base fee is burnt.
        state.debit(signed.sender, U256(result.gasUsed) * price)
        state.accounts[signed.sender, default: AccountState()].nonce += 1
        let tip = price > baseFee ? price - baseFee : .zero
        if !tip.isZero { state.credit(.zero, U256(result.gasUsed) * tip) }
        if result.success { apply(result, message: message) }
        let logs = result.success ? result.logs : []
        let mined = MinedTransaction(
            signed: signed, index: 0, gasUsed: result.gasUsed, cumulativeGasUsed: result.gasUsed,
            status: result.success ? 1 : 0, effectiveGasPrice: price, contractAddress: nil,
            logs: logs.map { (0, $0) }, bloom: LogsBloom.of(logs))
        sealBlock(with: [mined], timestamp: timestamp)
    }

    /// Applies a successful execution: the value, the contract's transfers and storage writes.
    func apply(_ result: ExecutionResult, message: Message) {
        guard let to = message.to else { return }
        if !message.value.isZero {
            state.debit(message.sender, message.value)
            state.credit(to, message.value)
        }
        for transfer in result.transfers {
            state.debit(to, transfer.amount)
            state.credit(transfer.to, transfer.amount)
        }
        result.writes?.apply(to: &state.marketplace)
    }
}
