import Ethereum

extension MockChain {
    /// The client version string (`web3_clientVersion`).
    public static let clientVersion = "proofnode-mockchain/0.1"

    /// Runs one JSON-RPC method on the chain and returns its `result`.
    /// - Throws: ``MockChainError`` with the JSON-RPC error to send (`-32601` for unknown methods).
    public func dispatch(method: String, params: [JSONValue]) throws(MockChainError) -> JSONValue {
        typealias F = RPCFormatting
        typealias P = RPCParams
        switch method {
        case "web3_clientVersion": return .string(Self.clientVersion)
        case "eth_chainId": return F.q(configuration.chainId)
        case "net_version": return .string(String(configuration.chainId))
        case "eth_syncing": return false
        case "eth_accounts": return []
        case "eth_blockNumber": return F.q(state.head.number)
        case "eth_getBalance":
            let address = try P.address(try P.required(params, 0, "address"))
            try requireLatestState(P.optional(params, 1))
            return F.q(state.account(address).balance)
        case "eth_getTransactionCount":
            let address = try P.address(try P.required(params, 0, "address"))
            try requireLatestState(P.optional(params, 1))
            return F.q(state.account(address).nonce)
        case "eth_getCode":
            let address = try P.address(try P.required(params, 0, "address"))
            try requireLatestState(P.optional(params, 1))
            return F.d(state.code[address] ?? [])
        case "eth_gasPrice": return F.q(state.head.baseFeePerGas + Self.suggestedTip)
        case "eth_maxPriorityFeePerGas": return F.q(Self.suggestedTip)
        case "eth_feeHistory": return try feeHistory(params)
        case "eth_call":
            let (call, block) = try callParameters(params)
            return F.d(try self.call(call, block: block))
        case "eth_estimateGas":
            let (call, block) = try callParameters(params)
            return F.q(try estimateGas(call, block: block))
        case "eth_sendRawTransaction":
            return F.d(
                try sendRawTransaction(try P.data(try P.required(params, 0, "raw transaction"), "raw transaction")))
        case "eth_getTransactionByHash":
            guard let (block, mined) = try findTransaction(params) else { return .null }
            return F.transaction(mined.signed, block: block, mined: mined)
        case "eth_getTransactionReceipt":
            guard let (block, mined) = try findTransaction(params) else { return .null }
            return F.receipt(mined, block: block)
        case "eth_getBlockByNumber":
            let tag = try P.block(try P.required(params, 0, "block"), chain: state)
            let full = P.optional(params, 1)?.boolValue ?? false
            switch tag {
            case .pending: return .null
            case .latest: return F.block(state.head, full: full)
            case .earliest: return F.block(state.blocks[0], full: full)
            case .number(let number):
                guard number < UInt64(state.blocks.count) else { return .null }
                return F.block(state.blocks[Int(number)], full: full)
            }
        case "eth_getBlockByHash":
            let wanted = try P.hash(try P.required(params, 0, "block hash"), "block hash")
            guard let number = state.blockIndex[wanted] else { return .null }
            return F.block(state.blocks[number], full: P.optional(params, 1)?.boolValue ?? false)
        case "eth_getLogs": return .array(try logs(matching: try P.required(params, 0, "filter")))
        case "evm_increaseTime":
            return F.q(increaseTime(try P.uint64(try P.required(params, 0, "seconds"), "seconds")))
        case "evm_setNextBlockTimestamp":
            try setNextBlockTimestamp(try P.uint64(try P.required(params, 0, "timestamp"), "timestamp"))
            return true
        case "evm_mine":
            var timestamp = P.optional(params, 0)
            if case .object(let options) = timestamp { timestamp = options["timestamp"] }
            try mine(timestamp: try timestamp.map { value throws(MockChainError) in try P.uint64(value, "timestamp") })
            return "0x0"
        case "evm_snapshot": return F.q(snapshot())
        case "evm_revert":
            return .bool(revert(to: try P.uint64(try P.required(params, 0, "snapshot id"), "snapshot id")))
        default:
            throw MockChainError(
                .methodNotFound, rpcCode: -32601, "the method \(method) does not exist/is not available")
        }
    }

    /// Refuses a block parameter that names an older block: only the latest state is kept.
    private func requireLatestState(_ value: JSONValue?) throws(MockChainError) {
        switch try RPCParams.block(value, chain: state) {
        case .latest, .pending: return
        case .earliest: throw .chain("historical state is not available: the MockChain keeps only the latest state")
        case .number(let number):
            if number == state.head.number { return }
            if number > state.head.number { throw .chain("header not found") }
            throw .chain("historical state is not available: the MockChain keeps only the latest state")
        }
    }

    private func callParameters(_ params: [JSONValue]) throws(MockChainError) -> (CallParameters, CallBlock) {
        guard case .object(let object) = try RPCParams.required(params, 0, "transaction") else {
            throw .invalidParams("argument 0: transaction object expected")
        }
        var call = CallParameters()
        if let from = object["from"], !from.isNull { call.from = try RPCParams.address(from, "from") }
        if let to = object["to"], !to.isNull { call.to = try RPCParams.address(to, "to") }
        if let gas = object["gas"], !gas.isNull { call.gas = try RPCParams.uint64(gas, "gas") }
        if let value = object["value"], !value.isNull { call.value = try RPCParams.quantity(value, "value") }
        for key in ["gasPrice", "maxFeePerGas"] {
            if let fee = object[key], !fee.isNull { call.feeCap = try RPCParams.quantity(fee, key) }
        }
        let input = object["input"].flatMap { $0.isNull ? nil : $0 }
        let data = object["data"].flatMap { $0.isNull ? nil : $0 }
        if let input, let data, input != data {
            throw MockChainError(
                .invalidParams, rpcCode: -32602,
                "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data")
        }
        if let raw = input ?? data { call.data = try RPCParams.data(raw, "input") }
        let block = RPCParams.optional(params, 1)
        if case .pending = try RPCParams.block(block, chain: state) { return (call, .pending) }
        try requireLatestState(block)
        return (call, .latest)
    }

    private func findTransaction(_ params: [JSONValue]) throws(MockChainError) -> (MinedBlock, MinedTransaction)? {
        let hash = try RPCParams.hash(try RPCParams.required(params, 0, "transaction hash"), "transaction hash")
        guard let place = state.transactionIndex[hash] else { return nil }
        let block = state.blocks[place.block]
        return (block, block.transactions[place.index])
    }
}
