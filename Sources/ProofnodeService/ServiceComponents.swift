import AuditStore
import Commitment
import Ethereum
import Logging
import Metrics

/// What `proofnode serve` has built before it starts the API: the parts a checkpoint pipeline (the
/// Settlement module's submitter and settler) needs to implement ``SessionIngest``. Handed to the
/// `makeIngest` closure of ``ServiceRuntime/run(configuration:logger:registry:note:makeIngest:)``.
public struct ServiceComponents: Sendable {
    /// The resolved configuration.
    public let configuration: ServiceConfiguration
    /// The open audit store.
    public let store: AuditStore
    /// The proof keys (prover and verifiers).
    public let keys: KeyManager
    /// The verifier (configured dev mode and size limit).
    public let verifier: CheckpointVerifier
    /// The proof system's metrics, on the service's metrics factory.
    public let proofMetrics: ProofMetrics
    /// The chain's JSON-RPC URL (the embedded MockChain's loopback URL in embedded mode).
    public let rpcURL: String
    /// A client for the chain.
    public let chain: EthereumClient
    /// The JobMarketplace contract.
    public let marketplace: EthereumAddress
    /// The host's signer.
    public let signer: EthereumSigner
    /// The service's logger.
    public let logger: Logger
    /// The metrics factory `/metrics` exports.
    public let metricsFactory: any MetricsFactory
}
