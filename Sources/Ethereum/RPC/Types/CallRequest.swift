/// A message call for `eth_call` and `eth_estimateGas`: the transaction fields a node needs to
/// execute it without a signature. Nil fields are left out (the node chooses).
public struct CallRequest: Sendable, Hashable {
    /// The sender (matters for `msg.sender` checks such as "Not host").
    public var from: EthereumAddress?
    /// The contract or recipient; nil for contract creation.
    public var to: EthereumAddress?
    /// The gas limit.
    public var gas: UInt64?
    /// The legacy gas price.
    public var gasPrice: U256?
    /// The EIP-1559 fee cap.
    public var maxFeePerGas: U256?
    /// The EIP-1559 tip.
    public var maxPriorityFeePerGas: U256?
    /// The value in wei.
    public var value: U256?
    /// The call data.
    public var data: [UInt8]

    /// Creates a call request.
    public init(
        from: EthereumAddress? = nil, to: EthereumAddress?, data: [UInt8] = [], value: U256? = nil,
        gas: UInt64? = nil, gasPrice: U256? = nil, maxFeePerGas: U256? = nil, maxPriorityFeePerGas: U256? = nil
    ) {
        self.from = from
        self.to = to
        self.data = data
        self.value = value
        self.gas = gas
        self.gasPrice = gasPrice
        self.maxFeePerGas = maxFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
    }

    /// The JSON-RPC transaction-call object (`data` carries the input, as every node accepts).
    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if let from { members["from"] = from.jsonValue }
        if let to { members["to"] = to.jsonValue }
        if let gas { members["gas"] = gas.jsonQuantity }
        if let gasPrice { members["gasPrice"] = gasPrice.jsonQuantity }
        if let maxFeePerGas { members["maxFeePerGas"] = maxFeePerGas.jsonQuantity }
        if let maxPriorityFeePerGas { members["maxPriorityFeePerGas"] = maxPriorityFeePerGas.jsonQuantity }
        if let value { members["value"] = value.jsonQuantity }
        if !data.isEmpty { members["data"] = data.jsonData }
        return .object(members)
    }
}
