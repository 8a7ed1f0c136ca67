import Ethereum

/// Parsing of JSON-RPC parameters, with `-32602 invalid argument` errors that name what was wrong.
enum RPCParams {
    /// The parameter at `index`, or nil when absent or null.
    static func optional(_ params: [JSONValue], _ index: Int) -> JSONValue? {
        guard index < params.count, !params[index].isNull else { return nil }
        return params[index]
    }

    /// The parameter at `index`; throws when it is absent.
    static func required(_ params: [JSONValue], _ index: Int, _ name: String) throws(MockChainError) -> JSONValue {
        guard let value = optional(params, index) else {
            throw .invalidParams("missing value for required argument \(index) (\(name))")
        }
        return value
    }

    /// A quantity: `0x`-hex string (a non-negative JSON integer is accepted too).
    static func quantity(_ value: JSONValue, _ name: String) throws(MockChainError) -> U256 {
        switch value {
        case .integer(let integer) where integer >= 0: return U256(UInt64(integer))
        case .string(let text) where text.hasPrefix("0x") || text.hasPrefix("0X"):
            let digits = text.dropFirst(2)
            if !digits.isEmpty, digits.count <= 64, let parsed = try? U256(parsing: "0x" + digits) { return parsed }
        default: break
        }
        throw .invalidParams("\(name) must be a hex quantity, not \(value)")
    }

    /// A quantity that fits 64 bits.
    static func uint64(_ value: JSONValue, _ name: String) throws(MockChainError) -> UInt64 {
        guard let small = try quantity(value, name).uint64 else {
            throw .invalidParams("\(name) is too large: \(value)")
        }
        return small
    }

    /// `0x`-hex data.
    static func data(_ value: JSONValue, _ name: String) throws(MockChainError) -> [UInt8] {
        if case .string(let text) = value, text.hasPrefix("0x") || text.hasPrefix("0X"), text.count % 2 == 0,
            let bytes = try? Hex.decode(text)
        {
            return bytes
        }
        throw .invalidParams("\(name) must be 0x-prefixed hex bytes, not \(clip(value))")
    }

    /// 32 bytes of `0x`-hex data.
    static func hash(_ value: JSONValue, _ name: String) throws(MockChainError) -> [UInt8] {
        let bytes = try data(value, name)
        guard bytes.count == 32 else { throw .invalidParams("\(name) must be 32 bytes, not \(bytes.count)") }
        return bytes
    }

    /// An address (any case; the checksum is not enforced, as in geth).
    static func address(_ value: JSONValue, _ name: String = "address") throws(MockChainError) -> EthereumAddress {
        let bytes = try data(value, name)
        guard bytes.count == 20, let address = try? EthereumAddress(bytes: bytes) else {
            throw .invalidParams("invalid address: \(clip(value))")
        }
        return address
    }

    /// A block tag or number: latest/pending/earliest/safe/finalized or a quantity.
    enum Block: Equatable {
        case latest, pending, earliest
        case number(UInt64)
    }

    /// Parses a block parameter (absent = latest); EIP-1898 objects with `blockNumber` or `blockHash`.
    static func block(_ value: JSONValue?, chain state: ChainState) throws(MockChainError) -> Block {
        guard let value else { return .latest }
        if case .object(let object) = value {
            if let hashValue = object["blockHash"], !hashValue.isNull {
                let wanted = try hash(hashValue, "blockHash")
                guard let number = state.blockIndex[wanted] else { throw .chain("header for hash not found") }
                return .number(UInt64(number))
            }
            return try block(object["blockNumber"], chain: state)
        }
        switch value.stringValue {
        case "latest", "safe", "finalized": return .latest
        case "pending": return .pending
        case "earliest": return .number(0)
        default: return .number(try uint64(value, "block number"))
        }
    }

    /// A value cut to a length that is safe to echo in an error message.
    static func clip(_ value: JSONValue) -> String {
        let text = value.description
        return text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}
