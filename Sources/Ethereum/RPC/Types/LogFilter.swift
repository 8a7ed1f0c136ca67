/// An `eth_getLogs` filter: contract addresses, topic positions, and a block range or a block hash.
///
/// Topics follow the JSON-RPC rules: position *i* matches topic *i* of a log; a nil position
/// matches anything; a position with several hashes matches any of them (OR); trailing positions
/// may be left out.
public struct LogFilter: Sendable, Hashable {
    /// The contracts whose logs to return; empty means any.
    public var addresses: [EthereumAddress]
    /// Per position: nil (any), or the hashes of which one must match.
    public var topics: [[EthereumHash]?]
    /// The first block (inclusive); ignored when ``blockHash`` is set.
    public var fromBlock: BlockTag?
    /// The last block (inclusive); ignored when ``blockHash`` is set.
    public var toBlock: BlockTag?
    /// One block by hash instead of a range.
    public var blockHash: EthereumHash?

    /// Creates a filter over a block range.
    public init(
        addresses: [EthereumAddress] = [], topics: [[EthereumHash]?] = [], fromBlock: BlockTag? = nil,
        toBlock: BlockTag? = nil
    ) {
        self.addresses = addresses
        self.topics = topics
        self.fromBlock = fromBlock
        self.toBlock = toBlock
        self.blockHash = nil
    }

    /// Creates a filter over one block given by hash.
    public init(addresses: [EthereumAddress] = [], topics: [[EthereumHash]?] = [], blockHash: EthereumHash) {
        self.addresses = addresses
        self.topics = topics
        self.fromBlock = nil
        self.toBlock = nil
        self.blockHash = blockHash
    }

    /// The JSON-RPC filter object: a single address or topic is written as a string, several as an
    /// array, a wildcard position as `null`; trailing wildcards are dropped.
    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if addresses.count == 1 {
            members["address"] = addresses[0].jsonValue
        } else if addresses.count > 1 {
            members["address"] = .array(addresses.map(\.jsonValue))
        }
        var positions = topics
        while let last = positions.last, last == nil { positions.removeLast() }
        if !positions.isEmpty {
            members["topics"] = .array(
                positions.map { position -> JSONValue in
                    guard let position else { return .null }
                    return position.count == 1 ? position[0].json : .array(position.map(\.json))
                })
        }
        if let blockHash {
            members["blockHash"] = blockHash.json
        } else {
            if let fromBlock { members["fromBlock"] = fromBlock.json }
            if let toBlock { members["toBlock"] = toBlock.json }
        }
        return .object(members)
    }
}
