/// Typed reading of a JSON-RPC result object's fields, with errors that name the method, the object
/// and the field when a node sends something malformed.
struct RPCObject {
    let members: [String: JSONValue]
    let what: String
    let method: String

    /// Wraps `value`, which must be an object.
    init(_ value: JSONValue, what: String, method: String) throws(RPCError) {
        guard case .object(let members) = value else {
            throw RPCError(
                .invalidResponse, "the node's \(what) for \(method) is a JSON \(value.kindName), not an object",
                method: method)
        }
        self.members = members
        self.what = what
        self.method = method
    }

    func invalid(_ field: String, _ problem: String) -> RPCError {
        RPCError(
            .invalidResponse, "the node's \(what) for \(method) has a bad \"\(field)\": \(problem)", method: method)
    }

    func required(_ field: String) throws(RPCError) -> JSONValue {
        guard let value = members[field], !value.isNull else { throw invalid(field, "missing") }
        return value
    }

    func optional(_ field: String) -> JSONValue? {
        guard let value = members[field], !value.isNull else { return nil }
        return value
    }

    func quantity(_ field: String) throws(RPCError) -> U256 {
        try RPCDecode.u256(try required(field), what: "\(what).\(field)", method: method)
    }

    func optionalQuantity(_ field: String) throws(RPCError) -> U256? {
        guard let value = optional(field) else { return nil }
        return try RPCDecode.u256(value, what: "\(what).\(field)", method: method)
    }

    func uint64(_ field: String) throws(RPCError) -> UInt64 {
        try RPCDecode.uint64(try required(field), what: "\(what).\(field)", method: method)
    }

    func optionalUInt64(_ field: String) throws(RPCError) -> UInt64? {
        guard let value = optional(field) else { return nil }
        return try RPCDecode.uint64(value, what: "\(what).\(field)", method: method)
    }

    func data(_ field: String) throws(RPCError) -> [UInt8] {
        try RPCDecode.data(try required(field), what: "\(what).\(field)", method: method)
    }

    func hash(_ field: String) throws(RPCError) -> EthereumHash {
        try RPCDecode.hash(try required(field), what: "\(what).\(field)", method: method)
    }

    func optionalHash(_ field: String) throws(RPCError) -> EthereumHash? {
        guard let value = optional(field) else { return nil }
        return try RPCDecode.hash(value, what: "\(what).\(field)", method: method)
    }

    func address(_ field: String) throws(RPCError) -> EthereumAddress {
        try RPCDecode.address(try required(field), what: "\(what).\(field)", method: method)
    }

    func optionalAddress(_ field: String) throws(RPCError) -> EthereumAddress? {
        guard let value = optional(field) else { return nil }
        return try RPCDecode.address(value, what: "\(what).\(field)", method: method)
    }

    func array(_ field: String) throws(RPCError) -> [JSONValue] {
        let value = try required(field)
        guard case .array(let elements) = value else { throw invalid(field, "a JSON \(value.kindName), not an array") }
        return elements
    }
}
