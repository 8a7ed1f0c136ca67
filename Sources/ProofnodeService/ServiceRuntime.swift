import AuditStore
import Commitment
import Ethereum
import Foundation
import Logging
import Metrics
import MockChain
import Prometheus
import ServiceLifecycle
import UnixSignals

/// Builds the service from a ``ServiceConfiguration`` and runs it: keys (generated on first run), the
/// audit store (its directory created), the chain (an embedded MockChain or a node over JSON-RPC), the
/// verifier, the ``SessionIngest`` (from `makeIngest`), and ``ProofnodeServer`` until SIGTERM/SIGINT.
public enum ServiceRuntime {
    /// Builds the components; starts the embedded chain when configured (returned so it can be stopped).
    /// - Throws: ``ServiceError`` naming the part that could not be built and what to do.
    public static func prepare(
        configuration: ServiceConfiguration, logger: Logger, metricsFactory: any MetricsFactory,
        note: (String) -> Void
    ) async throws(ServiceError) -> (ServiceComponents, MockChainServer?) {
        try KeyBootstrap.ensureKeys(configuration, note: note)
        let proofMetrics = ProofMetrics(factory: metricsFactory)
        let verifier = CheckpointVerifier(configuration: configuration.proofs, metrics: proofMetrics)
        do {
            _ = try verifier.keys.currentFingerprint()
        } catch {
            throw ServiceError(.keysUnavailable, error.description)
        }
        let store = try openStore(configuration)
        let signer = try hostSigner(configuration.hostKey)
        var embedded: MockChainServer?
        let rpcURL: String
        let marketplace: EthereumAddress
        switch configuration.chain.mode {
        case .embedded:
            var chainConfiguration = MockChainConfiguration()
            chainConfiguration.chainId = configuration.chain.chainID
            chainConfiguration.blockTime = 1
            if let window = configuration.chain.disputeWindowSeconds { chainConfiguration.disputeWindow = window }
            do {
                let server = try await MockChainServer.start(
                    configuration: chainConfiguration, port: configuration.chain.embeddedPort)
                embedded = server
                rpcURL = server.url
                marketplace = server.chain.marketplaceAddress
                note("embedded MockChain (development) at \(server.url), JobMarketplace \(marketplace)")
            } catch {
                throw ServiceError(.chainUnavailable, "the embedded MockChain could not start: \(error)")
            }
        case .rpc:
            guard let url = configuration.chain.rpcURL, let address = configuration.chain.jobMarketplace else {
                throw ServiceError(.invalidConfiguration, "rpc mode needs chain.rpc_url and chain.job_marketplace")
            }
            rpcURL = url
            marketplace = address
        }
        let chain: EthereumClient
        do {
            chain = EthereumClient(try JSONRPCClient(url: rpcURL))
        } catch {
            await embedded?.stop()
            throw ServiceError(.chainUnavailable, "cannot create the RPC client: \(error.message)")
        }
        let components = ServiceComponents(
            configuration: configuration, store: store, keys: verifier.keys, verifier: verifier,
            proofMetrics: proofMetrics, rpcURL: rpcURL, chain: chain, marketplace: marketplace, signer: signer,
            logger: logger, metricsFactory: metricsFactory)
        return (components, embedded)
    }

    /// Runs the service until SIGTERM or SIGINT, then shuts down gracefully.
    /// - Parameters:
    ///   - configuration: The resolved configuration.
    ///   - logger: The service logger.
    ///   - registry: The Prometheus registry `/metrics` renders (the one `MetricsSystem` was bootstrapped with).
    ///   - note: Receives start-up lines for the operator.
    ///   - makeIngest: Builds the checkpoint pipeline from the components (`proofnode serve`: ``PipelineSessionIngest/make(_:)``).
    /// - Throws: ``ServiceError`` when start-up fails.
    public static func run(
        configuration: ServiceConfiguration, logger: Logger, registry: PrometheusCollectorRegistry,
        note: (String) -> Void,
        makeIngest: @Sendable (ServiceComponents) async throws -> any SessionIngest
    ) async throws {
        let factory = ServiceMetrics.makeFactory(registry: registry)
        let (components, embedded) = try await prepare(
            configuration: configuration, logger: logger, metricsFactory: factory, note: note)
        let ingest = try await makeIngest(components)
        let metrics = ServiceMetrics(factory: factory)
        let readiness = ReadinessChecker(
            verifier: components.verifier, store: components.store, chain: try probeClient(components.rpcURL),
            chainID: configuration.chain.chainID, metrics: metrics)
        let dependencies = ServiceDependencies(
            store: components.store, verifier: components.verifier, ingest: ingest, readiness: readiness,
            authenticator: TokenAuthenticator(tokens: configuration.tokens), chainID: configuration.chain.chainID,
            maxBodyBytes: configuration.server.maxBodyBytes, maxProofBytes: configuration.proofs.maxProofBytes,
            metrics: metrics, registry: registry, logger: logger)
        if configuration.tokens.isEmpty {
            note("no bearer tokens configured: every /v1 endpoint answers 401; make one with `proofnode token new`")
        }
        let server = try await ProofnodeServer.start(
            dependencies: dependencies, host: configuration.server.host, port: configuration.server.port,
            shutdownGraceSeconds: configuration.server.shutdownGraceSeconds, signals: [.sigterm, .sigint],
            extraServices: [ChainProbeService(readiness: readiness)])
        note(
            "host \(components.signer.address) · chain \(configuration.chain.chainID) · store \(configuration.storePath)"
        )
        note("listening on \(server.url) (SIGTERM or Ctrl-C stops gracefully)")
        await server.wait()
        await embedded?.stop()
        note("stopped")
    }

    /// A client for probes: short timeout, no retries (a probe reports, it does not insist).
    static func probeClient(_ url: String) throws(ServiceError) -> EthereumClient {
        do {
            return EthereumClient(
                try JSONRPCClient(
                    configuration: RPCClientConfiguration(
                        url: url, timeout: .seconds(5), connectTimeout: .seconds(3), retry: .never,
                        maximumIdleConnections: 1)))
        } catch {
            throw ServiceError(.chainUnavailable, "cannot create the RPC client: \(error.message)")
        }
    }

    static func openStore(_ configuration: ServiceConfiguration) throws(ServiceError) -> AuditStore {
        let directory = URL(fileURLWithPath: configuration.storePath).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return try AuditStore(
                path: configuration.storePath,
                configuration: AuditStore.Configuration(
                    textRetentionAfterSettlement: configuration.textRetentionDays * 86_400))
        } catch {
            throw ServiceError(
                .storeUnavailable, "cannot open the audit store at \(configuration.storePath): \(error)")
        }
    }

    /// The host's signer; the key itself never appears in an error.
    public static func hostSigner(_ key: ServiceConfiguration.HostKey) throws(ServiceError) -> EthereumSigner {
        do {
            switch key {
            case .inline(let secret): return try EthereumSigner(privateKeyHex: secret.value)
            case .file(let path): return try EthereumSigner(contentsOfFile: path)
            case .devAccount(let index): return try EthereumSigner(privateKeyHex: DevAccounts.privateKeys[index])
            case .none:
                throw ServiceError(.invalidConfiguration, "no host key: set HOST_PRIVATE_KEY or host.private_key_file")
            }
        } catch let error as ServiceError {
            throw error
        } catch let error as EthereumError where error.code == .insecureKeyFile || error.code == .unreadableKeyFile {
            // These messages name the file and its mode, never the key.
            throw ServiceError(.invalidConfiguration, "the host key file cannot be used: \(error.message)")
        } catch {
            throw ServiceError(
                .invalidConfiguration, "the host key (\(key)) is not a valid secp256k1 private key (value not shown)")
        }
    }
}

/// Probes the chain every 15 s so `proofnode_chain_up`, `proofnode_chain_block_number` and
/// `proofnode_rpc_errors_total` stay current between scrapes.
struct ChainProbeService: Service {
    let readiness: ReadinessChecker

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    _ = await readiness.checkChain()
                    try await Task.sleep(for: .seconds(15))
                }
            }
        } catch is CancellationError {
            // The graceful shutdown cancels the sleep: a normal end, which must not cancel the group
            // (that would cut the drain short).
        }
    }
}
