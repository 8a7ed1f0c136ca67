import Dispatch
import Foundation
import Groth16

/// Loads, validates and caches the checkpoint circuit's keys, and keeps several verifying keys by
/// fingerprint so that proofs made before a key rotation still verify.
///
/// Keys load lazily on first use and stay in memory. Every key is validated: file format, version and
/// checksum, points (the verifying key's G2 points including subgroup membership), and the circuit
/// digest against the compiled ``CheckpointCircuit``. A missing or invalid key is a
/// ``ProofSystemError`` naming the file and what to run; there is never a fallback to the mock backend.
/// Thread-safe: a lock guards the caches; concurrent first uses load a key once.
public final class KeyManager: @unchecked Sendable {
    /// The proving key file.
    public let provingKeyPath: String
    /// The verifying key files (current first).
    public let verifyingKeyPaths: [String]
    private let circuit: CheckpointCircuit
    private let metrics: ProofMetrics
    private let lock = NSLock()
    private var loadedProver: ActiveProver?
    private var verifiers: [String: Verifier] = [:]
    private var verifyingFilesLoaded = false
    private var currentVerifyingFingerprint: String?

    /// A prover with the fingerprint of its verifying key.
    public struct ActiveProver: Sendable {
        /// The prover.
        public let prover: Prover
        /// The fingerprint of the verifying key matching the prover's key.
        public let fingerprint: String
    }

    /// A manager for the key files of `configuration`.
    public init(
        configuration: ProofConfiguration, circuit: CheckpointCircuit = .shared, metrics: ProofMetrics = ProofMetrics()
    ) {
        provingKeyPath = configuration.provingKeyPath
        verifyingKeyPaths = configuration.verifyingKeyPaths
        self.circuit = circuit
        self.metrics = metrics
    }

    /// The prover, loading and validating the proving key on first use.
    /// - Throws: ``ProofSystemError`` `.keyFileMissing`, `.keyFileCorrupt` or `.keyCircuitMismatch`.
    public func prover() throws(ProofSystemError) -> ActiveProver {
        lock.lock()
        defer { lock.unlock() }
        if let loadedProver { return loadedProver }
        let start = DispatchTime.now().uptimeNanoseconds
        let key: ProvingKey
        do {
            key = try ProvingKey(encoded: try Self.read(provingKeyPath, what: "proving key"))
        } catch let error as ProofSystemError {
            metrics.recordError(error)
            throw error
        } catch {
            throw corrupt(provingKeyPath, "proving key", error)
        }
        let active = try install(provingKey: key, file: provingKeyPath)
        metrics.provingKeyLoadSeconds.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return active
    }

    /// Uses `key` as the proving key (instead of the file) and registers its verifying key.
    /// - Throws: ``ProofSystemError`` `.keyCircuitMismatch` when it is for another circuit.
    @discardableResult
    public func install(provingKey key: ProvingKey) throws(ProofSystemError) -> ActiveProver {
        lock.lock()
        defer { lock.unlock() }
        return try install(provingKey: key, file: nil)
    }

    private func install(provingKey key: ProvingKey, file: String?) throws(ProofSystemError) -> ActiveProver {
        try checkCircuit(key.verifyingKey, file: file, what: "proving key")
        let prover: Prover
        do {
            prover = try Prover(key: key, system: circuit.system)
        } catch {
            throw fail(.keyFileCorrupt, "the proving key does not fit the checkpoint circuit: \(error.message)", file)
        }
        let fingerprint = key.verifyingKey.fingerprint
        if verifiers[fingerprint] == nil { verifiers[fingerprint] = Verifier(key: key.verifyingKey) }
        let active = ActiveProver(prover: prover, fingerprint: fingerprint)
        loadedProver = active
        return active
    }

    /// Registers a verifying key (e.g. an older key after a rotation) and returns its fingerprint.
    /// - Throws: ``ProofSystemError`` `.keyCircuitMismatch` when it is for another circuit.
    @discardableResult
    public func register(verifyingKey key: VerifyingKey) throws(ProofSystemError) -> String {
        lock.lock()
        defer { lock.unlock() }
        try checkCircuit(key, file: nil, what: "verifying key")
        let fingerprint = key.fingerprint
        if verifiers[fingerprint] == nil { verifiers[fingerprint] = Verifier(key: key) }
        return fingerprint
    }

    /// The verifier for the key with `fingerprint`, or nil when no known key has it. Loads the
    /// configured verifying key files on first use.
    /// - Throws: ``ProofSystemError`` when a configured verifying key file is missing or invalid.
    public func verifier(fingerprint: String) throws(ProofSystemError) -> Verifier? {
        lock.lock()
        defer { lock.unlock() }
        try loadVerifyingFiles()
        return verifiers[fingerprint]
    }

    /// The current verifying key's fingerprint (the first configured file's), loading it if needed.
    /// - Throws: ``ProofSystemError`` when the file is missing or invalid.
    public func currentFingerprint() throws(ProofSystemError) -> String {
        lock.lock()
        defer { lock.unlock() }
        try loadVerifyingFiles()
        if let currentVerifyingFingerprint { return currentVerifyingFingerprint }
        if let loadedProver { return loadedProver.fingerprint }
        throw fail(.keyFileMissing, "no verifying key is configured; run `proofnode setup`", nil)
    }

    /// The fingerprints of every key known so far, sorted.
    public var knownFingerprints: [String] {
        lock.lock()
        defer { lock.unlock() }
        return verifiers.keys.sorted()
    }

    private func loadVerifyingFiles() throws(ProofSystemError) {
        guard !verifyingFilesLoaded else { return }
        for (index, path) in verifyingKeyPaths.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            let key = try Self.loadVerifyingKey(at: path, circuit: circuit, metrics: metrics)
            let fingerprint = key.fingerprint
            if verifiers[fingerprint] == nil { verifiers[fingerprint] = Verifier(key: key) }
            if index == 0 { currentVerifyingFingerprint = fingerprint }
            metrics.verifyingKeyLoadSeconds.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        verifyingFilesLoaded = true
    }

    /// Reads and validates a verifying key file (format, checksum, points, circuit digest).
    /// - Throws: ``ProofSystemError`` `.keyFileMissing`, `.keyFileCorrupt` or `.keyCircuitMismatch`.
    public static func loadVerifyingKey(
        at path: String, circuit: CheckpointCircuit = .shared, metrics: ProofMetrics = ProofMetrics()
    ) throws(ProofSystemError) -> VerifyingKey {
        let key: VerifyingKey
        do {
            key = try VerifyingKey(encoded: try read(path, what: "verifying key"))
        } catch let error as ProofSystemError {
            metrics.recordError(error)
            throw error
        } catch {
            let failure = ProofSystemError(
                .keyFileCorrupt,
                "the verifying key \(path) is not valid (\(error)); regenerate keys with `proofnode setup --force` "
                    + "or restore the file", file: path)
            metrics.recordError(failure)
            throw failure
        }
        guard key.circuitDigest == circuit.system.circuitDigest, key.publicInputCount == 5 else {
            let failure = ProofSystemError(
                .keyCircuitMismatch,
                "the verifying key \(path) was made for another circuit (its circuit digest differs from this "
                    + "build's checkpoint circuit); run `proofnode setup --force` to make keys for this build",
                file: path)
            metrics.recordError(failure)
            throw failure
        }
        return key
    }

    static func read(_ path: String, what: String) throws(ProofSystemError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProofSystemError(
                .keyFileMissing,
                "the \(what) file \(path) does not exist; run `proofnode setup` (or `scripts/generate_keys.sh`) "
                    + "to generate keys, or point PROOFNODE_\(what == "proving key" ? "PROVING" : "VERIFYING")_KEY "
                    + "at the right file", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProofSystemError(
                .keyFileMissing, "the \(what) file \(path) cannot be read; check its permissions", file: path)
        }
        return [UInt8](data)
    }

    private func checkCircuit(_ key: VerifyingKey, file: String?, what: String) throws(ProofSystemError) {
        guard key.circuitDigest == circuit.system.circuitDigest, key.publicInputCount == 5 else {
            throw fail(
                .keyCircuitMismatch,
                "the \(what)\(file.map { " \($0)" } ?? "") was made for another circuit (its circuit digest differs "
                    + "from this build's checkpoint circuit); run `proofnode setup --force` to make keys for this build",
                file)
        }
    }

    private func corrupt(_ path: String, _ what: String, _ error: any Error) -> ProofSystemError {
        fail(
            .keyFileCorrupt,
            "the \(what) \(path) is not valid (\(error)); regenerate keys with `proofnode setup --force` "
                + "or restore the file", path)
    }

    private func fail(_ code: ProofSystemError.Code, _ message: String, _ file: String?) -> ProofSystemError {
        let error = ProofSystemError(code, message, file: file)
        metrics.recordError(error)
        return error
    }
}
