import NIOCore
import NIOHTTP1
import NIOPosix

/// The load benchmarks' HTTP/1.1 client: one keep-alive connection per simulated session, on SwiftNIO
/// event-loop threads of its own.
///
/// Foundation's `URLSession` was the client before. On Linux it drives libcurl through dispatch sources,
/// and under the load test's bursts it spun both cores for 0.2–0.9 s at a time (poll, epoll_ctl, progress
/// updates on overcommit threads, seen with `perf record -e sched:sched_switch`), while the service's own
/// threads sat idle waiting for requests. Those client stalls were the load test's p99. This client does
/// the minimum: write a request, read the reply's status, drain its body.
struct LoadHTTPClient: Sendable {
    let host: String
    let port: Int
    let token: String
    let group: MultiThreadedEventLoopGroup

    /// A client for `baseURL` (`http://host:port`) with its own event-loop group of `threads` threads.
    init(baseURL: String, token: String, threads: Int = 1) throws {
        guard let (host, port) = Self.hostAndPort(of: baseURL) else {
            throw CommandFailure("the load client needs an http://host:port URL, not \(baseURL)")
        }
        self.host = host
        self.port = port
        self.token = token
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Stops the client's event-loop threads; call once every connection has closed.
    func shutdown() async throws {
        try await group.shutdownGracefully()
    }

    /// Opens one connection, runs `body` with it, and closes it.
    func withConnection<Result: Sendable>(
        _ body: (inout LoadHTTPConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let authority = "\(host):\(port)"
        let token = token
        return try await channel.executeThenClose { inbound, outbound in
            var connection = LoadHTTPConnection(
                authority: authority, token: token, responses: inbound.makeAsyncIterator(), requests: outbound)
            return try await body(&connection)
        }
    }

    /// POSTs `body` as JSON on a connection of its own; the reply's status code.
    func post(_ path: String, _ body: String) async throws -> Int {
        try await withConnection { connection in try await connection.post(path, body) }
    }

    /// The host and port of an `http://host:port[/…]` URL; nil for any other form.
    static func hostAndPort(of url: String) -> (String, Int)? {
        guard url.hasPrefix("http://") else { return nil }
        let authority = url.dropFirst("http://".count).prefix { $0 != "/" }
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]),
            port > 0, port < 65_536
        else { return nil }
        return (String(authority[..<colon]), port)
    }
}

/// One keep-alive HTTP/1.1 connection of ``LoadHTTPClient``: requests go one after another.
struct LoadHTTPConnection {
    let authority: String
    let token: String
    var responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    let requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    /// POSTs `body` as JSON with the bearer token; the reply's status code once its body has been read.
    mutating func post(_ path: String, _ body: String) async throws -> Int {
        var bytes = ByteBuffer()
        bytes.writeString(body)
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: authority)
        head.headers.add(name: "Authorization", value: "Bearer \(token)")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(bytes.readableBytes))
        try await requests.write(contentsOf: [.head(head), .body(.byteBuffer(bytes)), .end(nil)])
        var status: Int?
        while let part = try await responses.next() {
            switch part {
            case .head(let response): status = Int(response.status.code)
            case .body: continue
            case .end:
                guard let status else { throw CommandFailure("the server ended a reply to \(path) without a head") }
                return status
            }
        }
        throw CommandFailure("the server closed the connection before replying to \(path)")
    }
}
