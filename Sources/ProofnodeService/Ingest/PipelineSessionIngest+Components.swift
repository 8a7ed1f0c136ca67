import AuditStore
import Commitment
import Ethereum
import Settlement

extension PipelineSessionIngest {
    /// Builds the pipeline `proofnode serve` runs from its components and starts it (recovery, resumption).
    ///
    /// One transaction manager serves both the submitter and the settler (one host key, one nonce
    /// sequence). Proofs run on `pipeline.prover_threads` lower-priority threads; segments are refused
    /// (503) above `pipeline.max_pending_checkpoints` queued checkpoints. The settler waits in chain time
    /// read from the latest block and sleeps for real; the dispute window is the configured `DISPUTE_WINDOW_SECONDS` or the chain's.
    /// - Parameter components: What `proofnode serve` has built.
    /// - Throws: ``ServiceError`` when the proof generator or the model hash cannot be made.
    public static func make(_ components: ServiceComponents) async throws(ServiceError) -> PipelineSessionIngest {
        let configuration = components.configuration
        let generator: ProofGenerator
        let modelHash: Digest256?
        do {
            generator = try ProofGenerator(
                configuration: configuration.proofs, keys: components.keys, metrics: components.proofMetrics)
            modelHash = try configuration.modelPath.map { path throws(ProofSystemError) in
                try ModelHasher().modelHash(for: .file(path: path))
            }
        } catch {
            throw ServiceError(.invalidConfiguration, "the checkpoint pipeline cannot be built: \(error)")
        }
        let marketplace = JobMarketplace(address: components.marketplace)
        let manager = TransactionManager(client: components.chain)
        let submitter = CheckpointSubmitter(
            store: components.store, client: components.chain, manager: manager, marketplace: marketplace,
            signer: components.signer, generator: generator,
            provers: .pool(threads: configuration.pipeline.proverThreads))
        let chain = SettlementChain(client: components.chain, marketplace: marketplace)
        let telemetry = SettlementTelemetry(logger: components.logger, factory: components.metricsFactory)
        let validator = SessionValidator(
            store: components.store, keys: components.keys, devMode: configuration.proofs.devMode, chain: chain,
            onChainVerifier: configuration.requiredOnChainVerifier.map {
                OnChainVerifierRequirement(client: components.chain, address: $0)
            },
            telemetry: telemetry)
        let settler = AutoSettler(
            store: components.store, validator: validator, chain: chain, manager: manager, signer: components.signer,
            configuration: AutoSettlerConfiguration(disputeWindowOverride: configuration.chain.disputeWindowSeconds),
            telemetry: telemetry)
        let ingest = PipelineSessionIngest(
            store: components.store, submitter: submitter, settler: settler, chainID: configuration.chain.chainID,
            modelHash: modelHash,
            // 80 % of the server's grace: the whole graceful shutdown is cut at the full grace, and the store
            // flush after the pipeline's wait must still fit.
            shutdownGrace: .milliseconds(Int64(max(1, configuration.server.shutdownGraceSeconds * 0.8) * 1000)),
            maxPendingCheckpoints: configuration.pipeline.maxPendingCheckpoints, logger: components.logger)
        await ingest.start()
        return ingest
    }
}
