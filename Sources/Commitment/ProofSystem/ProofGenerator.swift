import Dispatch
import Foundation
import Groth16

/// Makes checkpoint proof envelopes with the configured backend, through the proof cache.
///
/// Groth16 (the default) needs the proving key (loaded lazily by the ``KeyManager``); a missing or
/// corrupt key is a thrown ``ProofSystemError`` naming the file — the generator never falls back to the
/// mock backend. The mock backend is used only when the configuration selects it and dev mode is on.
/// Thread-safe: proofs may be generated concurrently from many tasks.
public final class ProofGenerator: Sendable {
    /// The configuration the generator was made with.
    public let configuration: ProofConfiguration
    /// The keys.
    public let keys: KeyManager
    /// The proof cache (nil when disabled).
    public let cache: ProofCache?
    private let metrics: ProofMetrics
    private let witnessBuilder: CheckpointWitnessBuilder
    private let clock: @Sendable () -> UInt64

    /// A generator for `configuration`.
    /// - Parameters:
    ///   - keys: the key manager (by default one for the configuration's files).
    ///   - cache: the proof cache (by default one with the configuration's bounds; nil disables caching).
    ///   - clock: the envelope timestamp in Unix seconds (tests may fix it).
    /// - Throws: ``ProofSystemError`` `.invalidConfiguration` when the configuration is inconsistent (mock
    ///   without dev mode).
    public init(
        configuration: ProofConfiguration, keys: KeyManager? = nil, cache: ProofCache?? = nil,
        metrics: ProofMetrics = ProofMetrics(),
        clock: @escaping @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }
    ) throws(ProofSystemError) {
        let problems = configuration.validationProblems()
        guard problems.isEmpty else {
            let error = ProofSystemError(
                .invalidConfiguration, "the proof configuration has \(problems.count) problem(s)", problems: problems)
            metrics.recordError(error)
            throw error
        }
        self.configuration = configuration
        self.keys = keys ?? KeyManager(configuration: configuration, metrics: metrics)
        switch cache {
        case .some(let explicit): self.cache = explicit
        case .none:
            self.cache =
                configuration.cacheEntries > 0
                ? ProofCache(
                    maximumEntries: configuration.cacheEntries, maximumBytes: configuration.cacheBytes, metrics: metrics
                )
                : nil
        }
        self.metrics = metrics
        self.witnessBuilder = CheckpointWitnessBuilder(circuit: .shared)
        self.clock = clock
    }

    /// The envelope proving `statement` (from the cache when the same statement was proven before).
    /// - Parameter proverId: the envelope's `prover_id` (the host address when nil).
    /// - Throws: ``ProofSystemError`` `.keyFileMissing`/`.keyFileCorrupt`/`.keyCircuitMismatch` when the
    ///   proving key cannot be used, `.provingFailed` when the statement cannot be proven.
    public func prove(
        _ statement: CheckpointStatement, proverId: String? = nil
    ) throws(ProofSystemError)
        -> ProofEnvelope
    {
        let backend = configuration.backend
        let active: KeyManager.ActiveProver? = backend == .groth16 ? try keys.prover() : nil
        if let cached = cache?.envelope(for: statement), cached.proofType == backend,
            active == nil || cached.keyFingerprint == active?.fingerprint
        {
            return cached
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let proofData: [UInt8]
        let fingerprint: String
        if let active {
            do {
                let assignment = try witnessBuilder.assignment(for: statement)
                proofData = try active.prover.prove(assignment).encoded
            } catch {
                let failure = ProofSystemError(.provingFailed, "the checkpoint could not be proven: \(error)")
                metrics.recordError(failure)
                throw failure
            }
            fingerprint = active.fingerprint
        } else {
            proofData = MockProof.bytes(for: statement.publicInputs)
            fingerprint = MockProof.keyFingerprint
        }
        metrics.recordProof(backend: backend, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        let envelope = ProofEnvelope(
            statement: statement.publicInputs, hashes: statement.opening, proofData: proofData, proofType: backend,
            timestamp: clock(), proverId: proverId ?? statement.publicInputs.host.hex, keyFingerprint: fingerprint)
        cache?.insert(envelope, for: statement)
        return envelope
    }
}
