import Dispatch
import Ethereum
import LoopbackHTTP

/// The JSON-RPC client over a loopback HTTP server: the time a round trip adds over the server's own
/// handling (issue target: ≤ 0.3 ms), batches, and concurrent callers.
struct RPCBenchmarks: BenchmarkSuite {
    let name = "rpc"
    let summary = "eth_blockNumber round trips to a loopback JSON-RPC server (client overhead over server time)"

    /// Per-sample state shared with the async measuring task.
    private final class Samples: @unchecked Sendable {
        var roundTrip: [Double] = []
        var server: [Double] = []
        var overhead: [Double] = []
        var batch: [Double] = []
        var concurrent: [Double] = []
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        // The server echoes the request id (or ids, for a batch) with a fixed block number.
        let server = try LoopbackHTTPServer { request in
            let body: JSONValue
            do {
                body = try JSONValue.parse(request.body)
            } catch {
                return LoopbackHTTPResponse(status: 400, body: "bad request")
            }
            func answer(_ call: JSONValue) -> JSONValue {
                ["jsonrpc": "2.0", "id": call["id"] ?? nil, "result": "0x12d687"]
            }
            let reply = body.arrayValue.map { JSONValue.array($0.map(answer)) } ?? answer(body)
            return LoopbackHTTPResponse(body: reply.description)
        }
        defer { server.stop() }
        let transport = try JSONRPCClient(configuration: RPCClientConfiguration(url: server.url, retry: .never))
        let client = EthereumClient(transport)
        let runs = recorder.runs
        let samples = Samples()
        try runBlocking("rpc") {
            try await Self.measure(client: client, transport: transport, server: server, runs: runs, into: samples)
        }
        recorder.record("eth_blockNumber round trip (keep-alive)", unit: "us", samples: samples.roundTrip, batch: 200)
        recorder.record("  of which the server's own time", unit: "us", samples: samples.server, batch: 200)
        recorder.record("  client overhead over server time", unit: "us", samples: samples.overhead, batch: 200)
        recorder.record("batch of 10 eth_blockNumber (per batch)", unit: "us", samples: samples.batch, batch: 100)
        recorder.record("4 concurrent callers (per call)", unit: "us", samples: samples.concurrent, batch: 400)
    }

    private static func measure(
        client: EthereumClient, transport: JSONRPCClient, server: LoopbackHTTPServer, runs: Int, into samples: Samples
    ) async throws {
        let clock = ContinuousClock()
        for _ in 0..<50 { _ = try await client.blockNumber() }  // warm-up: connection, caches
        for _ in 0..<runs {
            let calls = 200
            let serverBefore = server.totalServiceNanoseconds
            let start = clock.now
            for _ in 0..<calls { _ = try await client.blockNumber() }
            let elapsed = microseconds(clock.now - start) / Double(calls)
            let serverTime = Double(server.totalServiceNanoseconds - serverBefore) / 1000 / Double(calls)
            samples.roundTrip.append(elapsed)
            samples.server.append(serverTime)
            samples.overhead.append(elapsed - serverTime)
        }
        let batchCalls = [RPCCall](repeating: RPCCall("eth_blockNumber"), count: 10)
        for _ in 0..<runs {
            let start = clock.now
            for _ in 0..<100 { _ = try await transport.sendBatch(batchCalls) }
            samples.batch.append(microseconds(clock.now - start) / 100)
        }
        for _ in 0..<runs {
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { for _ in 0..<100 { _ = try await client.blockNumber() } }
                }
                try await group.waitForAll()
            }
            samples.concurrent.append(microseconds(clock.now - start) / 400)
        }
    }

    private static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }
}
