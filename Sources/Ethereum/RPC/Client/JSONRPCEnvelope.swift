/// The JSON-RPC 2.0 wire format: request bodies out, results or typed errors in.
enum JSONRPCEnvelope {
    /// `{"jsonrpc":"2.0","id":ID,"method":"…","params":[…]}` as bytes.
    static func request(id: UInt64, call: RPCCall) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        writeRequest(id: id, call: call, into: &out)
        return out
    }

    /// A JSON array of requests with the given ids, one per call.
    static func batchRequest(ids: [UInt64], calls: [RPCCall]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, call) in calls.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeRequest(id: ids[index], call: call, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func writeRequest(id: UInt64, call: RPCCall, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        out.append(contentsOf: String(id).utf8)
        out.append(contentsOf: #","method":"#.utf8)
        JSONValue.writeString(call.method, into: &out)
        out.append(contentsOf: #","params":"#.utf8)
        JSONValue.array(call.params).write(into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The `result` of a single-call response, or the error it carries.
    static func result(of response: HTTPResponse, id: UInt64, method: String) throws(RPCError) -> JSONValue {
        let document = try parseBody(response, method: method)
        guard case .object(let members) = document else {
            throw invalid("the response is a JSON \(document.kindName), not a JSON-RPC response object", method: method)
        }
        if let error = members["error"], !error.isNull {
            throw RPCError.fromNode(
                errorObject: error, method: method, httpStatus: response.httpErrorStatus,
                retryAfterSeconds: response.retryAfterSeconds)
        }
        try checkHTTPStatus(response, method: method)
        guard let responseID = members["id"], matches(responseID, id) else {
            throw invalid(
                "the response's id \(members["id"]?.description ?? "(none)") is not the request's id \(id)",
                method: method)
        }
        try checkVersion(members, method: method)
        guard let result = members["result"] else {
            throw invalid("the response has neither a result nor an error", method: method)
        }
        return result
    }

    /// Results of a batch response matched to the calls by id.
    static func batchResults(
        of response: HTTPResponse, ids: [UInt64], calls: [RPCCall]
    ) throws(RPCError) -> [Result<
        JSONValue, RPCError
    >] {
        let label = "batch of \(calls.count)"
        let document = try parseBody(response, method: label)
        switch document {
        case .object(let members):
            // A node that rejects the whole batch answers with one error object.
            if let error = members["error"], !error.isNull {
                throw RPCError.fromNode(
                    errorObject: error, method: label, httpStatus: response.httpErrorStatus,
                    retryAfterSeconds: response.retryAfterSeconds)
            }
            throw invalid("the node answered a batch with a single object", method: label)
        case .array(let elements):
            try checkHTTPStatus(response, method: label)
            var byID: [UInt64: [String: JSONValue]] = [:]
            for element in elements {
                guard case .object(let members) = element, let idValue = members["id"], let id = numericID(idValue)
                else {
                    throw invalid("a batch response element has no numeric id", method: label)
                }
                guard byID[id] == nil else { throw invalid("the batch response repeats id \(id)", method: label) }
                byID[id] = members
            }
            return calls.indices.map { index -> Result<JSONValue, RPCError> in
                let method = calls[index].method
                guard let members = byID[ids[index]] else {
                    return .failure(
                        invalid("the node's batch response has no answer for id \(ids[index])", method: method))
                }
                if let error = members["error"], !error.isNull {
                    return .failure(
                        RPCError.fromNode(
                            errorObject: error, method: method, httpStatus: nil,
                            retryAfterSeconds: nil))
                }
                guard let result = members["result"] else {
                    return .failure(invalid("the response has neither a result nor an error", method: method))
                }
                return .success(result)
            }
        default:
            throw invalid("the response to a batch is a JSON \(document.kindName), not an array", method: label)
        }
    }

    private static func parseBody(_ response: HTTPResponse, method: String) throws(RPCError) -> JSONValue {
        do {
            return try JSONValue.parse(response.body)
        } catch var error {
            if response.status != 200 {
                throw RPCError.httpFailure(response, method: method)
            }
            error.method = method
            throw error
        }
    }

    private static func checkHTTPStatus(_ response: HTTPResponse, method: String) throws(RPCError) {
        if response.status != 200 { throw RPCError.httpFailure(response, method: method) }
    }

    private static func checkVersion(_ members: [String: JSONValue], method: String) throws(RPCError) {
        if let version = members["jsonrpc"], version != .string("2.0") {
            throw invalid("the response's jsonrpc version is \(version), not \"2.0\"", method: method)
        }
    }

    private static func numericID(_ value: JSONValue) -> UInt64? {
        switch value {
        case .integer(let value): return UInt64(exactly: value)
        case .number(let value): return UInt64(exactly: value)
        case .string(let text): return UInt64(text)
        default: return nil
        }
    }

    private static func matches(_ value: JSONValue, _ id: UInt64) -> Bool { numericID(value) == id }

    private static func invalid(_ what: String, method: String) -> RPCError {
        RPCError(.invalidResponse, "the node's answer to \(method) is not valid JSON-RPC: \(what)", method: method)
    }
}

extension HTTPResponse {
    /// The status when it is an error (not 200), else nil.
    var httpErrorStatus: Int? { status == 200 ? nil : status }
}
