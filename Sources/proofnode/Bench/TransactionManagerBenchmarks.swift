import Dispatch
import Ethereum
import LoopbackHTTP

/// The transaction manager's full cycle (fees, gas, nonce, sign, persist hook, broadcast, receipt)
/// against a loopback node that mines instantly: what the client side costs per checkpoint
/// submission (issue 6 needs ≥ 200 per second end to end).
struct TransactionManagerBenchmarks: BenchmarkSuite {
    let name = "txmanager"
    let summary = "send → receipt through the transaction manager to an instantly mining loopback node"

    private final class Samples: @unchecked Sendable {
        var sequential: [Double] = []
        var concurrent: [Double] = []
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let server = try LoopbackHTTPServer { request in
            let body: JSONValue
            do {
                body = try JSONValue.parse(request.body)
            } catch {
                return LoopbackHTTPResponse(status: 400, body: "bad request")
            }
            let reply: JSONValue = ["jsonrpc": "2.0", "id": body["id"] ?? nil, "result": Self.answer(body)]
            return LoopbackHTTPResponse(body: reply.description)
        }
        defer { server.stop() }
        // Hardhat's published development key #0 (public; never funded on a real chain).
        let signer = try EthereumSigner(
            privateKeyHex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        let client = EthereumClient(try JSONRPCClient(configuration: RPCClientConfiguration(url: server.url)))
        let manager = TransactionManager(
            client: client, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(1)))
        let intent = TransactionIntent(
            to: try EthereumAddress(parsing: "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4"),
            data: [UInt8](repeating: 0xab, count: 260))
        let runs = recorder.runs
        let samples = Samples()
        try runBlocking("txmanager") {
            let clock = ContinuousClock()
            for _ in 0..<20 { _ = try await manager.send(intent, signer: signer, persist: { _ in }) }
            for _ in 0..<runs {
                let start = clock.now
                for _ in 0..<50 { _ = try await manager.send(intent, signer: signer, persist: { _ in }) }
                samples.sequential.append(Self.milliseconds(clock.now - start) / 50)
            }
            for _ in 0..<runs {
                let start = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask {
                            for _ in 0..<10 {
                                _ = try await manager.send(intent, signer: signer, persist: { _ in })
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                samples.concurrent.append(160 / (Self.milliseconds(clock.now - start) / 1000))
            }
        }
        recorder.record(
            "send → receipt, one at a time (per transaction)", unit: "ms", samples: samples.sequential, batch: 50)
        recorder.record(
            "send → receipt, 16 concurrent senders (throughput)", unit: "tx/s", samples: samples.concurrent, batch: 160)
    }

    /// An instantly mining node: every transaction is in a block by the time its receipt is asked for.
    private static func answer(_ call: JSONValue) -> JSONValue {
        let params = call["params"]?.arrayValue ?? []
        switch call["method"]?.stringValue ?? "" {
        case "eth_chainId": return "0x7a69"
        case "eth_getBlockByNumber":
            return [
                "number": "0x64", "hash": .string("0x" + String(repeating: "11", count: 32)),
                "parentHash": .string("0x" + String(repeating: "22", count: 32)), "timestamp": "0x1",
                "baseFeePerGas": "0x3b9aca00", "gasLimit": "0x1c9c380", "gasUsed": "0x0", "transactions": [],
            ]
        case "eth_feeHistory":
            return [
                "oldestBlock": "0x61", "baseFeePerGas": ["0x3b9aca00", "0x3b9aca00"], "gasUsedRatio": [0.5],
                "reward": [["0x1"]],
            ]
        case "eth_maxPriorityFeePerGas": return "0x5f5e100"
        case "eth_estimateGas": return "0x186a0"
        case "eth_getTransactionCount": return "0x0"
        case "eth_sendRawTransaction":
            do {
                return .string(Hex.encode(Keccak256.hash(try Hex.decode(params.first?.stringValue ?? "0x"))))
            } catch {
                return nil
            }
        case "eth_getTransactionReceipt":
            return [
                "transactionHash": params.first ?? nil, "blockNumber": "0x65",
                "blockHash": .string("0x" + String(repeating: "33", count: 32)), "transactionIndex": "0x0",
                "from": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "to": nil, "status": "0x1", "gasUsed": "0x1",
                "cumulativeGasUsed": "0x1", "logs": [],
            ]
        default: return nil
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
    }
}
