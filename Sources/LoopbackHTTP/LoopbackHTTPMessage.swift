/// One HTTP request as the loopback server received it.
public struct LoopbackHTTPRequest: Sendable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The request target, e.g. `/`.
    public var path: String
    /// The headers, names lower-cased.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]
    /// Which accepted TCP connection carried the request (0 for the first).
    public var connection: Int
    /// The request's position among all requests the server received (0 for the first).
    public var sequence: Int

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the loopback server does with a request.
public struct LoopbackHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Extra headers (Content-Type and Content-Length are always written).
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]
    /// How long to wait before answering (to provoke client timeouts).
    public var delay: Duration
    /// Close the connection without answering (to provoke a transport error).
    public var dropConnection: Bool

    /// A response with `status` and a JSON `body`.
    public init(
        status: Int = 200, body: String, headers: [(name: String, value: String)] = [], delay: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = Array(body.utf8)
        self.delay = delay
        self.dropConnection = false
    }

    /// Closes the connection without an answer.
    public static let drop: LoopbackHTTPResponse = {
        var response = LoopbackHTTPResponse(body: "")
        response.dropConnection = true
        return response
    }()
}
