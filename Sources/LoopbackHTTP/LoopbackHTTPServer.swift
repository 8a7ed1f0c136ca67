import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: POSIX sockets, a thread per
/// connection, keep-alive, `Content-Length` bodies, and a handler that scripts every answer
/// (status, body, delay, or a dropped connection).
///
/// It exists to drive real clients over real TCP without any network; it is not a production server.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// The handler type: called on the connection's thread for every request.
    public typealias Handler = @Sendable (LoopbackHTTPRequest) -> LoopbackHTTPResponse

    /// The TCP port the server listens on.
    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var clients: Set<Int32> = []
    private var accepted = 0
    private var served = 0
    private var serviceNanoseconds: UInt64 = 0
    private var stopped = false

    /// Starts listening on 127.0.0.1.
    /// - Parameters:
    ///   - port: the port, or 0 for an ephemeral one.
    ///   - handler: decides the answer to every request.
    /// - Throws: ``LoopbackHTTPError`` when the socket cannot be bound.
    public init(port: UInt16 = 0, handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw LoopbackHTTPError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            throw LoopbackHTTPError("cannot listen on 127.0.0.1:\(port): errno \(code)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        listener = descriptor
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-http-accept"
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// How many TCP connections the server has accepted.
    public var connectionsAccepted: Int { lock.withLock { accepted } }

    /// How many requests the server has answered (or dropped).
    public var requestsServed: Int { lock.withLock { served } }

    /// The total time spent between having read a request and having written its answer, in
    /// nanoseconds (the server's own time, for benchmarks).
    public var totalServiceNanoseconds: UInt64 { lock.withLock { serviceNanoseconds } }

    /// Stops listening and closes every open connection.
    public func stop() {
        let open: Set<Int32> = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            let open = clients
            clients = []
            return open.union([listener])
        }
        for descriptor in open {
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let index: Int? = lock.withLock {
                guard !stopped else { return nil }
                clients.insert(client)
                accepted += 1
                return accepted - 1
            }
            guard let index else {
                close(client)
                break
            }
            let thread = Thread { [self] in serve(client, connection: index) }
            thread.name = "loopback-http-\(index)"
            thread.start()
        }
        close(listener)
    }

    private func serve(_ client: Int32, connection: Int) {
        var reader = LoopbackHTTPReader(descriptor: client)
        defer {
            lock.withLock { _ = clients.remove(client) }
            close(client)
        }
        while let parsed = reader.nextRequest() {
            let start = DispatchTime.now().uptimeNanoseconds
            let sequence: Int = lock.withLock {
                served += 1
                return served - 1
            }
            let request = LoopbackHTTPRequest(
                method: parsed.method, path: parsed.path, headers: parsed.headers, body: parsed.body,
                connection: connection, sequence: sequence)
            let response = handler(request)
            if response.delay > .zero { Thread.sleep(forTimeInterval: Self.seconds(response.delay)) }
            if response.dropConnection { return }
            guard Self.write(response, to: client) else { return }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            lock.withLock { serviceNanoseconds += elapsed }
            if parsed.headers["connection"]?.lowercased() == "close" { return }
        }
    }

    private static func write(_ response: LoopbackHTTPResponse, to client: Int32) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(response.body.count)\r\n"
        for header in response.headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + response.body
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// An error starting the loopback server.
public struct LoopbackHTTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { "LoopbackHTTPError: \(message)" }
}
