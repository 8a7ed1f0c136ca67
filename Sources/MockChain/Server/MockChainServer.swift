import Ethereum
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A ``MockChain`` served as JSON-RPC 2.0 over HTTP on loopback (Hummingbird 2): `POST /` with a
/// request or a batch. Start it in-process for tests and demos, or standalone with `proofnode chain`.
///
/// ```swift
/// let server = try await MockChainServer.start(port: 0)   // a free port
/// let client = try JSONRPCClient(url: server.url)
/// …
/// await server.stop()
/// ```
public final class MockChainServer: Sendable {
    /// The chain behind the server.
    public let chain: MockChain
    /// The address it listens on.
    public let host: String
    /// The bound TCP port.
    public let port: Int
    private let serverTask: Task<Void, Never>
    private let group: ServiceGroup
    private let timerTask: Task<Void, Never>?

    /// The largest request body accepted (8 MiB, as the devchain).
    public static let maximumBodyBytes = 8 << 20

    /// The RPC URL, `http://host:port`.
    public var url: String { "http://\(host):\(port)" }

    private init(
        chain: MockChain, host: String, port: Int, group: ServiceGroup, serverTask: Task<Void, Never>,
        timerTask: Task<Void, Never>?
    ) {
        self.group = group
        self.chain = chain
        self.host = host
        self.port = port
        self.serverTask = serverTask
        self.timerTask = timerTask
    }

    /// Starts a server for a new chain made with `configuration`.
    /// - Parameters:
    ///   - configuration: the chain's configuration (its `blockTime` starts the block timer).
    ///   - host: the address to listen on (loopback by default).
    ///   - port: the TCP port; 0 picks a free one.
    /// - Returns: the running server; ``port`` is the bound port.
    /// - Throws: ``MockChainError`` when the chain cannot be made or the port cannot be bound.
    public static func start(
        configuration: MockChainConfiguration = MockChainConfiguration(), host: String = "127.0.0.1", port: Int = 0
    ) async throws -> MockChainServer {
        try await start(chain: try MockChain(configuration: configuration), host: host, port: port)
    }

    /// Starts a server for an existing chain.
    public static func start(
        chain: MockChain, host: String = "127.0.0.1", port: Int = 0
    ) async throws -> MockChainServer {
        var logger = Logger(label: "proofnode.mockchain")
        logger.logLevel = .critical  // HTTP-level noise (client disconnects) is not the chain's business
        let router = Router()
        router.post("/") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: maximumBodyBytes)
            let reply = await chain.handle(body: Array(buffer.readableBytesView)) ?? []
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply)))
        }
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(.success(channel.localAddress?.port ?? port))
            },
            logger: logger)
        let group = ServiceGroup(services: [app], logger: logger)
        let serverTask = Task {
            do {
                try await group.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        var bound: Int?
        for await event in events {
            switch event {
            case .success(let value): bound = value
            case .failure(let error):
                throw MockChainError(
                    .invalidRequest, rpcCode: -32000,
                    "the MockChain server could not start on \(host):\(port): \(error)")
            }
            break
        }
        guard let bound else {
            throw MockChainError(
                .invalidRequest, rpcCode: -32000, "the MockChain server stopped before it was listening")
        }
        var timerTask: Task<Void, Never>?
        if let blockTime = chain.configuration.blockTime, blockTime > 0 {
            timerTask = Task {
                let tick = Duration.milliseconds(Int64(min(blockTime, 0.25) * 1000))
                while !Task.isCancelled {
                    do { try await Task.sleep(for: tick) } catch { return }
                    await chain.sealIfIdle(blockTime: blockTime)
                }
            }
        }
        return MockChainServer(
            chain: chain, host: host, port: bound, group: group, serverTask: serverTask, timerTask: timerTask)
    }

    /// Stops the block timer and the HTTP server, and waits until they have.
    public func stop() async {
        timerTask?.cancel()
        await group.triggerGracefulShutdown()
        await serverTask.value
        await timerTask?.value
    }

    /// Runs until `stop()` is called (or the server fails).
    public func wait() async { await serverTask.value }
}
