/// One configuration key: its dotted path in the JSON file, the environment variables that override it,
/// whether its value is a secret, and what it means. ``all`` is the complete table (docs/CONFIGURATION.md
/// prints the same table).
public struct ConfigurationKey: Sendable, Hashable {
    /// The dotted path in the configuration file, e.g. `chain.rpc_url`.
    public let path: String
    /// The environment variables that override the file, strongest first (the `PROOFNODE_*` name, then the
    /// Fabstir name where one exists).
    public let environment: [String]
    /// Whether the value is a secret (printed as `<set>` / `<not set>`, never as its value).
    public let isSecret: Bool
    /// The default, as text (nil: unset by default).
    public let defaultValue: String?
    /// What the key means.
    public let summary: String

    /// Creates a key.
    public init(
        _ path: String, env environment: [String], secret: Bool = false, default defaultValue: String? = nil,
        _ summary: String
    ) {
        self.path = path
        self.environment = environment
        self.isSecret = secret
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

extension ConfigurationKey {
    /// Every key the service reads, in the order of the example file.
    public static let all: [ConfigurationKey] = [
        ConfigurationKey(
            "server.host", env: ["PROOFNODE_HOST"], default: "127.0.0.1", "address the HTTP API listens on"),
        ConfigurationKey("server.port", env: ["PROOFNODE_PORT"], default: "8080", "TCP port of the HTTP API (0: any)"),
        ConfigurationKey(
            "server.max_body_bytes", env: ["PROOFNODE_MAX_BODY_BYTES"], default: "1048576",
            "largest accepted request body; larger requests get 413"),
        ConfigurationKey(
            "server.shutdown_grace_seconds", env: ["PROOFNODE_SHUTDOWN_GRACE_SECONDS"], default: "30",
            "how long a graceful shutdown waits for in-flight work before giving up"),
        ConfigurationKey(
            "pipeline.max_pending_checkpoints", env: ["PROOFNODE_MAX_PENDING_CHECKPOINTS"], default: "256",
            "checkpoints queued or in flight (proving, storing, submitting) above which token segments are refused "
                + "with 503 and Retry-After until the prover catches up"),
        ConfigurationKey(
            "pipeline.prover_threads", env: ["PROOFNODE_PROVER_THREADS"], default: "2",
            "threads that prove checkpoints side by side, one proof each, below the request path's priority"),
        ConfigurationKey(
            "store.path", env: ["PROOFNODE_STORE"], default: "data/proofnode.sqlite",
            "the audit store (SQLite); its directory is created when missing"),
        ConfigurationKey(
            "store.text_retention_days", env: ["PROOFNODE_TEXT_RETENTION_DAYS"], default: "30",
            "days prompt and response text is kept after settlement"),
        ConfigurationKey("keys.directory", env: ["PROOFNODE_KEYS_DIR"], default: "keys", "the proof keys' directory"),
        ConfigurationKey(
            "keys.generate_if_missing", env: ["PROOFNODE_GENERATE_KEYS"], default: "true",
            "run a single-party setup into keys.directory on first start when no keys exist"),
        ConfigurationKey(
            "proofs.backend", env: ["PROOFNODE_PROOF_BACKEND", "ENABLE_REAL_EZKL"], default: "groth16",
            "groth16 or mock (mock needs proofs.dev_mode); ENABLE_REAL_EZKL=true/false is the Fabstir form"),
        ConfigurationKey(
            "proofs.dev_mode", env: ["PROOFNODE_DEV_MODE"], default: "false",
            "allows the mock backend and accepts mock proofs"),
        ConfigurationKey(
            "proofs.proving_key", env: ["PROOFNODE_PROVING_KEY", "EZKL_PROVING_KEY_PATH"],
            "proving key file (default keys.directory/commitment.pk)"),
        ConfigurationKey(
            "proofs.verifying_keys", env: ["PROOFNODE_VERIFYING_KEY", "EZKL_VERIFYING_KEY_PATH"],
            "verifying key files, current first (a JSON array, or `:`-separated in the environment)"),
        ConfigurationKey(
            "proofs.cache_entries", env: ["PROOFNODE_PROOF_CACHE_SIZE"], default: "1024", "proof cache entries"),
        ConfigurationKey(
            "proofs.cache_bytes", env: ["PROOFNODE_PROOF_CACHE_BYTES"], default: "16777216", "proof cache byte bound"),
        ConfigurationKey(
            "proofs.max_proof_bytes", env: ["PROOFNODE_MAX_PROOF_BYTES", "EZKL_MAX_PROOF_SIZE"], default: "10000",
            "largest accepted proof_data"),
        ConfigurationKey(
            "chain.mode", env: ["PROOFNODE_CHAIN"],
            "embedded (an in-process MockChain) or rpc; default rpc when chain.rpc_url is set, else embedded"),
        ConfigurationKey("chain.rpc_url", env: ["PROOFNODE_RPC_URL", "RPC_URL"], "the JSON-RPC endpoint (rpc mode)"),
        ConfigurationKey(
            "chain.chain_id", env: ["PROOFNODE_CHAIN_ID", "CHAIN_ID"], default: "31337",
            "the chain id; the node's eth_chainId must match"),
        ConfigurationKey(
            "chain.job_marketplace", env: ["PROOFNODE_CONTRACT_JOB_MARKETPLACE", "CONTRACT_JOB_MARKETPLACE"],
            "the JobMarketplace address (rpc mode; the embedded chain deploys its own)"),
        ConfigurationKey(
            "chain.dispute_window_seconds", env: ["PROOFNODE_DISPUTE_WINDOW_SECONDS", "DISPUTE_WINDOW_SECONDS"],
            "the dispute window when the chain's disputeWindow() is not used (embedded chain: 30)"),
        ConfigurationKey(
            "chain.embedded_port", env: ["PROOFNODE_EMBEDDED_CHAIN_PORT"], default: "0",
            "loopback port of the embedded MockChain (0: any free port)"),
        ConfigurationKey(
            "settlement.require_onchain_verifier", env: ["PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER"],
            "a deployed verifier contract (proofnode export-verifier) that every checkpoint proof must also verify on "
                + "(eth_call) before settlement, in addition to local verification; rpc mode only; unset: local only"),
        ConfigurationKey(
            "host.private_key", env: ["HOST_PRIVATE_KEY"], secret: true,
            "the host's secp256k1 key, 0x + 64 hex digits (prefer the environment or host.private_key_file)"),
        ConfigurationKey(
            "host.private_key_file", env: ["PROOFNODE_HOST_KEY_FILE"],
            "a file holding the host's private key (mode 0600)"),
        ConfigurationKey(
            "model.path", env: ["PROOFNODE_MODEL_PATH", "MODEL_PATH"], "the model file hashed into proofs"),
        ConfigurationKey(
            "auth.tokens", env: ["PROOFNODE_AUTH_TOKENS"],
            "bearer tokens as SHA-256 hashes: [{name, role, sha256}], or name:role:sha256,… in the environment"),
        ConfigurationKey(
            "log.level", env: ["PROOFNODE_LOG_LEVEL"], default: "info",
            "trace, debug, info, notice, warning, error or critical"),
    ]

    /// The key at `path`, if there is one.
    public static func named(_ path: String) -> ConfigurationKey? { all.first { $0.path == path } }
}
