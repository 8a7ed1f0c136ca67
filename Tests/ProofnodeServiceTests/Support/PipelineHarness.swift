import AuditStore
import Commitment
import Ethereum
import Foundation
import Logging
import MockChain
import Prometheus
import ProofnodeService
import Settlement
import Testing

/// A MockChain with a manual clock (time moves only by evm_increaseTime) and a short dispute window, an
/// audit store, and a running API server whose host endpoints are a real ``PipelineSessionIngest`` over
/// the shared fixture's test keys. ``restart()`` replaces the ingest and server over the same store.
final class PipelineHarness: @unchecked Sendable {
    let server: MockChainServer
    let eth: EthereumClient
    let marketplace: JobMarketplace
    let depositor: EthereumSigner
    let host: EthereumSigner
    let chainID: UInt64
    let store: AuditStore
    let proofs: ProofConfiguration
    private(set) var ingest: PipelineSessionIngest
    private(set) var api: ProofnodeServer
    let logger: Logger

    var client: HTTPTestClient { HTTPTestClient(baseURL: api.url) }

    /// - Parameters:
    ///   - observer: Told about every submission step (tests hold steps back with it).
    ///   - shutdownGrace: How long the ingest's shutdown waits for queued work.
    ///   - logger: The pipeline's logger (warnings and above by default).
    init(
        observer: SubmissionObserver? = nil, shutdownGrace: Duration = .seconds(60), logger: Logger? = nil,
        maxPendingCheckpoints: Int = 256
    ) async throws {
        var fallback = Logger(label: "proofnode.tests.pipeline")
        fallback.logLevel = .warning
        self.logger = logger ?? fallback
        var configuration = MockChainConfiguration()
        let start = WallClock.now()
        configuration.clock = { start }
        configuration.disputeWindow = 10
        server = try await MockChainServer.start(configuration: configuration)
        eth = EthereumClient(try JSONRPCClient(url: server.url))
        marketplace = JobMarketplace(address: server.chain.marketplaceAddress)
        depositor = server.chain.devAccounts[0]
        host = server.chain.devAccounts[1]
        chainID = try await eth.chainId()
        let directory = ServiceFixture.temporaryDirectory("pipeline")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try AuditStore(path: directory + "/proofnode.sqlite")
        proofs = try await ServiceFixture.shared().proofs
        (ingest, api) = try await Self.launch(
            store: store, proofs: proofs, eth: eth, marketplace: marketplace, host: host, chainID: chainID,
            url: server.url, observer: observer, shutdownGrace: shutdownGrace, logger: self.logger,
            maxPendingCheckpoints: maxPendingCheckpoints)
    }

    /// Shuts the ingest down (as `proofnode serve` does on SIGTERM) and starts a new one on the same store.
    func restart(observer: SubmissionObserver? = nil) async throws {
        await api.stop()
        await ingest.shutdown()
        (ingest, api) = try await Self.launch(
            store: store, proofs: proofs, eth: eth, marketplace: marketplace, host: host, chainID: chainID,
            url: server.url, observer: observer, shutdownGrace: .seconds(60), logger: logger, maxPendingCheckpoints: 256
        )
    }

    func stop() async {
        await api.stop()
        await ingest.shutdown()
        await server.stop()
    }

    private static func launch(
        store: AuditStore, proofs: ProofConfiguration, eth: EthereumClient, marketplace: JobMarketplace,
        host: EthereumSigner, chainID: UInt64, url: String, observer: SubmissionObserver?, shutdownGrace: Duration,
        logger: Logger, maxPendingCheckpoints: Int
    ) async throws -> (PipelineSessionIngest, ProofnodeServer) {
        let manager = TransactionManager(
            client: eth,
            configuration: TransactionManagerConfiguration(
                receiptTimeout: .seconds(20), pollInterval: .milliseconds(20)))
        let submitter = CheckpointSubmitter(
            store: store, client: eth, manager: manager, marketplace: marketplace, signer: host,
            generator: try ProofGenerator(configuration: proofs, cache: .some(nil)),
            configuration: SubmissionConfiguration(
                retryDelay: .init(initial: .milliseconds(20), maximum: .milliseconds(200)), maximumOutage: .seconds(60)),
            pacer: .chain(eth, advancingDevClock: true), observer: observer)
        let chain = SettlementChain(client: eth, marketplace: marketplace)
        let settler = AutoSettler(
            store: store,
            validator: SessionValidator(store: store, keys: KeyManager(configuration: proofs), chain: chain),
            chain: chain, manager: manager, signer: host, timer: DevChainTimer(client: eth),
            configuration: AutoSettlerConfiguration(margin: 1, initialBackoff: 1, maximumBackoff: 2),
            telemetry: SettlementTelemetry(logger: logger))
        let ingest = PipelineSessionIngest(
            store: store, submitter: submitter, settler: settler, chainID: chainID, modelHash: nil,
            shutdownGrace: shutdownGrace, maxPendingCheckpoints: maxPendingCheckpoints, logger: logger)
        await ingest.start()
        let api = try await ProofnodeServer.start(
            dependencies: ServiceFixture.dependencies(
                store: store, proofs: proofs, ingest: ingest, chainURL: url, registry: PrometheusCollectorRegistry(),
                chainID: chainID))
        return (ingest, api)
    }

    /// Opens a session as the depositor for the host and returns its job id.
    func openSession(interval: UInt64 = 1000) async throws -> String {
        let intent = try marketplace.createSessionJobForModel(
            host: host.address, modelId: [UInt8](repeating: 0x4D, count: 32), pricePerToken: U256(1_000_000_000_000),
            maxDuration: U256(86_400), proofInterval: U256(interval), proofTimeoutWindow: U256(3600),
            deposit: U256(1_000_000_000_000_000_000))
        let manager = TransactionManager(
            client: eth, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(20)))
        let outcome = try await manager.send(intent, signer: depositor) { _ in }
        for event in try marketplace.events(in: outcome.receipt) {
            if case .sessionJobCreatedForModel(let jobId, _, _, _, _) = event { return jobId.description }
        }
        throw CocoaError(.coderValueNotFound)
    }

    /// The `ProofSubmitted` events of a job.
    func proofSubmittedLogs(_ jobID: String) async throws -> Int {
        try await marketplace.events(
            on: eth, from: .earliest, names: ["ProofSubmitted"], jobId: try U256(parsing: jobID)
        ).count
    }

    /// Registers `job` over HTTP and requires 201/200.
    func register(_ job: String) async throws {
        let reply = try await client.post(
            "/v1/sessions", token: ServiceFixture.hostToken,
            json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": \#(chainID)}"#)
        try #require(reply.status == 201 || reply.status == 200, "register \(job): \(reply.status) \(reply.json)")
    }

    /// How the job's checkpoints stand in the store and on the chain.
    func account(_ job: String, tokens: UInt64, interval: UInt64) async throws -> CheckpointAccount {
        try await CheckpointAccounting.account(
            jobID: job, tokens: tokens, proofInterval: interval, store: store, marketplace: marketplace, client: eth)
    }

    /// Polls (bounded, not a timing assertion) until every checkpoint the tokens crossed is confirmed.
    func waitForCheckpoints(_ jobs: [String: UInt64], interval: UInt64) async throws -> [CheckpointAccount] {
        var accounts: [CheckpointAccount] = []
        for _ in 0..<1200 {
            accounts = []
            for (job, tokens) in jobs.sorted(by: { $0.key < $1.key }) {
                accounts.append(try await account(job, tokens: tokens, interval: interval))
            }
            if accounts.allSatisfy({ $0.confirmed == $0.expected }) { return accounts }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("checkpoints not all confirmed: \(accounts)")
        return accounts
    }

    /// The session as the chain holds it.
    func sessionJob(_ jobID: String) async throws -> SessionJob {
        try await marketplace.sessionJob(try U256(parsing: jobID), on: eth)
    }
}
