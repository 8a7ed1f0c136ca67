/// Decoders from JSON-RPC's hex forms to typed values; every failure is an
/// ``RPCError/Code/invalidResponse`` naming the value and the method.
enum RPCDecode {
    /// A hex quantity up to 2^256 − 1.
    static func u256(_ value: JSONValue, what: String, method: String) throws(RPCError) -> U256 {
        let digits = try quantityDigits(value, what: what, method: method)
        guard digits.count <= 64 else {
            throw RPCError(.invalidResponse, "the node's \(what) for \(method) exceeds 256 bits", method: method)
        }
        var limbs: [UInt64] = [0, 0, 0, 0]
        for (index, digit) in digits.reversed().enumerated() {
            limbs[index / 16] |= UInt64(digit) << UInt64(4 * (index % 16))
        }
        return U256(limbs: (limbs[0], limbs[1], limbs[2], limbs[3]))
    }

    /// A hex quantity up to 2^64 − 1 (block numbers, nonces, gas, chain ids).
    static func uint64(_ value: JSONValue, what: String, method: String) throws(RPCError) -> UInt64 {
        let digits = try quantityDigits(value, what: what, method: method)
        guard digits.count <= 16 else {
            throw RPCError(.invalidResponse, "the node's \(what) for \(method) exceeds 64 bits", method: method)
        }
        return digits.reduce(UInt64(0)) { $0 << 4 | UInt64($1) }
    }

    /// `0x`-prefixed data.
    static func data(_ value: JSONValue, what: String, method: String) throws(RPCError) -> [UInt8] {
        guard case .string(let text) = value else { throw notString(value, what: what, method: method) }
        do {
            return try RPCHex.decodeData(text, what: "the node's \(what) for \(method)")
        } catch var error {
            error.method = method
            throw error
        }
    }

    /// A 32-byte hash.
    static func hash(_ value: JSONValue, what: String, method: String) throws(RPCError) -> EthereumHash {
        let bytes = try data(value, what: what, method: method)
        guard bytes.count == 32 else {
            throw RPCError(
                .invalidResponse, "the node's \(what) for \(method) has \(bytes.count) bytes, not 32", method: method)
        }
        return EthereumHash(unchecked: bytes)
    }

    /// A 20-byte address (any letter case; nodes do not always checksum).
    static func address(_ value: JSONValue, what: String, method: String) throws(RPCError) -> EthereumAddress {
        let bytes = try data(value, what: what, method: method)
        do {
            return try EthereumAddress(bytes: bytes)
        } catch {
            throw RPCError(
                .invalidResponse, "the node's \(what) for \(method) has \(bytes.count) bytes, not 20", method: method)
        }
    }

    private static func quantityDigits(_ value: JSONValue, what: String, method: String) throws(RPCError) -> [UInt8] {
        guard case .string(let text) = value else { throw notString(value, what: what, method: method) }
        do {
            return try RPCHex.quantityDigits(text, what: "the node's \(what) for \(method)")
        } catch var error {
            error.method = method
            throw error
        }
    }

    private static func notString(_ value: JSONValue, what: String, method: String) -> RPCError {
        RPCError(
            .invalidResponse, "the node's \(what) for \(method) is a JSON \(value.kindName), not a hex string",
            method: method)
    }
}

extension U256 {
    /// The JSON-RPC quantity form as JSON.
    var jsonQuantity: JSONValue { .string(hexQuantity) }
}

extension UInt64 {
    /// The JSON-RPC quantity form as JSON (`0x0` for zero).
    var jsonQuantity: JSONValue { .string("0x" + String(self, radix: 16)) }
}

extension EthereumAddress {
    /// The address as a JSON string (lower-case hex, as nodes accept).
    var jsonValue: JSONValue { .string(Hex.encode(bytes)) }
}

extension Array where Element == UInt8 {
    /// `0x`-prefixed hex data as JSON.
    var jsonData: JSONValue { .string(Hex.encode(self)) }
}
