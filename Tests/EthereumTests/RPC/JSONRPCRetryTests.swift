import Ethereum
import Foundation
import LoopbackHTTP
import Testing

@Suite("JSON-RPC client: retries, timeouts, cancellation")
struct JSONRPCRetryTests {
    @Test("HTTP 503 and 429 are retried with backoff until the node answers")
    func retriesServerErrors() async throws {
        let counter = Counter()
        let server = try ScriptedRPCServer { request in
            switch counter.next() {
            case 1: return LoopbackHTTPResponse(status: 503, body: "overloaded")
            case 2: return LoopbackHTTPResponse(status: 429, body: "slow down", headers: [("Retry-After", "0")])
            case 3: return LoopbackHTTPResponse(status: 502, body: "")
            default: return ScriptedRPCServer.result("0x2a", id: request.id)
            }
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        #expect(try await client.call("eth_blockNumber") == "0x2a")
        #expect(counter.current == 4)
        // Every attempt used a fresh id.
        let ids = server.recorded.values.compactMap { $0["id"]?.intValue }
        #expect(Set(ids).count == 4)
    }

    @Test("retries stop after the policy's attempts and the error says how many")
    func givesUp() async throws {
        let server = try ScriptedRPCServer { _ in LoopbackHTTPResponse(status: 500, body: "broken") }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        do {
            _ = try await client.call("eth_blockNumber")
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .httpStatus)
            #expect(error.httpStatus == 500)
            #expect(error.attempts == 4)
        }
        #expect(server.http.requestsServed == 4)
    }

    @Test("a JSON-RPC error object is never retried")
    func noRetryOnNodeError() async throws {
        let server = try ScriptedRPCServer { request in
            ScriptedRPCServer.error(code: -32000, message: "nonce too low", id: request.id)
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        await #expect(throws: RPCError.self) { try await client.call("eth_sendRawTransaction", ["0x01"]) }
        #expect(server.http.requestsServed == 1)
    }

    @Test("a revert is never retried, not even when the node wraps it in HTTP 500")
    func noRetryOnRevert() async throws {
        let server = try ScriptedRPCServer { request in
            let error: JSONValue = ["code": 3, "message": "execution reverted: Too many", "data": "0x"]
            return ScriptedRPCServer.error(error, id: request.id, status: request.http.sequence == 0 ? 200 : 500)
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        for _ in 0..<2 {
            do {
                _ = try await client.call("eth_call")
                Issue.record("expected a revert")
            } catch {
                #expect(error.code == .executionReverted)
                #expect(error.revertReason == "Too many")
                #expect(error.attempts == 1)
            }
        }
        #expect(server.http.requestsServed == 2)
    }

    @Test("connection refused is retried, and succeeds once the node comes up")
    func retriesConnectionRefused() async throws {
        // Find a free port, then leave it closed.
        let probe = try LoopbackHTTPServer { _ in LoopbackHTTPResponse(body: "") }
        let port = probe.port
        probe.stop()
        try await Task.sleep(for: .milliseconds(20))
        let policy = RetryPolicy(maximumAttempts: 30, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(40))
        let client = try JSONRPCClient(configuration: .init(url: "http://127.0.0.1:\(port)", retry: policy))
        let starter = Task {
            try await Task.sleep(for: .milliseconds(150))
            return try ScriptedRPCServer(port: port) { request in ScriptedRPCServer.result("0x7", id: request.id) }
        }
        let result = try await client.call("eth_chainId")
        #expect(result == "0x7")
        let server = try await starter.value
        #expect(server.http.requestsServed == 1)
    }

    @Test("connection refused without retries is a connectionFailed error")
    func connectionRefused() async throws {
        let probe = try LoopbackHTTPServer { _ in LoopbackHTTPResponse(body: "") }
        let port = probe.port
        probe.stop()
        try await Task.sleep(for: .milliseconds(20))
        let client = try JSONRPCClient(configuration: .init(url: "http://127.0.0.1:\(port)", retry: .never))
        do {
            _ = try await client.call("eth_chainId")
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(error.isRetryable)
        }
    }

    @Test("a dropped connection is a transport error and is retried")
    func retriesDroppedConnection() async throws {
        let counter = Counter()
        let server = try ScriptedRPCServer { request in
            counter.next() == 1 ? .drop : ScriptedRPCServer.result("0x1", id: request.id)
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        #expect(try await client.call("eth_blockNumber") == "0x1")
        #expect(counter.current == 2)
    }

    @Test("a slow node hits the per-request timeout; a call may set its own")
    func timeouts() async throws {
        let server = try ScriptedRPCServer { request in
            var response = ScriptedRPCServer.result("0x1", id: request.id)
            response.delay = .milliseconds(400)
            return response
        }
        let client = try JSONRPCClient(
            configuration: .init(url: server.url, timeout: .milliseconds(100), retry: .never))
        let start = ContinuousClock.now
        do {
            _ = try await client.call("eth_blockNumber")
            Issue.record("expected a timeout")
        } catch {
            #expect(error.code == .timeout)
            #expect(error.isRetryable)
        }
        #expect(ContinuousClock.now - start < .milliseconds(390))
        // The same client, with a longer per-call timeout, gets the answer.
        #expect(try await client.call("eth_blockNumber", timeout: .seconds(5)) == "0x1")
    }

    @Test("cancelling the calling task aborts the transfer")
    func cancellation() async throws {
        let server = try ScriptedRPCServer { request in
            var response = ScriptedRPCServer.result("0x1", id: request.id)
            response.delay = .seconds(4)
            return response
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: .never))
        let start = ContinuousClock.now
        let task = Task { try await client.call("eth_blockNumber") }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("expected cancellation")
        } catch let error as RPCError {
            #expect(error.code == .cancelled)
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}
