import Metrics

/// The proof system's metrics, emitted through swift-metrics (served as Prometheus by the HTTP server).
///
/// Names (Prometheus style):
/// - `proofnode_proof_generation_seconds` (timer, dimension `backend`),
/// - `proofnode_proof_errors_total` (counter, dimension `kind` = ``ProofSystemError/Code`` name),
/// - `proofnode_proof_cache_hits_total`, `…_misses_total`, `…_evictions_total` (counters),
/// - `proofnode_verifications_total` (counter, dimension `result`: `valid`, `invalid` or `error`),
/// - `proofnode_verification_seconds` (timer),
/// - `proofnode_key_load_seconds` (timer, dimension `key`: `proving` or `verifying`).
///
/// Pass a factory to direct the metrics somewhere other than the process-wide `MetricsSystem` (tests do).
public struct ProofMetrics: Sendable {
    /// The factory every metric is created with.
    public let factory: any MetricsFactory
    let groth16Seconds: Timer
    let mockSeconds: Timer
    let cacheHits: Counter
    let cacheMisses: Counter
    let cacheEvictions: Counter
    let verificationSeconds: Timer
    let provingKeyLoadSeconds: Timer
    let verifyingKeyLoadSeconds: Timer

    /// Metric names, for dashboards and tests.
    public enum Name {
        /// Proof generation time.
        public static let proofGenerationSeconds = "proofnode_proof_generation_seconds"
        /// Errors by kind.
        public static let proofErrors = "proofnode_proof_errors_total"
        /// Proof cache hits.
        public static let cacheHits = "proofnode_proof_cache_hits_total"
        /// Proof cache misses.
        public static let cacheMisses = "proofnode_proof_cache_misses_total"
        /// Proof cache evictions.
        public static let cacheEvictions = "proofnode_proof_cache_evictions_total"
        /// Verifications by result.
        public static let verifications = "proofnode_verifications_total"
        /// Verification time.
        public static let verificationSeconds = "proofnode_verification_seconds"
        /// Key load time.
        public static let keyLoadSeconds = "proofnode_key_load_seconds"
    }

    /// Metrics created with `factory` (by default the bootstrapped `MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        groth16Seconds = Timer(
            label: Name.proofGenerationSeconds, dimensions: [("backend", "groth16")], factory: factory)
        mockSeconds = Timer(label: Name.proofGenerationSeconds, dimensions: [("backend", "mock")], factory: factory)
        cacheHits = Counter(label: Name.cacheHits, factory: factory)
        cacheMisses = Counter(label: Name.cacheMisses, factory: factory)
        cacheEvictions = Counter(label: Name.cacheEvictions, factory: factory)
        verificationSeconds = Timer(label: Name.verificationSeconds, factory: factory)
        provingKeyLoadSeconds = Timer(label: Name.keyLoadSeconds, dimensions: [("key", "proving")], factory: factory)
        verifyingKeyLoadSeconds = Timer(
            label: Name.keyLoadSeconds, dimensions: [("key", "verifying")], factory: factory)
    }

    /// Counts an error by its code.
    func recordError(_ error: ProofSystemError) {
        Counter(label: Name.proofErrors, dimensions: [("kind", error.code.name)], factory: factory).increment()
    }

    /// Counts a verification by result (`valid`, `invalid`, `error`).
    func recordVerification(result: String, nanoseconds: UInt64) {
        Counter(label: Name.verifications, dimensions: [("result", result)], factory: factory).increment()
        verificationSeconds.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Records one proof's generation time.
    func recordProof(backend: ProofBackend, nanoseconds: UInt64) {
        (backend == .mock ? mockSeconds : groth16Seconds).recordNanoseconds(Int64(clamping: nanoseconds))
    }
}
