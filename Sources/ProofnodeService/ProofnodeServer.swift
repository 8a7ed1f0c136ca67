import AuditStore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The HTTP API under swift-service-lifecycle: Hummingbird 2 serving ``ServiceDependencies/makeRouter()``,
/// with a graceful shutdown that stops accepting connections, lets in-flight requests finish, then asks the
/// ``SessionIngest`` to finish its in-flight proofs and submissions, and finally checkpoints the store's
/// write-ahead log into the database file.
///
/// `proofnode serve` runs it until SIGTERM or SIGINT; tests and benchmarks start it on a free loopback port
/// and call ``stop()``.
public final class ProofnodeServer: Sendable {
    /// The address it listens on.
    public let host: String
    /// The bound TCP port.
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    /// The base URL, `http://host:port`.
    public var url: String { "http://\(host):\(port)" }

    private init(host: String, port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts serving.
    /// - Parameters:
    ///   - dependencies: What the handlers use.
    ///   - host: The listening address (loopback by default).
    ///   - port: The TCP port; 0 picks a free one.
    ///   - shutdownGraceSeconds: How long a graceful shutdown may take before it is cut short.
    ///   - signals: Signals that start a graceful shutdown (`serve` passes SIGTERM and SIGINT; tests none).
    ///   - extraServices: Services run beside the server (e.g. a chain probe); shut down before the drain.
    /// - Returns: The running server; ``port`` is the bound port.
    /// - Throws: ``ServiceError`` `.serverStartFailed` when the address cannot be bound.
    public static func start(
        dependencies: ServiceDependencies, host: String = "127.0.0.1", port: Int = 0,
        shutdownGraceSeconds: Double = 30, signals: [UnixSignal] = [], extraServices: [any Service] = []
    ) async throws(ServiceError) -> ProofnodeServer {
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: dependencies.makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? port)) },
            logger: dependencies.logger)
        let drain = DrainService(ingest: dependencies.ingest, store: dependencies.store, logger: dependencies.logger)
        // Graceful shutdown runs in reverse order: the HTTP server first (stop accepting, finish requests),
        // then the extra services, then the drain (pipeline work, store flush).
        let services: [any Service] = [drain] + extraServices + [app]
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: signals,
            logger: dependencies.logger)
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(shutdownGraceSeconds * 1_000))
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
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
                throw ServiceError(.serverStartFailed, "the API could not start on \(host):\(port): \(error)")
            }
            break
        }
        guard let bound else {
            throw ServiceError(.serverStartFailed, "the API stopped before it was listening on \(host):\(port)")
        }
        return ProofnodeServer(host: host, port: bound, group: group, task: task)
    }

    /// Starts a graceful shutdown and waits until it has finished.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }

    /// Waits until the server stops (after a signal or ``stop()``).
    public func wait() async { await task.value }
}

/// Waits for the graceful shutdown, then lets the pipeline finish and flushes the store.
struct DrainService: Service {
    let ingest: any SessionIngest
    let store: AuditStore
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()  // returns when a graceful shutdown starts
        } catch {
            // Cancelled (a non-graceful stop): still drain and flush what can be.
            logger.warning("shutdown without grace: draining anyway")
        }
        logger.notice("shutting down: finishing in-flight pipeline work")
        await ingest.shutdown()
        do {
            try store.database.withConnection { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
            logger.notice("audit store flushed")
        } catch {
            logger.error("audit store flush failed", metadata: ["error": .string("\(error)")])
        }
    }
}
