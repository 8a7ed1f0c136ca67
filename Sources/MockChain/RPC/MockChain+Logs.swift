import Ethereum

extension MockChain {
    /// `eth_getLogs` as the devchain (and geth) answer it: `address` (one or a list), `topics`
    /// (per position: null = any, a hash, or a list of hashes = any of them), and either a block
    /// range (`fromBlock`/`toBlock`, tags or numbers; `toBlock` beyond the head stops at the head) or
    /// one `blockHash`.
    func logs(matching filter: JSONValue) throws(MockChainError) -> [JSONValue] {
        guard case .object(let object) = filter else { throw .invalidParams("argument 0: filter object expected") }
        func present(_ key: String) -> JSONValue? { object[key].flatMap { $0.isNull ? nil : $0 } }
        let blocks: ArraySlice<MinedBlock>
        if let blockHash = present("blockHash") {
            if present("fromBlock") != nil || present("toBlock") != nil {
                throw MockChainError(
                    .invalidParams, rpcCode: -32602,
                    "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other")
            }
            let wanted = try RPCParams.hash(blockHash, "blockHash")
            guard let number = state.blockIndex[wanted] else { throw .chain("unknown block") }
            blocks = state.blocks[number...number]
        } else {
            let first = try bound(present("fromBlock"))
            var last = try bound(present("toBlock"))
            guard first <= last else { throw .chain("invalid block range params") }
            last = min(last, state.head.number)
            blocks = first <= last ? state.blocks[Int(first)...Int(last)] : []
        }
        var addresses: Set<EthereumAddress>?
        if let value = present("address") {
            let list = value.arrayValue ?? [value]
            var set = Set<EthereumAddress>()
            for item in list { set.insert(try RPCParams.address(item)) }
            addresses = set
        }
        var positions: [Set<[UInt8]>?] = []
        for position in present("topics")?.arrayValue ?? [] {
            switch position {
            case .null: positions.append(nil)
            case .array(let options):
                if options.isEmpty || options.contains(where: \.isNull) {
                    positions.append(nil)
                } else {
                    var set = Set<[UInt8]>()
                    for option in options { set.insert(try RPCParams.hash(option, "topic")) }
                    positions.append(set)
                }
            default: positions.append([try RPCParams.hash(position, "topic")])
            }
        }
        guard positions.count <= 4 else { throw .invalidParams("argument 0: too many topics") }
        var out: [JSONValue] = []
        for block in blocks {
            for mined in block.transactions {
                for (index, entry) in mined.logs {
                    if let addresses, !addresses.contains(entry.address) { continue }
                    guard positions.count <= entry.topics.count else { continue }
                    let matches = positions.enumerated().allSatisfy { offset, allowed in
                        allowed.map { $0.contains(entry.topics[offset]) } ?? true
                    }
                    if matches { out.append(RPCFormatting.log(entry, index: index, block: block, mined: mined)) }
                }
            }
        }
        return out
    }

    private func bound(_ value: JSONValue?) throws(MockChainError) -> UInt64 {
        switch try RPCParams.block(value, chain: state) {
        case .latest, .pending: return state.head.number
        case .earliest: return 0
        case .number(let number): return number
        }
    }

    /// `eth_feeHistory` as the devchain answers it: base fees (one more than blocks, the last being
    /// the next block's), gas-used ratios, rewards at gas-weighted tip percentiles when asked.
    func feeHistory(_ params: [JSONValue]) throws(MockChainError) -> JSONValue {
        typealias F = RPCFormatting
        var count = try RPCParams.uint64(try RPCParams.required(params, 0, "blockCount"), "blockCount")
        var percentiles: [Double] = []
        var previous = -1.0
        for item in RPCParams.optional(params, 2)?.arrayValue ?? [] {
            let value: Double
            switch item {
            case .integer(let integer): value = Double(integer)
            case .number(let number): value = number
            default: throw .invalidParams("invalid reward percentile: \(item)")
            }
            guard value >= 0, value <= 100, value >= previous else {
                throw .invalidParams("invalid reward percentile: \(item)")
            }
            percentiles.append(value)
            previous = value
        }
        let newest: UInt64
        switch try RPCParams.block(RPCParams.optional(params, 1), chain: state) {
        case .latest, .pending: newest = state.head.number
        case .earliest: newest = 0
        case .number(let number):
            guard number <= state.head.number else { throw .chain("requested block is in the future") }
            newest = number
        }
        count = min(count, 1024, newest + 1)
        guard count > 0 else {
            return [
                "oldestBlock": F.q(UInt64(0)), "baseFeePerGas": [], "gasUsedRatio": [], "baseFeePerBlobGas": [],
                "blobGasUsedRatio": [],
            ]
        }
        let oldest = newest + 1 - count  // count <= newest + 1, so this never underflows
        var baseFees: [JSONValue] = []
        var ratios: [JSONValue] = []
        var rewards: [JSONValue] = []
        for number in oldest...newest {
            let block = state.blocks[Int(number)]
            baseFees.append(F.q(block.baseFeePerGas))
            ratios.append(.number(Double(block.gasUsed) / Double(max(1, block.gasLimit))))
            if !percentiles.isEmpty { rewards.append(.array(Self.rewards(block, percentiles).map(F.q))) }
        }
        baseFees.append(
            newest + 1 < UInt64(state.blocks.count)
                ? F.q(state.blocks[Int(newest + 1)].baseFeePerGas) : F.q(nextBaseFee()))
        var out: [String: JSONValue] = [
            "oldestBlock": F.q(oldest), "baseFeePerGas": .array(baseFees), "gasUsedRatio": .array(ratios),
            "baseFeePerBlobGas": .array(Array(repeating: F.q(UInt64(1)), count: Int(count) + 1)),
            "blobGasUsedRatio": .array(Array(repeating: .number(0), count: Int(count))),
        ]
        if !percentiles.isEmpty { out["reward"] = .array(rewards) }
        return .object(out)
    }

    /// geth's fee-history reward: the effective tip at each gas-weighted percentile of the block.
    static func rewards(_ block: MinedBlock, _ percentiles: [Double]) -> [U256] {
        guard !block.transactions.isEmpty else { return percentiles.map { _ in .zero } }
        let items = block.transactions.map { mined in
            (
                tip: mined.effectiveGasPrice > block.baseFeePerGas
                    ? mined.effectiveGasPrice - block.baseFeePerGas : .zero,
                gas: mined.gasUsed
            )
        }.sorted { $0.tip < $1.tip }
        var out: [U256] = []
        var index = 0
        var total = items[0].gas
        for percentile in percentiles {
            let threshold = UInt64(Double(block.gasUsed) * percentile / 100)
            while total < threshold && index < items.count - 1 {
                index += 1
                total += items[index].gas
            }
            out.append(items[index].tip)
        }
        return out
    }
}
