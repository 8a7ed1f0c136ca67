import AuditStore
import Commitment
import Dispatch
import Ethereum
import Foundation
import Groth16
import Logging
import MockChain
import Prometheus
import ProofnodeService
import Settlement

/// The load benchmark's world: one MockChain and one set of checkpoint keys; per run a fresh audit store,
/// pipeline and API server, fresh sessions on the chain, the load, the drain and the accounting.
enum LoadWorld {
    static let token = "bench-load-host-token"

    static func measure(
        shape: PipelineLoadBenchmarks.Shape, runs: Int
    ) async throws -> [PipelineLoadBenchmarks.RunResult] {
        var chainConfiguration = MockChainConfiguration()
        chainConfiguration.blockTime = 1  // as `proofnode serve` runs its embedded chain
        let chain = try await MockChainServer.start(configuration: chainConfiguration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proofnode-bench-load-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // Benchmark scratch space; a leftover directory in the temp folder is harmless.
            do { try FileManager.default.removeItem(at: directory) } catch {}
        }
        var results: [PipelineLoadBenchmarks.RunResult] = []
        do {
            print("  generating checkpoint keys …")
            let key = try Setup.generateKeys(for: CheckpointCircuit.shared.system)
            let keysDirectory = directory.appendingPathComponent("keys").path
            var proofs = ProofConfiguration(keysDirectory: keysDirectory)
            proofs.cacheEntries = 0
            try KeySetup.write(key, into: keysDirectory, force: false)
            for run in 0..<runs {
                let store = try AuditStore(path: directory.appendingPathComponent("run-\(run).sqlite").path)
                let result = try await oneRun(
                    shape: shape, chain: chain, chainID: chainConfiguration.chainId, store: store, proofs: proofs)
                let json = try JSONEncoder().encode(result)
                print("  run \(run + 1): " + (String(data: json, encoding: .utf8) ?? "{}"))
                results.append(result)
            }
        } catch {
            await chain.stop()
            throw error
        }
        await chain.stop()
        return results
    }

    private static func oneRun(
        shape: PipelineLoadBenchmarks.Shape, chain: MockChainServer, chainID: UInt64, store: AuditStore,
        proofs: ProofConfiguration
    ) async throws -> PipelineLoadBenchmarks.RunResult {
        let eth = EthereumClient(try JSONRPCClient(url: chain.url))
        let marketplace = JobMarketplace(address: chain.chain.marketplaceAddress)
        let host = chain.chain.devAccounts[1]
        let logger = Logger(label: "proofnode.bench.load") { _ in SwiftLogNoOpLogHandler() }
        let registry = PrometheusCollectorRegistry()
        let factory = ServiceMetrics.makeFactory(registry: registry)
        let keys = KeyManager(configuration: proofs)
        let manager = TransactionManager(client: eth)
        let submitter = CheckpointSubmitter(
            store: store, client: eth, manager: manager, marketplace: marketplace, signer: host,
            generator: try ProofGenerator(configuration: proofs, keys: keys, cache: .some(nil)),
            provers: shape.inlineProving ? nil : .pool(threads: shape.proverThreads))
        let settlementChain = SettlementChain(client: eth, marketplace: marketplace)
        let settler = AutoSettler(
            store: store,
            validator: SessionValidator(store: store, keys: keys, chain: settlementChain),
            chain: settlementChain, manager: manager, signer: host)
        let ingest = PipelineSessionIngest(
            store: store, submitter: submitter, settler: settler, chainID: chainID, modelHash: nil,
            shutdownGrace: .seconds(600), logger: logger)
        await ingest.start()
        let metrics = ServiceMetrics(factory: factory)
        let verifier = CheckpointVerifier(configuration: proofs, metrics: ProofMetrics(factory: factory))
        guard let digest = AuthToken.parseDigest(AuthToken.hash(of: token)) else {
            throw CommandFailure("the bench token's digest does not parse")
        }
        let server = try await ProofnodeServer.start(
            dependencies: ServiceDependencies(
                store: store, verifier: verifier, ingest: ingest,
                readiness: ReadinessChecker(
                    verifier: verifier, store: store, chain: eth, chainID: chainID, metrics: metrics),
                authenticator: TokenAuthenticator(tokens: [AuthToken(name: "bench", role: .host, sha256: digest)]),
                chainID: chainID, maxBodyBytes: 1 << 20, maxProofBytes: proofs.maxProofBytes,
                metrics: metrics, registry: registry, logger: logger),
            shutdownGraceSeconds: 600)
        let jobs = try await openSessions(shape: shape, chain: chain, eth: eth, marketplace: marketplace)
        let client = try LoadHTTPClient(baseURL: server.url, token: token)
        let driven: Result<DrivenLoad, any Error>
        do {
            for job in jobs {
                let status = try await client.post(
                    "/v1/sessions", #"{"jobId": "\#(job)", "modelId": "bench", "chainId": \#(chainID)}"#)
                guard status == 201 || status == 200 else {
                    throw CommandFailure("registering job \(job) answered \(status)")
                }
            }
            driven = .success(try await LoadDriver.drive(shape: shape, jobs: jobs, client: client))
        } catch {
            driven = .failure(error)
        }
        try await client.shutdown()
        let result = try driven.get()
        // Drain: wait (bounded) until every due checkpoint is confirmed.
        let drainStart = DispatchTime.now().uptimeNanoseconds
        var accounts: [CheckpointAccount] = []
        for _ in 0..<1200 {
            accounts = []
            for (job, tokens) in zip(jobs, result.sessionTokens) {
                accounts.append(
                    try await CheckpointAccounting.account(
                        jobID: job, tokens: tokens, proofInterval: shape.proofInterval, store: store,
                        marketplace: marketplace, client: eth))
            }
            if accounts.allSatisfy({ $0.confirmed == $0.expected }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        var figures = result.figures
        figures.drainSeconds = Double(DispatchTime.now().uptimeNanoseconds - drainStart) / 1e9
        figures.checkpointsDue = accounts.reduce(0) { $0 + $1.expected }
        figures.checkpointsConfirmed = accounts.reduce(0) { $0 + $1.confirmed }
        figures.checkpointsDueRate = Double(figures.checkpointsDue) / shape.seconds
        figures.lost = accounts.reduce(0) { $0 + $1.lost }
        figures.duplicated = accounts.reduce(0) { $0 + $1.duplicated }
        if let wal = store.database.walCheckpoints {
            print(
                "  store WAL: \(wal.background) background checkpoints, \(wal.inline) inside a commit (at the limit), "
                    + "\(wal.failures) failed, largest WAL \(wal.largestWALPages) pages")
        }
        await server.stop()
        return figures
    }

    /// Opens `shape.sessions` sessions of the host (dev account 1) paid by dev account 0.
    private static func openSessions(
        shape: PipelineLoadBenchmarks.Shape, chain: MockChainServer, eth: EthereumClient, marketplace: JobMarketplace
    ) async throws -> [String] {
        let depositor = TransactionManager(
            client: eth, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(5)))
        var jobs: [String] = []
        for _ in 0..<shape.sessions {
            let intent = try marketplace.createSessionJobForModel(
                host: chain.chain.devAccounts[1].address, modelId: [UInt8](repeating: 0x4C, count: 32),
                pricePerToken: U256(1_000_000_000), maxDuration: U256(86_400), proofInterval: U256(shape.proofInterval),
                proofTimeoutWindow: U256(3600), deposit: U256(1_000_000_000_000_000_000))
            let outcome = try await depositor.send(intent, signer: chain.chain.devAccounts[0]) { _ in }
            for event in try marketplace.events(in: outcome.receipt) {
                if case .sessionJobCreatedForModel(let id, _, _, _, _) = event { jobs.append(id.description) }
            }
        }
        guard jobs.count == shape.sessions else {
            throw CommandFailure("opened \(jobs.count) of \(shape.sessions) sessions")
        }
        return jobs
    }
}
