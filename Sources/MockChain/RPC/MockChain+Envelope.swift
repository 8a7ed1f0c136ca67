import Ethereum

extension MockChain {
    /// Answers a JSON-RPC 2.0 request body (one request or a batch), like the devchain: `-32700`
    /// for a body that is not JSON, `-32600` for an envelope that is not JSON-RPC 2.0 or an empty
    /// batch, `-32601` for unknown methods; notifications (no `id`) get no reply.
    /// - Returns: the response body, or nil when nothing is to be sent (only notifications).
    public func handle(body: [UInt8]) -> [UInt8]? {
        let request: JSONValue
        do {
            request = try JSONValue.parse(body)
        } catch {
            return Self.errorReply(
                id: .null, MockChainError(.parseError, rpcCode: -32700, "parse error: \(error.message)")
            )
            .serializedBytes()
        }
        if case .array(let items) = request {
            guard !items.isEmpty else {
                return Self.errorReply(id: .null, MockChainError(.invalidRequest, rpcCode: -32600, "empty batch"))
                    .serializedBytes()
            }
            let replies = items.compactMap { handle($0) }
            return replies.isEmpty ? nil : JSONValue.array(replies).serializedBytes()
        }
        return handle(request)?.serializedBytes()
    }

    /// Answers one request object; nil for a notification.
    public func handle(_ request: JSONValue) -> JSONValue? {
        guard case .object(let object) = request, object["jsonrpc"] == "2.0",
            case .string(let method)? = object["method"]
        else {
            return Self.errorReply(
                id: request["id"] ?? .null, MockChainError(.invalidRequest, rpcCode: -32600, "invalid request"))
        }
        let isNotification = object["id"] == nil
        let id = object["id"] ?? .null
        let params: [JSONValue]
        switch object["params"] {
        case nil, .null?: params = []
        case .array(let list)?: params = list
        default:
            return isNotification
                ? nil : Self.errorReply(id: id, .invalidParams("params must be an array"))
        }
        do {
            let result = try dispatch(method: method, params: params)
            return isNotification ? nil : .object(["jsonrpc": "2.0", "id": id, "result": result])
        } catch {
            return isNotification ? nil : Self.errorReply(id: id, error)
        }
    }

    static func errorReply(id: JSONValue, _ error: MockChainError) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "error": error.json])
    }
}
