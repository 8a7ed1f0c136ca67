/// Which block a state query or filter refers to.
public enum BlockTag: Sendable, Hashable, CustomStringConvertible {
    /// The most recent block.
    case latest
    /// The pending state (includes the node's pool, e.g. for nonces).
    case pending
    /// The genesis block.
    case earliest
    /// The most recent block considered safe by the consensus layer.
    case safe
    /// The most recent finalized block.
    case finalized
    /// A block by number.
    case number(UInt64)

    /// The JSON-RPC form: a tag name or a hex quantity.
    public var json: JSONValue { .string(description) }

    /// `latest`, `pending`, … or `0x…`.
    public var description: String {
        switch self {
        case .latest: return "latest"
        case .pending: return "pending"
        case .earliest: return "earliest"
        case .safe: return "safe"
        case .finalized: return "finalized"
        case .number(let number): return "0x" + String(number, radix: 16)
        }
    }
}
