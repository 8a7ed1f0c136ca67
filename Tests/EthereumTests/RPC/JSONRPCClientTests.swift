import Ethereum
import Foundation
import LoopbackHTTP
import Testing

@Suite("JSON-RPC client: ids, connections, batches")
struct JSONRPCClientTests {
    /// A server that answers every single request with its own id as the result.
    func echoServer() throws -> ScriptedRPCServer {
        try ScriptedRPCServer { request in ScriptedRPCServer.result(request.id, id: request.id) }
    }

    @Test("request ids are unique and increasing; sequential calls reuse one TCP connection")
    func uniqueIDsAndReuse() async throws {
        let server = try echoServer()
        let client = try JSONRPCClient(url: server.url)
        var ids: [Int] = []
        for _ in 0..<20 {
            let result = try await client.call("eth_blockNumber")
            ids.append(try #require(result.intValue))
        }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(server.http.connectionsAccepted == 1)
        #expect(client.connectionsOpened == 1)
        // The body is the JSON-RPC 2.0 envelope.
        let first = try #require(server.recorded.values.first)
        #expect(first["jsonrpc"] == "2.0")
        #expect(first["method"] == "eth_blockNumber")
        #expect(first["params"] == [])
    }

    @Test("concurrent calls get distinct ids and their own answers")
    func concurrentIDs() async throws {
        let server = try echoServer()
        let client = try JSONRPCClient(url: server.url)
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask { try #require(try await client.call("eth_chainId").intValue) }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 32)
        let sent = server.recorded.values.compactMap { $0["id"]?.intValue }
        #expect(Set(sent) == Set(ids))
    }

    @Test("parameters are serialized as a positional array")
    func parameters() async throws {
        let server = try echoServer()
        let client = try JSONRPCClient(url: server.url)
        _ = try await client.call("eth_getBalance", ["0x00000000000000000000000000000000000000aa", "latest"])
        let body = try #require(server.recorded.values.first)
        #expect(body["params"] == ["0x00000000000000000000000000000000000000aa", "latest"])
    }

    @Test("a batch's answers are matched by id whatever order the node sends them in")
    func batchOutOfOrder() async throws {
        let server = try ScriptedRPCServer { request in
            let answers: [JSONValue] = (request.body.arrayValue ?? []).reversed().map { call in
                let id = call["id"] ?? .null
                if call["method"] == "eth_fails" {
                    return ScriptedRPCServer.object(
                        id: id, key: "error", value: ["code": 3, "message": "execution reverted: Not host"])
                }
                return ScriptedRPCServer.object(id: id, key: "result", value: call["params"]?.arrayValue?.first ?? nil)
            }
            return LoopbackHTTPResponse(body: JSONValue.array(answers).description)
        }
        let client = try JSONRPCClient(url: server.url)
        let calls = (0..<5).map { RPCCall("eth_echo", [.string("answer-\($0)")]) } + [RPCCall("eth_fails")]
        let results = try await client.sendBatch(calls)
        #expect(results.count == 6)
        for index in 0..<5 {
            #expect(try results[index].get() == .string("answer-\(index)"))
        }
        guard case .failure(let error) = results[5] else {
            Issue.record("the failing call succeeded")
            return
        }
        #expect(error.code == .executionReverted)
        #expect(error.revertReason == "Not host")
        // The batch went out as one HTTP request with distinct ids.
        #expect(server.http.requestsServed == 1)
        let ids = try #require(server.recorded.values.first?.arrayValue).compactMap { $0["id"]?.intValue }
        #expect(Set(ids).count == 6)
    }

    @Test("a batch answer missing one id fails that call only")
    func batchMissingAnswer() async throws {
        let server = try ScriptedRPCServer { request in
            let answers: [JSONValue] = (request.body.arrayValue ?? []).dropLast().map { call in
                ScriptedRPCServer.object(id: call["id"] ?? .null, key: "result", value: "0x1")
            }
            return LoopbackHTTPResponse(body: JSONValue.array(answers).description)
        }
        let client = try JSONRPCClient(url: server.url)
        let results = try await client.sendBatch([RPCCall("a"), RPCCall("b"), RPCCall("c")])
        #expect(try results[0].get() == "0x1")
        #expect(try results[1].get() == "0x1")
        #expect(throws: RPCError.self) { try results[2].get() }
    }

    @Test("an empty batch sends nothing")
    func emptyBatch() async throws {
        let server = try echoServer()
        let client = try JSONRPCClient(url: server.url)
        #expect(try await client.sendBatch([]).isEmpty)
        #expect(server.http.requestsServed == 0)
    }

    @Test("a response with another id, no result, or a non-JSON body is an invalid response")
    func invalidResponses() async throws {
        let counter = Counter()
        let server = try ScriptedRPCServer { request in
            switch counter.next() {
            case 1: return ScriptedRPCServer.result("0x1", id: 999_999)
            case 2: return LoopbackHTTPResponse(body: #"{"jsonrpc":"2.0","id":\#(request.id)}"#)
            case 3: return LoopbackHTTPResponse(body: "<html>bad gateway</html>")
            default: return LoopbackHTTPResponse(body: "[]")
            }
        }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        for expected in [RPCError.Code.invalidResponse, .invalidResponse, .invalidJSON, .invalidResponse] {
            do {
                _ = try await client.call("eth_blockNumber")
                Issue.record("expected \(expected)")
            } catch {
                #expect(error.code == expected)
                #expect(error.attempts == 1)
            }
        }
        #expect(counter.current == 4)
    }

    @Test("URLs other than http(s) are refused when the client is made")
    func badURL() {
        #expect(throws: RPCError.self) { try JSONRPCClient(url: "ftp://example") }
        #expect(throws: RPCError.self) { try JSONRPCClient(url: "127.0.0.1:8545") }
        #expect(throws: RPCError.self) { try JSONRPCClient(url: "http://bad host") }
    }
}
