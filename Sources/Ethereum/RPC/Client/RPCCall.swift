/// One JSON-RPC method call: a method name and its positional parameters.
public struct RPCCall: Sendable, Hashable {
    /// The method, e.g. `eth_blockNumber`.
    public var method: String
    /// The positional parameters.
    public var params: [JSONValue]

    /// Creates a call.
    public init(_ method: String, _ params: [JSONValue] = []) {
        self.method = method
        self.params = params
    }
}

/// Something that carries JSON-RPC calls to an Ethereum node: ``JSONRPCClient`` over HTTP, or any
/// other implementation (an in-process chain, a recording decorator).
public protocol JSONRPCTransport: Sendable {
    /// Sends one call and returns its `result`.
    /// - Parameters:
    ///   - call: the method and parameters.
    ///   - timeout: the per-attempt timeout, or nil for the transport's default.
    /// - Throws: ``RPCError`` — the node's error object, a transport failure, or an invalid response.
    func send(_ call: RPCCall, timeout: Duration?) async throws(RPCError) -> JSONValue

    /// Sends several calls in one JSON-RPC batch.
    /// - Returns: one result per call, in the order of `calls`, whatever order the node answered in.
    /// - Throws: ``RPCError`` when the batch as a whole failed (transport, HTTP, unparseable body).
    func sendBatch(_ calls: [RPCCall], timeout: Duration?) async throws(RPCError) -> [Result<JSONValue, RPCError>]
}

extension JSONRPCTransport {
    /// Sends `method` with `params` using the default timeout and returns its `result`.
    public func call(
        _ method: String, _ params: [JSONValue] = [], timeout: Duration? = nil
    ) async throws(RPCError)
        -> JSONValue
    {
        try await send(RPCCall(method, params), timeout: timeout)
    }
}
