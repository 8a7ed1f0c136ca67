import Ethereum

/// A message to execute: a mined transaction's or an `eth_call`'s.
struct Message: Sendable {
    var sender: EthereumAddress
    var to: EthereumAddress?
    var value: U256
    var data: [UInt8]
    var gasLimit: UInt64
    var intrinsicGas: UInt64
}

/// What executing a message did (nothing is applied yet).
struct ExecutionResult: Sendable {
    var success: Bool
    var reverted: Bool
    var outOfGas: Bool
    var output: [UInt8]
    /// Total gas charged, intrinsic gas included.
    var gasUsed: UInt64
    var logs: [LogEntry] = []
    var transfers: [(to: EthereumAddress, amount: U256)] = []
    var writes: MarketplaceWrites?
}

extension MockChain {
    /// Executes `message` against the latest state at `timestamp`, without changing anything.
    func run(_ message: Message, timestamp: UInt64) -> ExecutionResult {
        guard message.gasLimit >= message.intrinsicGas else {
            return ExecutionResult(
                success: false, reverted: false, outOfGas: true, output: [], gasUsed: message.gasLimit)
        }
        guard let to = message.to, to == marketplaceAddress else {
            // A call to an account without code: a plain transfer, intrinsic gas only.
            return ExecutionResult(
                success: true, reverted: false, outOfGas: false, output: [], gasUsed: message.intrinsicGas)
        }
        let outcome = NativeMarketplace.execute(
            message.data,
            context: .init(sender: message.sender, value: message.value, timestamp: timestamp, contract: to),
            state: state.marketplace)
        let needed = message.intrinsicGas + outcome.gas
        guard needed <= message.gasLimit else {
            return ExecutionResult(
                success: false, reverted: false, outOfGas: true, output: [], gasUsed: message.gasLimit)
        }
        guard outcome.success else {
            return ExecutionResult(
                success: false, reverted: true, outOfGas: false, output: outcome.output, gasUsed: needed)
        }
        return ExecutionResult(
            success: true, reverted: false, outOfGas: false, output: outcome.output, gasUsed: needed,
            logs: outcome.logs,
            transfers: outcome.transfers, writes: outcome.writes)
    }

    /// A fee-less call as `eth_call` and `eth_estimateGas` make it.
    public struct CallParameters: Sendable {
        /// The sender (zero address when absent).
        public var from: EthereumAddress = .zero
        /// The recipient (nil = creation).
        public var to: EthereumAddress?
        /// The gas, or nil for the block gas limit.
        public var gas: UInt64?
        /// `gasPrice` or `maxFeePerGas`, zero when absent.
        public var feeCap: U256 = .zero
        /// The value sent.
        public var value: U256 = .zero
        /// The call data.
        public var data: [UInt8] = []
        /// Creates empty parameters.
        public init() {}
    }

    /// Which state and block context a call runs on.
    public enum CallBlock: Sendable {
        /// The latest block: its timestamp is `block.timestamp`.
        case latest
        /// The pending block: `block.timestamp` is the clock now.
        case pending
    }

    private func message(for call: CallParameters, gas: UInt64) throws(MockChainError) -> Message {
        if call.to == nil {
            throw .chain(
                "contract creation is not supported: the MockChain executes no EVM bytecode", kind: .executionFailed)
        }
        return Message(
            sender: call.from, to: call.to, value: call.value, data: call.data, gasLimit: gas,
            intrinsicGas: GasSchedule.intrinsicGas(data: call.data, creation: false))
    }

    private func timestamp(for block: CallBlock) -> UInt64 {
        block == .latest ? state.head.timestamp : pendingTimestamp()
    }

    /// `eth_call`: the return data of a fee-less execution on the latest state.
    /// - Throws: the revert (code 3, `execution reverted: <reason>`, data), or `-32000` for out of
    ///   gas and insufficient funds.
    public func call(_ call: CallParameters, block: CallBlock = .latest) throws(MockChainError) -> [UInt8] {
        let balance = state.account(call.from).balance
        if call.value > balance {
            throw MockChainError(
                .executionFailed, rpcCode: -32000,
                "insufficient funds for gas * price + value: address \(Hex.encode(call.from.bytes)) have \(balance) want \(call.value)"
            )
        }
        let result = run(
            try message(for: call, gas: call.gas ?? configuration.gasLimit), timestamp: timestamp(for: block))
        if result.success { return result.output }
        if result.reverted { throw .reverted(result.output) }
        throw MockChainError(.executionFailed, rpcCode: -32000, "out of gas")
    }

    /// `eth_estimateGas`, geth's algorithm: one run at the cap, the optimistic guess
    /// `(used + 2300) × 64 / 63`, then bisection to within 1.5 % only if the guess fails.
    public func estimateGas(_ call: CallParameters, block: CallBlock = .latest) throws(MockChainError) -> UInt64 {
        var high =
            call.gas.map { $0 >= GasSchedule.transaction ? $0 : configuration.gasLimit } ?? configuration.gasLimit
        let balance = state.account(call.from).balance
        if !call.feeCap.isZero {
            guard call.value <= balance else {
                throw MockChainError(.executionFailed, rpcCode: -32000, "insufficient funds for transfer")
            }
            let allowance = (balance - call.value) / call.feeCap
            if let limit = allowance.uint64, limit < high { high = limit }
        } else if call.value > balance {
            throw MockChainError(
                .executionFailed, rpcCode: -32000,
                "insufficient funds for gas * price + value: address \(Hex.encode(call.from.bytes)) have \(balance) want \(call.value)"
            )
        }
        let at = timestamp(for: block)
        let first = run(try message(for: call, gas: high), timestamp: at)
        guard first.success else {
            if first.reverted { throw .reverted(first.output) }
            throw MockChainError(.executionFailed, rpcCode: -32000, "gas required exceeds allowance (\(high))")
        }
        if call.data.isEmpty, call.to != marketplaceAddress { return GasSchedule.transaction }
        var low = first.gasUsed - 1
        let optimistic = (first.gasUsed + 2_300) * 64 / 63
        if optimistic < high {
            if run(try message(for: call, gas: optimistic), timestamp: at).success {
                high = optimistic
            } else {
                low = optimistic
            }
        }
        while low + 1 < high {
            if Double(high - low) / Double(high) < 0.015 { break }
            var middle = (high + low) / 2
            if middle > low * 2 { middle = low * 2 }
            if run(try message(for: call, gas: middle), timestamp: at).success { high = middle } else { low = middle }
        }
        return high
    }
}
