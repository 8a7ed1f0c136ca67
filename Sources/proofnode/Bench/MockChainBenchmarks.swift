import Dispatch
import Ethereum
import MockChain

/// The MockChain over loopback HTTP: signed transfers and `submitProofOfWork` calls sent with
/// `eth_sendRawTransaction` and their receipts fetched, sequentially and from concurrent senders.
struct MockChainBenchmarks: BenchmarkSuite {
    let name = "mockchain"
    let summary = "MockChain send + receipt round trips per second over loopback HTTP"

    private final class Samples: @unchecked Sendable {
        var transfer: [Double] = []
        var proof: [Double] = []
        var concurrent: [Double] = []
        var blockNumber: [Double] = []
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let runs = recorder.runs
        let samples = Samples()
        try runBlocking("mockchain") {
            try await Self.measure(runs: runs, into: samples)
        }
        recorder.record("eth_blockNumber round trip", unit: "us", samples: samples.blockNumber, batch: 200)
        recorder.record("transfer: send + receipt (sequential)", unit: "tx/s", samples: samples.transfer, batch: 100)
        recorder.record(
            "submitProofOfWork: send + receipt (sequential)", unit: "tx/s", samples: samples.proof, batch: 100)
        recorder.record("transfers from 8 concurrent senders", unit: "tx/s", samples: samples.concurrent, batch: 400)
    }

    private static func measure(runs: Int, into samples: Samples) async throws {
        let server = try await MockChainServer.start(configuration: MockChainConfiguration())
        do {
            try await measure(server: server, runs: runs, into: samples)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private static func measure(server: MockChainServer, runs: Int, into samples: Samples) async throws {
        let client = EthereumClient(
            try JSONRPCClient(configuration: RPCClientConfiguration(url: server.url, retry: .never)))
        let accounts = server.chain.devAccounts
        let market = server.chain.marketplaceAddress
        var nonces = [UInt64](repeating: 0, count: accounts.count)
        for (index, account) in accounts.enumerated() {
            nonces[index] = try await client.transactionCount(of: account.address, at: .pending)
        }
        let cap = U256(100_000_000_000)
        let tip = U256(1_000_000_000)
        func raw(
            _ index: Int, to: EthereumAddress, data: [UInt8] = [], value: U256 = .zero, gas: UInt64 = 21_000
        ) throws
            -> [UInt8]
        {
            defer { nonces[index] += 1 }
            return try accounts[index].sign(
                .dynamicFee(
                    chainId: 31337, nonce: nonces[index], maxPriorityFeePerGas: tip, maxFeePerGas: cap, gasLimit: gas,
                    to: to, value: value, data: data)
            ).raw
        }
        func roundTrip(_ bytes: [UInt8]) async throws {
            let hash = try await client.sendRawTransaction(bytes)
            guard let receipt = try await client.transactionReceipt(hash), receipt.succeeded else {
                throw MockChainError(.executionFailed, rpcCode: -32000, "a benchmark transaction failed")
            }
        }
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            for _ in 0..<200 { _ = try await client.blockNumber() }
            samples.blockNumber.append(seconds(clock.now - start) * 1e6 / 200)
        }
        for _ in 0..<runs {
            let batch = try (0..<100).map { _ in try raw(1, to: accounts[2].address, value: U256(1)) }
            let start = clock.now
            for bytes in batch { try await roundTrip(bytes) }
            samples.transfer.append(100 / seconds(clock.now - start))
        }
        // 100 sessions; each sample submits one proof to each (time moved with evm_increaseTime, so
        // that the 2000-tokens-per-second rule holds for every session).
        let create = try ABIFunctionSignature(
            parsing: "createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)")
        let submit = try ABIFunctionSignature(parsing: "submitProofOfWork(uint256,uint256,bytes32,string,string)")
        let deposit = U256(1_000_000_000_000_000_000)
        for _ in 0..<100 {
            try await roundTrip(
                try raw(
                    3, to: market,
                    data: try create.encodeCall([
                        .address(accounts[4].address), .fixedBytes([UInt8](repeating: 1, count: 32)), .uint(U256(1000)),
                        .uint(U256(365 * 86_400)), .uint(U256(100)), .uint(U256(3600)),
                    ]), value: deposit, gas: 1_000_000))
        }
        var counter: UInt64 = 0
        for _ in 0..<runs {
            _ = try await client.call("evm_increaseTime", [.string(U256(60).hexQuantity)])
            _ = try await client.call("evm_mine")
            let batch = try (1...100).map { job in
                counter += 1
                return try raw(
                    4, to: market,
                    data: try submit.encodeCall([
                        .uint(U256(UInt64(job))), .uint(U256(100)),
                        .fixedBytes(Keccak256.hash("bench proof \(counter)")),
                        .string("bafybenchproof"), .string(""),
                    ]), gas: 500_000)
            }
            let start = clock.now
            for bytes in batch { try await roundTrip(bytes) }
            samples.proof.append(100 / seconds(clock.now - start))
        }
        for _ in 0..<runs {
            let lanes = try (0..<8).map { lane in
                try (0..<50).map { _ in try raw(lane + 1, to: accounts[0].address, value: U256(1)) }
            }
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in lanes { group.addTask { for bytes in lane { try await roundTrip(bytes) } } }
                try await group.waitForAll()
            }
            samples.concurrent.append(400 / seconds(clock.now - start))
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
