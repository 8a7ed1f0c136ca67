import ProofnodeService

/// Where `proofnode serve` constructs the checkpoint pipeline behind the host endpoints.
///
/// The Settlement module (checkpoint submitter and auto-settler) implements ``SessionIngest``; wire it
/// here by building it from the components (store, keys, chain client, marketplace, signer, metrics).
/// Until then the host endpoints answer 503 (``UnwiredSessionIngest``).
enum SessionIngestWiring {
    /// Builds the pipeline.
    @Sendable static func make(_ components: ServiceComponents) async throws -> any SessionIngest {
        UnwiredSessionIngest()
    }
}
