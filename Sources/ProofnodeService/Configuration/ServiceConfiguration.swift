import Commitment
import Ethereum
import Logging

/// Everything `proofnode serve` and `proofnode doctor` need, resolved from the configuration file, the
/// environment and defaults (in that order of weakness: the environment wins over the file, the file
/// over the default). Load it with ``load(file:environment:)``; see docs/CONFIGURATION.md.
///
/// The proof system's part is the existing ``ProofConfiguration`` (built from the same keys), so the two
/// never disagree. ``description`` is safe to log: secrets are shown as `<set>`.
public struct ServiceConfiguration: Sendable, CustomStringConvertible {
    /// The HTTP server's settings.
    public struct Server: Sendable, Equatable {
        /// The address to listen on.
        public var host: String
        /// The TCP port (0: any free port).
        public var port: Int
        /// The largest accepted request body.
        public var maxBodyBytes: Int
        /// How long a graceful shutdown waits for in-flight work.
        public var shutdownGraceSeconds: Double
    }

    /// The checkpoint pipeline's settings.
    public struct Pipeline: Sendable, Equatable {
        /// Checkpoints queued or in flight above which token segments are refused with 503 (`overloaded`).
        public var maxPendingCheckpoints: Int
        /// How many checkpoints are proven side by side (each on its own lower-priority thread).
        public var proverThreads: Int

        /// Creates settings.
        /// - Parameters:
        ///   - maxPendingCheckpoints: The backlog bound (default 256).
        ///   - proverThreads: The prover threads (default 2).
        public init(maxPendingCheckpoints: Int = 256, proverThreads: Int = 2) {
            self.maxPendingCheckpoints = maxPendingCheckpoints
            self.proverThreads = proverThreads
        }
    }

    /// Which chain the node talks to.
    public enum ChainMode: String, Sendable, Equatable, CaseIterable {
        /// An in-process MockChain on loopback (the out-of-the-box default).
        case embedded
        /// A real node over JSON-RPC.
        case rpc
    }

    /// The chain's settings.
    public struct Chain: Sendable, Equatable {
        /// Embedded MockChain or a node over JSON-RPC.
        public var mode: ChainMode
        /// The JSON-RPC endpoint (rpc mode).
        public var rpcURL: String?
        /// The expected chain id.
        public var chainID: UInt64
        /// The JobMarketplace contract (rpc mode; the embedded chain deploys its own).
        public var jobMarketplace: EthereumAddress?
        /// The dispute window override, in seconds.
        public var disputeWindowSeconds: UInt64?
        /// The embedded chain's port (0: any).
        public var embeddedPort: Int
    }

    /// Where the host's signing key comes from.
    public enum HostKey: Sendable, Equatable, CustomStringConvertible {
        /// A key given as text (`HOST_PRIVATE_KEY` or `host.private_key`); never printed.
        case inline(Secret)
        /// A key file.
        case file(String)
        /// The embedded chain's public dev account (`index`): development only.
        case devAccount(Int)
        /// No key configured.
        case none

        /// A description without the secret.
        public var description: String {
            switch self {
            case .inline: "<set> (HOST_PRIVATE_KEY / host.private_key)"
            case .file(let path): "file \(path)"
            case .devAccount(let index): "embedded chain dev account \(index) (public test key: development only)"
            case .none: "<not set>"
            }
        }
    }

    /// The HTTP server.
    public var server: Server
    /// The checkpoint pipeline (backlog bound, prover threads).
    public var pipeline: Pipeline
    /// The audit store's SQLite file.
    public var storePath: String
    /// Days prompt and response text is kept after settlement.
    public var textRetentionDays: Double
    /// The proof keys' directory.
    public var keysDirectory: String
    /// Whether a first start without keys runs the single-party setup.
    public var generateKeysIfMissing: Bool
    /// The proof system's configuration (keys, backend, cache, limits).
    public var proofs: ProofConfiguration
    /// The chain.
    public var chain: Chain
    /// A deployed verifier every checkpoint proof must also verify on before settlement
    /// (`settlement.require_onchain_verifier`; docs/ONCHAIN.md); nil: local verification only.
    public var requiredOnChainVerifier: EthereumAddress?
    /// The host's signing key.
    public var hostKey: HostKey
    /// The model file hashed into proofs, when configured.
    public var modelPath: String?
    /// The accepted bearer tokens (hashes only).
    public var tokens: [AuthToken]
    /// The log level.
    public var logLevel: Logger.Level
    /// Where each key's value came from (`file`, an environment variable's name, or `default`).
    public var sources: [String: String]

    /// Loads the configuration.
    /// - Parameters:
    ///   - file: The JSON configuration file; nil uses only the environment and defaults.
    ///   - environment: The environment variables (the process environment by default).
    /// - Returns: The resolved configuration.
    /// - Throws: ``ServiceError`` `.configurationUnreadable` for a missing or malformed file, or
    ///   `.invalidConfiguration` listing every invalid value at once.
    public static func load(
        file: String? = nil, environment: [String: String]
    ) throws(ServiceError) -> ServiceConfiguration {
        var loader = ConfigurationLoader(environment: environment)
        if let file { try loader.readFile(file) }
        return try loader.resolve()
    }

    /// Every key with its value and source, secrets redacted; one line per key.
    public var description: String {
        var lines: [String] = []
        func line(_ path: String, _ value: String) {
            lines.append("\(path) = \(value)  (\(sources[path] ?? "default"))")
        }
        line("server.host", server.host)
        line("server.port", String(server.port))
        line("server.max_body_bytes", String(server.maxBodyBytes))
        line("server.shutdown_grace_seconds", String(server.shutdownGraceSeconds))
        line("pipeline.max_pending_checkpoints", String(pipeline.maxPendingCheckpoints))
        line("pipeline.prover_threads", String(pipeline.proverThreads))
        line("store.path", storePath)
        line("store.text_retention_days", String(textRetentionDays))
        line("keys.directory", keysDirectory)
        line("keys.generate_if_missing", String(generateKeysIfMissing))
        line("proofs.backend", proofs.backend.rawValue)
        line("proofs.dev_mode", String(proofs.devMode))
        line("proofs.proving_key", proofs.provingKeyPath)
        line("proofs.verifying_keys", proofs.verifyingKeyPaths.joined(separator: ":"))
        line("proofs.cache_entries", String(proofs.cacheEntries))
        line("proofs.cache_bytes", String(proofs.cacheBytes))
        line("proofs.max_proof_bytes", String(proofs.maxProofBytes))
        line("chain.mode", chain.mode.rawValue)
        line("chain.rpc_url", chain.rpcURL.map(Self.redactedURL) ?? "<not set>")
        line("chain.chain_id", String(chain.chainID))
        line("chain.job_marketplace", chain.jobMarketplace?.description ?? "<not set>")
        line("chain.dispute_window_seconds", chain.disputeWindowSeconds.map(String.init) ?? "<from the chain>")
        line("chain.embedded_port", String(chain.embeddedPort))
        line("settlement.require_onchain_verifier", requiredOnChainVerifier?.description ?? "<not set: local only>")
        line("host.private_key", hostKey.description)
        line("model.path", modelPath ?? "<not set>")
        line("auth.tokens", tokens.isEmpty ? "<none>" : tokens.map(\.description).joined(separator: ", "))
        line("log.level", logLevel.rawValue)
        return lines.joined(separator: "\n")
    }
}

/// A secret string (a private key): compared by value, never printed.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret text.
    public let value: String
    /// Wraps `value`.
    public init(_ value: String) { self.value = value }
    /// `<redacted>`.
    public var description: String { "<redacted>" }
    /// `<redacted>`.
    public var debugDescription: String { "<redacted>" }
}

extension ServiceConfiguration {
    /// A node URL as it may appear in output: scheme, host and port only. Provider URLs carry API keys
    /// in their path, query or user info (`https://mainnet.infura.io/v3/KEY`).
    public static func redactedURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(an RPC URL)" }
        let scheme = url[..<schemeEnd.lowerBound]
        var rest = url[schemeEnd.upperBound...]
        if let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/") { rest = rest[rest.index(after: at)...] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let removed = authorityEnd != rest.endIndex && rest[authorityEnd...] != "/"
        return "\(scheme)://\(rest[..<authorityEnd])" + (removed ? "/…" : "")
    }
}
