import Foundation

/// The proof system's configuration: where the keys are, which backend proves, cache and size limits.
///
/// Read from the environment with ``init(environment:keysDirectory:)``; see docs/CONFIGURATION.md.
public struct ProofConfiguration: Sendable, Equatable {
    /// The proving key file (`keys/commitment.pk` by default).
    public var provingKeyPath: String
    /// The verifying key files: the first is the current key; the others are older keys kept so that
    /// proofs made before a rotation still verify.
    public var verifyingKeyPaths: [String]
    /// The proving backend (``ProofBackend/groth16`` by default).
    public var backend: ProofBackend
    /// Development mode: allows the mock backend, and verifiers accept mock proofs. Off by default.
    public var devMode: Bool
    /// The proof cache's entry bound.
    public var cacheEntries: Int
    /// The proof cache's byte bound (binary envelope sizes).
    public var cacheBytes: Int
    /// The largest `proof_data` accepted when decoding or verifying an envelope.
    public var maxProofBytes: Int

    /// Default cache entries.
    public static let defaultCacheEntries = 1024
    /// Default cache bytes (16 MiB).
    public static let defaultCacheBytes = 16 << 20
    /// Default maximum proof size (a Groth16 proof is 256 bytes; EZKL's default limit was 10 000).
    public static let defaultMaxProofBytes = 10_000

    /// A configuration with keys under `keysDirectory` and every other value at its default.
    public init(keysDirectory: String = "keys") {
        let directory = URL(fileURLWithPath: keysDirectory)
        provingKeyPath = directory.appendingPathComponent(KeyFileNames.provingKey).path
        verifyingKeyPaths = [directory.appendingPathComponent(KeyFileNames.verifyingKey).path]
        backend = .groth16
        devMode = false
        cacheEntries = Self.defaultCacheEntries
        cacheBytes = Self.defaultCacheBytes
        maxProofBytes = Self.defaultMaxProofBytes
    }

    /// Reads the configuration from environment variables, with defaults for unset ones.
    ///
    /// | variable | alias (Fabstir) | meaning |
    /// |---|---|---|
    /// | `PROOFNODE_PROVING_KEY` | `EZKL_PROVING_KEY_PATH` | proving key file |
    /// | `PROOFNODE_VERIFYING_KEY` | `EZKL_VERIFYING_KEY_PATH` | verifying key file(s), `:`-separated, current first |
    /// | `PROOFNODE_PROOF_BACKEND` | `ENABLE_REAL_EZKL` (`true` → groth16, `false` → mock) | backend |
    /// | `PROOFNODE_PROOF_CACHE_SIZE` | — | cache entries (0 disables the cache) |
    /// | `PROOFNODE_PROOF_CACHE_BYTES` | — | cache byte bound |
    /// | `PROOFNODE_MAX_PROOF_BYTES` | `EZKL_MAX_PROOF_SIZE` | largest accepted proof |
    /// | `PROOFNODE_DEV_MODE` | — | `1`/`true` allows mock proofs |
    ///
    /// A `PROOFNODE_*` variable always wins over its alias; an alias is read only when the `PROOFNODE_*`
    /// variable is unset. Empty values count as unset.
    /// - Throws: ``ProofSystemError`` `.invalidConfiguration` listing every problem at once.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, keysDirectory: String = "keys"
    ) throws(ProofSystemError) {
        self.init(keysDirectory: keysDirectory)
        var problems: [String] = []
        func value(_ name: String, alias: String? = nil) -> (name: String, text: String)? {
            if let text = environment[name], !text.isEmpty { return (name, text) }
            if let alias, let text = environment[alias], !text.isEmpty { return (alias, text) }
            return nil
        }
        func integer(_ name: String, alias: String? = nil, minimum: Int) -> Int? {
            guard let (source, text) = value(name, alias: alias) else { return nil }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= minimum else {
                problems.append("\(source)=\(text) is not a whole number ≥ \(minimum)")
                return nil
            }
            return number
        }
        func flag(_ name: String, _ text: String) -> Bool? {
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(name)=\(text) is not a boolean (use true or false)")
                return nil
            }
        }
        if let (_, path) = value("PROOFNODE_PROVING_KEY", alias: "EZKL_PROVING_KEY_PATH") { provingKeyPath = path }
        if let (source, paths) = value("PROOFNODE_VERIFYING_KEY", alias: "EZKL_VERIFYING_KEY_PATH") {
            let list = paths.split(separator: ":").map(String.init)
            if list.isEmpty { problems.append("\(source) lists no file") } else { verifyingKeyPaths = list }
        }
        if let (_, text) = value("PROOFNODE_DEV_MODE"), let on = flag("PROOFNODE_DEV_MODE", text) { devMode = on }
        if let text = environment["PROOFNODE_PROOF_BACKEND"], !text.isEmpty {
            if let parsed = ProofBackend(rawValue: text.lowercased()) {
                backend = parsed
            } else {
                problems.append("PROOFNODE_PROOF_BACKEND=\(text) is not a backend (groth16 or mock)")
            }
        } else if let text = environment["ENABLE_REAL_EZKL"], !text.isEmpty,
            let real = flag("ENABLE_REAL_EZKL", text)
        {
            backend = real ? .groth16 : .mock
        }
        if let entries = integer("PROOFNODE_PROOF_CACHE_SIZE", minimum: 0) { cacheEntries = entries }
        if let bytes = integer("PROOFNODE_PROOF_CACHE_BYTES", minimum: 0) { cacheBytes = bytes }
        if let limit = integer("PROOFNODE_MAX_PROOF_BYTES", alias: "EZKL_MAX_PROOF_SIZE", minimum: 256) {
            maxProofBytes = limit
        }
        problems += validationProblems()
        guard problems.isEmpty else {
            throw ProofSystemError(
                .invalidConfiguration,
                "the proof configuration has \(problems.count) problem(s); see docs/CONFIGURATION.md",
                problems: problems)
        }
    }

    /// Problems of combination (each value may be fine on its own).
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if backend == .mock && !devMode {
            problems.append(
                "the mock backend proves nothing and is for development only: set PROOFNODE_DEV_MODE=1 to use it, "
                    + "or use PROOFNODE_PROOF_BACKEND=groth16 (ENABLE_REAL_EZKL=false selects mock)")
        }
        if maxProofBytes < 256 { problems.append("the maximum proof size must be at least 256 bytes") }
        if cacheEntries < 0 || cacheBytes < 0 { problems.append("cache bounds must not be negative") }
        return problems
    }
}

/// The file names `proofnode setup` writes into the keys directory.
public enum KeyFileNames {
    /// The proving key.
    public static let provingKey = "commitment.pk"
    /// The verifying key (binary).
    public static let verifyingKey = "commitment.vk"
    /// The verifying key in snarkjs' JSON format.
    public static let snarkjsVerifyingKey = "verification_key.json"
}
