import AuditStore
import Commitment
import Ethereum
import Foundation
import MockChain
import Settlement

/// What the demo runs on: an in-process MockChain on loopback (real-time clock, short dispute window),
/// the checkpoint keys, and a fresh audit store.
struct DemoWorld: Sendable {
    let server: MockChainServer
    let client: EthereumClient
    let marketplace: JobMarketplace
    let depositor: EthereumSigner
    let host: EthereumSigner
    let treasury: EthereumAddress
    let store: AuditStore
    let keys: KeyManager
    let generator: ProofGenerator
    let disputeWindow: UInt64
    /// Wei per 1000 tokens (the contract's `pricePerToken` with PRICE_PRECISION 1000).
    let price = U256(1_000_000_000_000)
    /// The session deposit (0.01 ETH).
    let deposit = U256(10_000_000_000_000_000)
    let proofInterval: UInt64 = 1000

    static func start(storePath: String, keysDirectory: String, disputeWindow: UInt64) async throws -> DemoWorld {
        var configuration = MockChainConfiguration()
        configuration.disputeWindow = disputeWindow
        let server = try await MockChainServer.start(configuration: configuration)
        let client = EthereumClient(try JSONRPCClient(url: server.url))
        let proofs = ProofConfiguration(keysDirectory: keysDirectory)
        let keys = KeyManager(configuration: proofs)
        return DemoWorld(
            server: server, client: client, marketplace: JobMarketplace(address: server.chain.marketplaceAddress),
            depositor: server.chain.devAccounts[0], host: server.chain.devAccounts[1],
            treasury: configuration.treasury, store: try AuditStore(path: storePath), keys: keys,
            generator: try ProofGenerator(configuration: proofs, keys: keys, cache: .some(nil)),
            disputeWindow: disputeWindow)
    }

    func stop() async { await server.stop() }

    func manager() -> TransactionManager {
        TransactionManager(
            client: client,
            configuration: TransactionManagerConfiguration(
                receiptTimeout: .seconds(20), pollInterval: .milliseconds(20)))
    }

    /// Opens a session (depositor → host) on chain and returns its job id.
    func openSession() async throws -> String {
        let intent = try marketplace.createSessionJobForModel(
            host: host.address, modelId: [UInt8](repeating: 0x4D, count: 32), pricePerToken: price,
            maxDuration: U256(86_400), proofInterval: U256(proofInterval), proofTimeoutWindow: U256(3600),
            deposit: deposit)
        let outcome = try await manager().send(intent, signer: depositor) { _ in }
        for event in try marketplace.events(in: outcome.receipt) {
            if case .sessionJobCreatedForModel(let jobId, _, _, _, _) = event { return jobId.description }
        }
        throw CommandFailure("the MockChain emitted no SessionJobCreatedForModel event")
    }

    /// A submitter for the host whose pacer honours the 2000-tokens-per-second rule in real time: it
    /// sleeps the seconds the rule asks for, then mines a block so that chain time shows them.
    func submitter(observer: @escaping SubmissionObserver) -> CheckpointSubmitter {
        let client = self.client
        let pacer = SubmissionPacer(
            chainTime: {
                guard let block = try await client.block(.latest) else { throw CommandFailure("no latest block") }
                return block.timestamp
            },
            advance: { seconds in
                try await Task.sleep(for: .seconds(Int64(seconds)))
                _ = try await client.mine()
            })
        return CheckpointSubmitter(
            store: store, client: client, manager: manager(), marketplace: marketplace, signer: host,
            generator: generator,
            configuration: SubmissionConfiguration(
                retryDelay: .init(initial: .milliseconds(50), maximum: .milliseconds(500)), maximumOutage: .seconds(30)),
            pacer: pacer, observer: observer)
    }

    /// A settler that waits the dispute window in real time (see ``RealTimeTimer``).
    func settler() -> AutoSettler {
        let chain = SettlementChain(client: client, marketplace: marketplace)
        let validator = SessionValidator(store: store, keys: keys, chain: chain)
        return AutoSettler(
            store: store, validator: validator, chain: chain, manager: manager(), signer: host,
            timer: RealTimeTimer(client: client),
            configuration: AutoSettlerConfiguration(disputeWindowOverride: disputeWindow, margin: 1, initialBackoff: 1))
    }
}

/// Settlement time on the MockChain in real time: waiting sleeps for real, then mines an (empty) block so
/// that the chain's latest timestamp — its notion of now — shows the time that passed. Chain time is
/// never moved ahead of the wall clock.
struct RealTimeTimer: SettlementTimer {
    let client: EthereumClient

    func chainTime() async throws -> UInt64 { try await ChainTimer(client: client).chainTime() }

    func wait(seconds: UInt64) async throws {
        print("  waiting \(seconds) s of real time (dispute window) …")
        try await Task.sleep(for: .seconds(Int64(min(seconds, 3600))))
        _ = try await client.mine()
    }
}
