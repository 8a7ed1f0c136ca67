import AuditStore
import Commitment
import Dispatch
import Ethereum
import Foundation
import Groth16
import MockChain
import Settlement

/// Checkpoints proven, stored (audit store on disk, synchronous = FULL) and submitted to the loopback
/// MockChain through the whole submission pipeline — statement, proof, store, signed delta, rate-rule
/// check, gas estimate, sign, persist before broadcast, broadcast, receipt — by many concurrent sessions
/// of one host. Measured with real Groth16 proofs and with the mock proof backend (the pipeline without
/// the proof's cost), so the limit is visible.
struct SettlementBenchmarks: BenchmarkSuite {
    let name = "settlement"
    let summary = "checkpoints proven, stored and submitted to the loopback MockChain per second (groth16 and mock)"

    /// Concurrent sessions per sample and checkpoints per session.
    static let sessions = 32
    static let checkpointsPerSession = 4

    private final class Samples: @unchecked Sendable {
        var groth16: [Double] = []
        var mock: [Double] = []
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        let runs = recorder.runs
        let samples = Samples()
        try runBlocking("settlement") {
            try await Self.measure(runs: runs, into: samples)
        }
        let batch = Self.sessions * Self.checkpointsPerSession
        recorder.record(
            "checkpoints proven+stored+submitted (groth16, \(Self.sessions) sessions)", unit: "ckpt/s",
            samples: samples.groth16, batch: batch)
        recorder.record(
            "checkpoints stored+submitted (mock proofs, \(Self.sessions) sessions)", unit: "ckpt/s",
            samples: samples.mock, batch: batch)
    }

    /// A chain clock that moves two seconds on every read, so that consecutive blocks are always far
    /// enough apart for the 2000-tokens-per-second rule and the pacer never has to wait.
    final class FastClock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = WallClock.now()
        func next() -> UInt64 {
            lock.lock()
            defer { lock.unlock() }
            seconds += 2
            return seconds
        }
    }

    private static func measure(runs: Int, into samples: Samples) async throws {
        let fast = FastClock()
        var configuration = MockChainConfiguration()
        configuration.clock = { fast.next() }
        let server = try await MockChainServer.start(configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-bench-settle-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // Benchmark scratch space; a leftover directory in the temp folder is harmless.
            do { try FileManager.default.removeItem(at: directory) } catch {}
        }
        do {
            let key = try Setup.generateKeys(for: CheckpointCircuit.shared.system)
            let real = ProofConfiguration(keysDirectory: directory.path)
            let keys = KeyManager(configuration: real)
            try keys.install(provingKey: key)
            let groth16 = try ProofGenerator(configuration: real, keys: keys, cache: .some(nil))
            var mockConfiguration = ProofConfiguration(keysDirectory: directory.path)
            mockConfiguration.backend = .mock
            mockConfiguration.devMode = true
            let mock = try ProofGenerator(configuration: mockConfiguration, cache: .some(nil))
            for (generator, label) in [(groth16, "groth16"), (mock, "mock")] {
                let store = try AuditStore(path: directory.appendingPathComponent("\(label).sqlite").path)
                let bench = try Bench(server: server, store: store, generator: generator)
                _ = try await bench.sample()  // warm-up
                for _ in 0..<runs {
                    let rate = try await bench.sample()
                    if label == "groth16" { samples.groth16.append(rate) } else { samples.mock.append(rate) }
                }
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// One host, one submitter, fresh sessions per sample.
    struct Bench {
        let eth: EthereumClient
        let depositor: TransactionManager
        let depositorKey: EthereumSigner
        let market: JobMarketplace
        let runner: SessionRunner
        let hostAddress: EthereumAddress

        init(server: MockChainServer, store: AuditStore, generator: ProofGenerator) throws {
            eth = EthereumClient(
                try JSONRPCClient(configuration: RPCClientConfiguration(url: server.url, retry: .never)))
            market = JobMarketplace(address: server.chain.marketplaceAddress)
            depositorKey = server.chain.devAccounts[0]
            let host = server.chain.devAccounts[1]
            hostAddress = host.address
            depositor = TransactionManager(
                client: eth, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(2)))
            let manager = TransactionManager(
                client: eth, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(2)))
            let submitter = CheckpointSubmitter(
                store: store, client: eth, manager: manager, marketplace: market, signer: host, generator: generator,
                pacer: .chain(eth, advancingDevClock: true))
            runner = SessionRunner(submitter: submitter, modelHash: .sha256(utf8: "bench model"))
        }

        /// Opens one session (proof interval 100 tokens, deposit for 1,000,000 tokens) and returns its job id.
        func openSession() async throws -> String {
            let intent = try market.createSessionJobForModel(
                host: hostAddress, modelId: [UInt8](repeating: 7, count: 32), pricePerToken: U256(1_000_000_000),
                maxDuration: U256(864_000), proofInterval: U256(100), proofTimeoutWindow: U256(3600),
                deposit: U256(1_000_000_000_000_000))
            let outcome = try await depositor.send(intent, signer: depositorKey) { _ in }
            for event in try market.events(in: outcome.receipt) {
                if case .sessionJobCreatedForModel(let id, _, _, _, _) = event { return id.description }
            }
            throw CommandFailure("createSessionJobForModel was mined without a SessionJobCreatedForModel event")
        }

        /// Opens the sessions (not timed), then runs them concurrently: checkpoints per second.
        func sample() async throws -> Double {
            var jobs: [String] = []
            for _ in 0..<SettlementBenchmarks.sessions { jobs.append(try await openSession()) }
            let messages = (0..<SettlementBenchmarks.checkpointsPerSession).map {
                SessionMessage(prompt: "prompt \($0)", response: "response \($0)", tokens: 100)
            }
            let runner = self.runner
            let start = DispatchTime.now().uptimeNanoseconds
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for job in jobs {
                    group.addTask { try await runner.run(jobID: job, messages: messages).checkpoints.count }
                }
                return try await group.reduce(0, +)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard total == SettlementBenchmarks.sessions * SettlementBenchmarks.checkpointsPerSession else {
                throw CommandFailure(
                    "expected \(jobs.count * SettlementBenchmarks.checkpointsPerSession) checkpoints, got \(total)")
            }
            return Double(total) / seconds
        }
    }
}
