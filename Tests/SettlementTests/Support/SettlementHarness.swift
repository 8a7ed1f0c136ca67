import AuditStore
import BN254
import Commitment
import Ethereum
import Foundation
import Groth16
import MockChain
import Testing

@testable import Settlement

/// Test keys for the checkpoint circuit, made once per test process with the insecure test-only setup
/// and written to a temporary keys directory (for child processes too).
struct KeyFixture: Sendable {
    let key: ProvingKey
    let directory: String

    static let shared: KeyFixture = {
        do {
            var generator = SplitMix(state: 606)
            let key = try Setup.generateKeysForTestingOnly(
                for: CheckpointCircuit.shared.system, insecureGenerator: &generator)
            let directory = TemporaryFiles.directory("keys")
            try KeySetup.write(key, into: directory, force: false)
            return KeyFixture(key: key, directory: directory)
        } catch {
            fatalError("key fixture: \(error)")
        }
    }()

    /// A generator over the fixture's keys (the proving key installed, not read from disk).
    func generator() throws -> ProofGenerator {
        let configuration = ProofConfiguration(keysDirectory: directory)
        let keys = KeyManager(configuration: configuration)
        _ = try keys.install(provingKey: key)
        return try ProofGenerator(configuration: configuration, keys: keys, cache: .some(nil))
    }
}

/// Temporary paths, unique per test process and call.
enum TemporaryFiles {
    static func directory(_ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-settlement-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            Issue.record("cannot create \(url.path): \(error)")
        }
        return url.path
    }
}

/// A MockChain on loopback with a manual clock (time moves only by evm_increaseTime), an audit store,
/// and helpers to open sessions and build submitters.
final class SettlementHarness: Sendable {
    let holder: ServerHolder
    let chain: MockChain
    let port: Int
    let url: String
    let eth: EthereumClient
    let marketplace: JobMarketplace
    let depositor: EthereumSigner
    let host: EthereumSigner
    let otherHost: EthereumSigner
    let storeDirectory: String
    let storePath: String
    let store: AuditStore

    static let modelHash = Digest256.sha256(utf8: "llama-3-8b-instruct.Q4_K_M.gguf (test)")

    init() async throws {
        var configuration = MockChainConfiguration()
        let start = WallClock.now()
        configuration.clock = { start }
        let server = try await MockChainServer.start(configuration: configuration)
        holder = ServerHolder(server)
        chain = server.chain
        port = server.port
        url = server.url
        eth = EthereumClient(try JSONRPCClient(url: url))
        marketplace = JobMarketplace(address: server.chain.marketplaceAddress)
        depositor = server.chain.devAccounts[0]
        host = server.chain.devAccounts[1]
        otherHost = server.chain.devAccounts[2]
        storeDirectory = TemporaryFiles.directory("store")
        storePath = storeDirectory + "/audit.sqlite"
        store = try AuditStore(path: storePath)
    }

    func stop() async { await holder.stop() }

    /// Takes the node off the network (connections are refused) until ``startServer()``.
    func stopServer() async { await holder.stop() }

    /// Serves the same chain (state intact) on the same port again.
    func startServer() async throws { try await holder.start(chain: chain, port: port) }

    /// A submitter for `signer` (the host by default) that advances the manual chain clock instead of
    /// sleeping, with fast retries.
    func submitter(
        signer: EthereumSigner? = nil, configuration: SubmissionConfiguration? = nil,
        observer: SubmissionObserver? = nil, client: EthereumClient? = nil
    ) throws -> CheckpointSubmitter {
        let client = client ?? eth
        let manager = TransactionManager(
            client: client,
            configuration: TransactionManagerConfiguration(
                receiptTimeout: .seconds(20), pollInterval: .milliseconds(20)))
        return CheckpointSubmitter(
            store: store, client: client, manager: manager, marketplace: marketplace, signer: signer ?? host,
            generator: try KeyFixture.shared.generator(),
            configuration: configuration
                ?? SubmissionConfiguration(
                    retryDelay: .init(initial: .milliseconds(20), maximum: .milliseconds(200)),
                    maximumOutage: .seconds(60)),
            pacer: .chain(client, advancingDevClock: true), observer: observer)
    }

    /// Opens a session as the depositor for `host` and returns its job id.
    func openSession(
        host: EthereumSigner? = nil, interval: UInt64 = 1000, price: U256 = U256(1_000_000_000_000),
        deposit: U256 = U256(1_000_000_000_000_000_000)
    ) async throws -> String {
        let intent = try marketplace.createSessionJobForModel(
            host: (host ?? self.host).address, modelId: [UInt8](repeating: 0x4D, count: 32), pricePerToken: price,
            maxDuration: U256(86_400), proofInterval: U256(interval), proofTimeoutWindow: U256(3600), deposit: deposit)
        let outcome = try await send(intent, from: depositor)
        for event in try marketplace.events(in: outcome.receipt) {
            if case .sessionJobCreatedForModel(let jobId, _, _, _, _) = event { return jobId.description }
        }
        throw SubmissionError(.sessionUnusable, "no SessionJobCreatedForModel event")
    }

    /// Sends a transaction from `signer` outside the submitter (the depositor, another host).
    @discardableResult
    func send(_ intent: TransactionIntent, from signer: EthereumSigner) async throws -> TransactionOutcome {
        let manager = TransactionManager(
            client: eth, configuration: TransactionManagerConfiguration(pollInterval: .milliseconds(20)))
        return try await manager.send(intent, signer: signer) { _ in }
    }

    /// The chain's proofs for a job, by `getProofSubmission` until "Bad index".
    func chainProofs(_ jobID: String) async throws -> [ProofSubmission] {
        let id = try U256(parsing: jobID)
        var proofs: [ProofSubmission] = []
        while true {
            do {
                proofs.append(
                    try await marketplace.proofSubmission(sessionId: id, index: U256(UInt64(proofs.count)), on: eth))
            } catch {
                if error.code == .badIndex { return proofs }
                throw error
            }
        }
    }

    /// The `ProofSubmitted` events of a job, found with `eth_getLogs`.
    func proofSubmittedLogs(_ jobID: String) async throws -> [JobMarketplaceEvent] {
        try await marketplace.events(
            on: eth, from: .earliest, names: ["ProofSubmitted"], jobId: try U256(parsing: jobID)
        ).map(\.event)
    }

    /// Messages of `tokens` tokens each.
    static func messages(_ tokens: [Int64], label: String = "m") -> [SessionMessage] {
        tokens.enumerated().map { index, count in
            SessionMessage(
                prompt: "\(label) prompt \(index): what is \(index) squared?",
                response: "\(label) response \(index): \(index * index).", tokens: count)
        }
    }
}

/// The MockChain server that is currently up (the chain outlives restarts).
actor ServerHolder {
    private var server: MockChainServer?

    init(_ server: MockChainServer) { self.server = server }

    func stop() async {
        await server?.stop()
        server = nil
    }

    func start(chain: MockChain, port: Int) async throws {
        guard server == nil else { return }
        server = try await MockChainServer.start(chain: chain, port: port)
    }
}
