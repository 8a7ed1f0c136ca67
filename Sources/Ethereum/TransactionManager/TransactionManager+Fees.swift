extension TransactionManager {
    /// The fees to offer now: EIP-1559 when the chain's blocks carry a base fee, else legacy.
    public func currentFees() async throws(TransactionError) -> FeeQuote {
        if try await supportsEIP1559() {
            return try await dynamicFees()
        }
        let price = try await rpc("reading the gas price") { () async throws(RPCError) in try await client.gasPrice() }
        return .legacy(gasPrice: price)
    }

    /// Whether the latest block has `baseFeePerGas` (asked once).
    func supportsEIP1559() async throws(TransactionError) -> Bool {
        if let cachedSupportsEIP1559 { return cachedSupportsEIP1559 }
        let block = try await rpc("reading the latest block") { () async throws(RPCError) in
            try await client.block(.latest)
        }
        let supported = block?.baseFeePerGas != nil
        cachedSupportsEIP1559 = supported
        return supported
    }

    /// max fee = 2 × next base fee + tip; the tip from `eth_maxPriorityFeePerGas`, or the configured
    /// percentile of the last blocks' tips when the node lacks that method.
    private func dynamicFees() async throws(TransactionError) -> FeeQuote {
        let percentile = configuration.tipPercentile
        let history = try await rpc("reading the fee history") { () async throws(RPCError) in
            try await client.feeHistory(blockCount: 4, newest: .latest, rewardPercentiles: [percentile])
        }
        let baseFee: U256
        if let next = history.nextBaseFee {
            baseFee = next
        } else {
            let block = try await rpc("reading the latest block") { () async throws(RPCError) in
                try await client.block(.latest)
            }
            baseFee = block?.baseFeePerGas ?? .zero
        }
        let tip: U256
        do {
            tip = try await client.maxPriorityFeePerGas()
        } catch let error where error.code == .methodNotFound {
            let tips = history.reward.compactMap(\.first).sorted()
            tip = tips.isEmpty ? .zero : tips[tips.count / 2]
        } catch {
            throw TransactionError.from(error, doing: "reading the priority fee")
        }
        return .dynamic(baseFee: baseFee, tip: tip)
    }

    /// Refuses fees above the configured cap.
    func checkCap(_ fees: FeeQuote) throws(TransactionError) {
        guard let cap = configuration.maximumFeePerGas, fees.maximumPerGas > cap else { return }
        throw TransactionError(
            .feeCapExceeded,
            "the network asks for \(fees), above the configured cap of \(cap) wei per gas; "
                + "wait for lower fees or raise maximumFeePerGas")
    }

    /// The fees a signed transaction offers.
    static func fees(of transaction: EthereumTransaction) -> FeeQuote {
        switch transaction.type {
        case .dynamicFee:
            return .dynamic(
                maxFeePerGas: transaction.maxFeePerGas, maxPriorityFeePerGas: transaction.maxPriorityFeePerGas)
        case .legacy, .accessList:
            return .legacy(gasPrice: transaction.gasPrice)
        }
    }
}
