import Ethereum
import Foundation
import LoopbackHTTP

/// A JSON-RPC server on loopback whose every answer is scripted by the test: it parses each request
/// body, records it, and asks the script what to send back.
final class ScriptedRPCServer: Sendable {
    /// What the script sees: the parsed body (an object, or an array for a batch) and the HTTP request.
    struct Request: Sendable {
        var body: JSONValue
        var http: LoopbackHTTPRequest

        /// The method of a single request.
        var method: String { body["method"]?.stringValue ?? "" }
        /// The params of a single request.
        var params: [JSONValue] { body["params"]?.arrayValue ?? [] }
        /// The id of a single request.
        var id: JSONValue { body["id"] ?? .null }
    }

    typealias Script = @Sendable (Request) -> LoopbackHTTPResponse

    let http: LoopbackHTTPServer
    let recorded = Recorder<JSONValue>()

    init(port: UInt16 = 0, script: @escaping Script) throws {
        let recorded = self.recorded
        http = try LoopbackHTTPServer(port: port) { request in
            let body: JSONValue
            do {
                body = try JSONValue.parse(request.body)
            } catch {
                return LoopbackHTTPResponse(status: 400, body: "not JSON")
            }
            recorded.append(body)
            return script(Request(body: body, http: request))
        }
    }

    var url: String { http.url }

    /// The methods of the single requests received, in order.
    var methods: [String] { recorded.values.compactMap { $0["method"]?.stringValue } }

    /// A JSON-RPC success response.
    static func result(_ result: JSONValue, id: JSONValue) -> LoopbackHTTPResponse {
        LoopbackHTTPResponse(body: object(id: id, key: "result", value: result).description)
    }

    /// A JSON-RPC error response.
    static func error(_ error: JSONValue, id: JSONValue, status: Int = 200) -> LoopbackHTTPResponse {
        LoopbackHTTPResponse(status: status, body: object(id: id, key: "error", value: error).description)
    }

    /// A JSON-RPC error response with a code and message.
    static func error(code: Int, message: String, id: JSONValue) -> LoopbackHTTPResponse {
        error(["code": .integer(Int64(code)), "message": .string(message)], id: id)
    }

    static func object(id: JSONValue, key: String, value: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, key: value])
    }
}

/// A thread-safe list that scripts append to and tests read.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Value] = []

    func append(_ value: Value) { lock.withLock { items.append(value) } }
    var values: [Value] { lock.withLock { items } }
    var count: Int { lock.withLock { items.count } }
}

/// A thread-safe counter for scripts that answer differently on each attempt.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Increments and returns the new value (1 on the first call).
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
    var current: Int { lock.withLock { value } }
}

/// A retry policy with short delays so tests stay fast.
let fastRetry = RetryPolicy(maximumAttempts: 4, initialDelay: .milliseconds(5), maximumDelay: .milliseconds(40))
