/// How a ``JSONRPCClient`` reaches its node.
public struct RPCClientConfiguration: Sendable {
    /// The node's HTTP(S) URL.
    public var url: String
    /// The time one attempt may take, connection included, unless a call gives its own.
    public var timeout: Duration
    /// The time a TCP (and TLS) connection may take to open.
    public var connectTimeout: Duration
    /// When to retry (transport errors, HTTP 429 and 5xx only).
    public var retry: RetryPolicy
    /// How many idle keep-alive connections to keep for reuse.
    public var maximumIdleConnections: Int
    /// The largest response body accepted; larger ones fail instead of exhausting memory.
    public var maximumResponseBytes: Int
    /// Extra HTTP headers, e.g. `["Authorization": "Bearer …"]` (never logged or shown in errors).
    public var headers: [String: String]

    /// Creates a configuration with defaults: 30 s per attempt, 10 s to connect, ``RetryPolicy/standard``,
    /// 4 idle connections, 64 MiB responses.
    public init(
        url: String, timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
        retry: RetryPolicy = .standard, maximumIdleConnections: Int = 4, maximumResponseBytes: Int = 64 << 20,
        headers: [String: String] = [:]
    ) {
        self.url = url
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.retry = retry
        self.maximumIdleConnections = maximumIdleConnections
        self.maximumResponseBytes = maximumResponseBytes
        self.headers = headers
    }
}
