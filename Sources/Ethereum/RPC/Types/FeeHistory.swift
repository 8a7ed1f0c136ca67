/// `eth_feeHistory`: base fees and priority-fee percentiles of recent blocks.
public struct FeeHistory: Sendable, Hashable {
    /// The first block of the range.
    public var oldestBlock: UInt64
    /// Base fee per block, plus one extra entry: the next block's base fee. Empty or zeros on chains
    /// without EIP-1559.
    public var baseFeePerGas: [U256]
    /// Fraction of the gas limit used per block.
    public var gasUsedRatio: [Double]
    /// Per block, the tips at the requested percentiles.
    public var reward: [[U256]]

    /// The base fee the next block will have, when the node reports one.
    public var nextBaseFee: U256? { baseFeePerGas.last }

    /// Decodes a JSON-RPC fee history object.
    init(json: JSONValue, method: String) throws(RPCError) {
        let object = try RPCObject(json, what: "fee history", method: method)
        oldestBlock = try object.uint64("oldestBlock")
        var baseFees: [U256] = []
        for fee in object.optional("baseFeePerGas")?.arrayValue ?? [] {
            baseFees.append(try RPCDecode.u256(fee, what: "fee history baseFeePerGas", method: method))
        }
        baseFeePerGas = baseFees
        var ratios: [Double] = []
        for ratio in object.optional("gasUsedRatio")?.arrayValue ?? [] {
            switch ratio {
            case .integer(let value): ratios.append(Double(value))
            case .number(let value): ratios.append(value)
            default: throw object.invalid("gasUsedRatio", "an element is a JSON \(ratio.kindName), not a number")
            }
        }
        gasUsedRatio = ratios
        var rewards: [[U256]] = []
        for block in object.optional("reward")?.arrayValue ?? [] {
            guard case .array(let tips) = block else { throw object.invalid("reward", "an element is not an array") }
            var row: [U256] = []
            for tip in tips { row.append(try RPCDecode.u256(tip, what: "fee history reward", method: method)) }
            rewards.append(row)
        }
        reward = rewards
    }
}
