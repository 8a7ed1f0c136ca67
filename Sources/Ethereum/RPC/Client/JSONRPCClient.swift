import Foundation

/// A JSON-RPC 2.0 client over HTTP(S), on libcurl.
///
/// - Connections are kept alive and reused (a small pool: one per concurrent request).
/// - Every request gets a fresh id from an increasing counter, retries included; batch responses
///   are matched to their calls by id, in whatever order the node sends them.
/// - Transport errors, HTTP 429 and 5xx are retried with exponential backoff and jitter
///   (``RetryPolicy``); a JSON-RPC error object or a revert never is.
/// - Errors are ``RPCError``s carrying the node's code, message, data and revert details.
///
/// ```swift
/// let client = try JSONRPCClient(url: "http://127.0.0.1:8545")
/// let block = try await client.call("eth_blockNumber")
/// ```
public final class JSONRPCClient: JSONRPCTransport {
    /// The configuration this client was made with.
    public let configuration: RPCClientConfiguration
    private let pool: CurlConnectionPool
    private let ids = RPCRequestIDCounter()

    /// Creates a client; no connection is opened until the first request.
    /// - Throws: ``RPCError/Code/invalidRequest`` when the URL is not `http://` or `https://`.
    public init(configuration: RPCClientConfiguration) throws(RPCError) {
        let lower = configuration.url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), configuration.url.count > 8 else {
            throw RPCError(
                .invalidRequest, "the RPC URL \"\(RPCHex.clip(configuration.url))\" must start with http:// or https://"
            )
        }
        guard !configuration.url.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw RPCError(.invalidRequest, "the RPC URL \"\(RPCHex.clip(configuration.url))\" contains whitespace")
        }
        for (name, value) in configuration.headers
        where name.contains(where: { $0 == ":" || $0.isNewline }) || value.contains(where: { $0.isNewline }) {
            throw RPCError(
                .invalidRequest, "the HTTP header \"\(RPCHex.clip(name))\" has a name or value that is not allowed")
        }
        self.configuration = configuration
        let settings = CurlSettings(
            url: configuration.url,
            headers: configuration.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" },
            connectTimeoutMilliseconds: CurlConnectionPool.milliseconds(configuration.connectTimeout),
            maximumResponseBytes: max(1024, configuration.maximumResponseBytes))
        pool = CurlConnectionPool(settings: settings, maximumIdle: configuration.maximumIdleConnections)
    }

    /// Creates a client for `url` with the default configuration.
    public convenience init(url: String) throws(RPCError) {
        try self.init(configuration: RPCClientConfiguration(url: url))
    }

    /// How many HTTP connection handles this client has opened (reuse keeps this at the peak
    /// number of concurrent requests).
    public var connectionsOpened: Int { pool.connectionsCreated }

    /// Sends one call (retrying per the configuration) and returns its `result`.
    public func send(_ call: RPCCall, timeout: Duration? = nil) async throws(RPCError) -> JSONValue {
        try await withRetries(method: call.method) { () async throws(RPCError) -> JSONValue in
            let id = self.ids.next()
            let body = JSONRPCEnvelope.request(id: id, call: call)
            let response = try await self.post(body, timeout: timeout, method: call.method)
            return try JSONRPCEnvelope.result(of: response, id: id, method: call.method)
        }
    }

    /// Sends `calls` as one JSON-RPC batch (retrying the whole batch per the configuration).
    /// - Returns: one result per call in the order of `calls`; a call the node answered with an error
    ///   object gets that ``RPCError``, a call it did not answer an ``RPCError/Code/invalidResponse``.
    public func sendBatch(
        _ calls: [RPCCall], timeout: Duration? = nil
    ) async throws(RPCError) -> [Result<
        JSONValue, RPCError
    >] {
        guard !calls.isEmpty else { return [] }
        let label = "batch of \(calls.count)"
        return try await withRetries(method: label) { () async throws(RPCError) -> [Result<JSONValue, RPCError>] in
            let first = self.ids.next(count: calls.count)
            let ids = (0..<calls.count).map { first + UInt64($0) }
            let body = JSONRPCEnvelope.batchRequest(ids: ids, calls: calls)
            let response = try await self.post(body, timeout: timeout, method: label)
            return try JSONRPCEnvelope.batchResults(of: response, ids: ids, calls: calls)
        }
    }

    private func post(_ body: [UInt8], timeout: Duration?, method: String) async throws(RPCError) -> HTTPResponse {
        switch await pool.post(body, timeout: timeout ?? configuration.timeout) {
        case .success(let response): return response
        case .failure(var error):
            error.method = method
            throw error
        }
    }

    private func withRetries<T>(method: String, _ attempt: () async throws(RPCError) -> T) async throws(RPCError) -> T {
        let policy = configuration.retry
        var number = 1
        while true {
            do {
                return try await attempt()
            } catch var error {
                error.attempts = number
                guard error.isRetryable, number < policy.maximumAttempts, !Task.isCancelled else {
                    if number > 1 { error.message += " (gave up after \(number) attempts)" }
                    throw error
                }
                let delay = policy.delay(
                    beforeRetry: number, random: Double.random(in: 0..<1), retryAfterSeconds: error.retryAfterSeconds)
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw RPCError(
                        .cancelled, "the \(method) request was cancelled while waiting to retry", method: method)
                }
                number += 1
            }
        }
    }
}

/// A thread-safe source of increasing JSON-RPC request ids.
final class RPCRequestIDCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var last: UInt64 = 0

    /// Reserves `count` consecutive ids and returns the first.
    func next(count: Int = 1) -> UInt64 {
        lock.withLock {
            let first = last &+ 1
            last &+= UInt64(max(1, count))
            return first
        }
    }
}
