import ProofnodeService

/// Where `proofnode serve` constructs the checkpoint pipeline behind the host endpoints: the Settlement
/// module's submitter and auto-settler (``PipelineSessionIngest``), built from the service's components
/// and started (stored submissions recovered, unfinished sessions resumed) before the API accepts requests.
enum SessionIngestWiring {
    /// Builds and starts the pipeline.
    @Sendable static func make(_ components: ServiceComponents) async throws -> any SessionIngest {
        try await PipelineSessionIngest.make(components)
    }
}
