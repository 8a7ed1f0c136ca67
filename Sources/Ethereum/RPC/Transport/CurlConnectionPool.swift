import Foundation

/// A small pool of ``CurlConnection``s to one URL, so that sequential requests reuse one keep-alive
/// TCP connection and concurrent requests each get their own.
///
/// A transfer takes an idle connection (or makes a new one), runs on a thread of its own (libcurl's
/// easy interface blocks; a dispatch worker could wait behind other blocked work, so that a request's
/// timeout would start late), and returns the connection afterwards; at most `maximumIdle` are kept.
/// Connections never leave the lock-protected idle list except inside one worker closure, so no two
/// threads touch the same libcurl handle.
final class CurlConnectionPool: @unchecked Sendable {
    private let settings: CurlSettings
    private let maximumIdle: Int
    private let lock = NSLock()
    private var idle: [CurlConnection] = []
    private var created = 0

    /// Creates an empty pool; connections are made on first use.
    init(settings: CurlSettings, maximumIdle: Int) {
        self.settings = settings
        self.maximumIdle = max(1, maximumIdle)
    }

    /// How many libcurl handles this pool has created so far (for tests of connection reuse).
    var connectionsCreated: Int { lock.withLock { created } }

    /// POSTs `body` on a pooled connection.
    /// - Returns: the response, or the transport error (``RPCError/Code/cancelled`` when the calling
    ///   task is cancelled while the transfer runs).
    func post(_ body: [UInt8], timeout: Duration) async -> Result<HTTPResponse, RPCError> {
        let cancellation = CurlCancellationFlag()
        let milliseconds = Self.milliseconds(timeout)
        let handoff = TransferHandoff()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    handoff.store(self.run(body, milliseconds: milliseconds, cancellation: cancellation))
                    continuation.resume()
                }
                thread.name = "proofnode.rpc.curl"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return handoff.take()
    }

    private func run(
        _ body: [UInt8], milliseconds: Int, cancellation: CurlCancellationFlag
    ) -> Result<
        HTTPResponse, RPCError
    > {
        if cancellation.isCancelled {
            return .failure(RPCError(.cancelled, "the request to \(RedactedURL.display(settings.url)) was cancelled"))
        }
        let connection: CurlConnection
        do {
            connection = try checkOut()
        } catch {
            return .failure(error)
        }
        let result = connection.post(body, timeoutMilliseconds: milliseconds, cancellation: cancellation)
        checkIn(connection)
        return result
    }

    private func checkOut() throws(RPCError) -> CurlConnection {
        if let connection = lock.withLock({ idle.popLast() }) { return connection }
        let connection = try CurlConnection(settings: settings)
        lock.withLock { created += 1 }
        return connection
    }

    private func checkIn(_ connection: CurlConnection) {
        lock.withLock {
            if idle.count < maximumIdle { idle.append(connection) }
        }
    }

    /// A duration in whole milliseconds, at least 1.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        guard total.isFinite, total < Double(Int32.max) else { return Int(Int32.max) }
        return max(1, Int(total.rounded(.up)))
    }
}

/// The result of one transfer, handed from its thread to the awaiting task under a lock.
///
/// The continuation alone would be correct, and was the first version; but when the transfer thread
/// resumes it before the task reaches its suspension point, Swift's runtime (6.3.1) hands the value over
/// through an atomic the thread sanitizer cannot see (`swift_continuation_await` has no TSan acquire on
/// that path), so TSan reported the response bytes written by the transfer thread and parsed by the task
/// as a data race. The lock makes the happens-before edge visible; it costs one uncontended lock per
/// request, next to an HTTP round trip.
private final class TransferHandoff: @unchecked Sendable {
    // @unchecked: `result` is guarded by `lock`.
    private let lock = NSLock()
    private var result: Result<HTTPResponse, RPCError>?

    /// Records the transfer's result (on the transfer thread, before the continuation is resumed).
    func store(_ value: Result<HTTPResponse, RPCError>) {
        lock.withLock { result = value }
    }

    /// The recorded result (after the continuation was resumed, so it is always there).
    func take() -> Result<HTTPResponse, RPCError> {
        lock.withLock { result }
            ?? .failure(RPCError(.transport, "the transfer thread ended without a result (internal error)"))
    }
}
