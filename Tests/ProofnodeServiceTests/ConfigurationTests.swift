import Foundation
import Testing

@testable import ProofnodeService

/// Configuration: defaults that work out of the box, the file, environment overrides (Fabstir names
/// included), every problem listed at once, and secrets never printed.
@Suite("Configuration")
struct ConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let devKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"

    func write(_ json: String) throws -> String {
        let path = ServiceFixture.temporaryDirectory("config") + ".json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("no file and no environment: embedded chain, ./data store, ./keys, port 8080, a dev host key")
    func defaults() throws {
        let configuration = try ServiceConfiguration.load(environment: [:])
        #expect(configuration.chain.mode == .embedded)
        #expect(configuration.chain.chainID == 31337)
        #expect(configuration.storePath == "data/proofnode.sqlite")
        #expect(configuration.keysDirectory == "keys")
        #expect(configuration.proofs.provingKeyPath.hasSuffix("keys/commitment.pk"))
        #expect(configuration.server.port == 8080 && configuration.server.host == "127.0.0.1")
        #expect(configuration.hostKey == .devAccount(1))
        #expect(configuration.generateKeysIfMissing)
        #expect(configuration.tokens.isEmpty)
    }

    @Test("the example file is valid")
    func exampleFile() throws {
        let path = Self.repository.appendingPathComponent("config/proofnode.example.json").path
        let configuration = try ServiceConfiguration.load(file: path, environment: [:])
        #expect(configuration.chain.mode == .embedded)
        #expect(configuration.tokens.count == 2)
        #expect(configuration.sources["server.port"] == "file")
    }

    @Test("the environment wins over the file; Fabstir variable names are read")
    func overrides() throws {
        let file = try write(
            #"{"server": {"port": 9000}, "chain": {"mode": "embedded", "chain_id": 5}, "proofs": {"backend": "groth16"}}"#
        )
        let configuration = try ServiceConfiguration.load(
            file: file,
            environment: [
                "PROOFNODE_PORT": "9100", "RPC_URL": "https://rpc.example.org/v3/SECRETKEY", "PROOFNODE_CHAIN": "rpc",
                "CHAIN_ID": "84532", "CONTRACT_JOB_MARKETPLACE": "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4",
                "HOST_PRIVATE_KEY": Self.devKey, "DISPUTE_WINDOW_SECONDS": "60", "ENABLE_REAL_EZKL": "false",
                "PROOFNODE_DEV_MODE": "1", "EZKL_PROVING_KEY_PATH": "/srv/keys/a.pk",
            ])
        #expect(configuration.server.port == 9100)
        #expect(configuration.sources["server.port"] == "PROOFNODE_PORT")
        #expect(configuration.chain.mode == .rpc)
        #expect(configuration.chain.chainID == 84532)
        #expect(configuration.sources["chain.chain_id"] == "CHAIN_ID")
        #expect(configuration.chain.disputeWindowSeconds == 60)
        #expect(configuration.proofs.backend == .mock)  // ENABLE_REAL_EZKL=false beat the file's groth16
        #expect(configuration.proofs.provingKeyPath == "/srv/keys/a.pk")
        #expect(configuration.hostKey == .inline(Secret(Self.devKey)))
        let text = configuration.description
        #expect(!text.contains(String(Self.devKey.dropFirst(2))))
        #expect(!text.contains("SECRETKEY"))
        #expect(text.contains("host.private_key = <set>"))
    }

    @Test("every problem is listed at once, and a bad private key is named but never shown")
    func everyProblem() throws {
        let file = try write(#"{"server": {"port": "eighty"}, "colour": "red", "chain": {"mode": "moon"}}"#)
        let secret = "0x" + String(repeating: "zz", count: 32)
        let error = #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(
                file: file,
                environment: [
                    "HOST_PRIVATE_KEY": secret, "PROOFNODE_AUTH_TOKENS": "ci:admin:abcd", "PROOFNODE_LOG_LEVEL": "loud",
                    "PROOFNODE_PROOF_BACKEND": "mock",
                ])
        }
        let problems = error?.problems ?? []
        #expect(error?.code == .invalidConfiguration)
        for fragment in ["server.port", "colour", "chain.mode", "HOST_PRIVATE_KEY", "auth.tokens", "log.level", "mock"]
        {
            #expect(problems.contains { $0.contains(fragment) }, "no problem mentions \(fragment)")
        }
        let printed = error.map { String(describing: $0) } ?? ""
        #expect(!printed.isEmpty)
        #expect(printed.range(of: "zzzz") == nil)
    }

    @Test("rpc mode without URL, contract or host key lists what is missing")
    func rpcNeedsEverything() {
        let error = #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(environment: ["PROOFNODE_CHAIN": "rpc"])
        }
        let problems = error?.problems ?? []
        #expect(problems.count == 3)
    }

    @Test("settlement.require_onchain_verifier: an address from the file or the environment, rpc mode only")
    func requiredOnChainVerifier() throws {
        #expect(try ServiceConfiguration.load(environment: [:]).requiredOnChainVerifier == nil)
        let verifier = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
        let rpc = [
            "RPC_URL": "http://127.0.0.1:8545",
            "CONTRACT_JOB_MARKETPLACE": "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4",
            "HOST_PRIVATE_KEY": Self.devKey,
        ]
        let file = try write(#"{"settlement": {"require_onchain_verifier": "\#(verifier)"}}"#)
        let fromFile = try ServiceConfiguration.load(file: file, environment: rpc)
        #expect(fromFile.requiredOnChainVerifier?.description.lowercased() == verifier.lowercased())
        #expect(fromFile.sources["settlement.require_onchain_verifier"] == "file")
        #expect(fromFile.description.contains("settlement.require_onchain_verifier = 0x"))
        let fromEnvironment = try ServiceConfiguration.load(
            environment: rpc.merging(["PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER": verifier]) { $1 })
        #expect(fromEnvironment.requiredOnChainVerifier == fromFile.requiredOnChainVerifier)

        let notAnAddress = #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(
                environment: rpc.merging(["PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER": "0x1234"]) { $1 })
        }
        #expect(notAnAddress?.problems.contains { $0.contains("is not an address") } == true)
        let embedded = #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(environment: ["PROOFNODE_SETTLEMENT_REQUIRE_ONCHAIN_VERIFIER": verifier])
        }
        #expect(embedded?.problems.contains { $0.contains("needs chain.mode rpc") } == true)
    }

    @Test("pipeline.max_pending_checkpoints and pipeline.prover_threads: defaults, the file, the environment, bounds")
    func pipelineKeys() throws {
        let defaults = try ServiceConfiguration.load(environment: [:])
        #expect(defaults.pipeline == ServiceConfiguration.Pipeline(maxPendingCheckpoints: 256, proverThreads: 2))
        let file = try write(#"{"pipeline": {"max_pending_checkpoints": 64, "prover_threads": 3}}"#)
        let fromFile = try ServiceConfiguration.load(file: file, environment: [:])
        #expect(fromFile.pipeline == ServiceConfiguration.Pipeline(maxPendingCheckpoints: 64, proverThreads: 3))
        #expect(fromFile.sources["pipeline.max_pending_checkpoints"] == "file")
        let overridden = try ServiceConfiguration.load(
            file: file, environment: ["PROOFNODE_MAX_PENDING_CHECKPOINTS": "1000", "PROOFNODE_PROVER_THREADS": "1"])
        #expect(overridden.pipeline == ServiceConfiguration.Pipeline(maxPendingCheckpoints: 1000, proverThreads: 1))
        #expect(overridden.sources["pipeline.max_pending_checkpoints"] == "PROOFNODE_MAX_PENDING_CHECKPOINTS")
        #expect(overridden.description.contains("pipeline.max_pending_checkpoints = 1000"))
        let error = #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(
                environment: ["PROOFNODE_MAX_PENDING_CHECKPOINTS": "0", "PROOFNODE_PROVER_THREADS": "many"])
        }
        let problems = error?.problems ?? []
        #expect(
            problems.contains { $0.contains("pipeline.max_pending_checkpoints (PROOFNODE_MAX_PENDING_CHECKPOINTS)") })
        #expect(problems.contains { $0.contains("pipeline.prover_threads (PROOFNODE_PROVER_THREADS)") })
    }

    @Test("a missing or malformed file is a clear error")
    func unreadable() throws {
        #expect(throws: ServiceError.self) {
            try ServiceConfiguration.load(file: "/nonexistent.json", environment: [:])
        }
        let file = try write("{ not json")
        let error = #expect(throws: ServiceError.self) { try ServiceConfiguration.load(file: file, environment: [:]) }
        #expect(error?.code == .configurationUnreadable)
    }
}

/// Tokens: SHA-256 at rest (checked against the FIPS 180-2 vector), generation, constant-time matching.
@Suite("Bearer tokens")
struct AuthTokenTests {
    @Test("the hash is SHA-256 of the token text (FIPS 180-2 vector for \"abc\")")
    func hashVector() {
        #expect(AuthToken.hash(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("new tokens are distinct, carry the role, and authenticate only by their own hash")
    func generate() throws {
        let (token, hash) = AuthToken.generate(role: .auditor)
        let (other, _) = AuthToken.generate(role: .auditor)
        #expect(token != other)
        #expect(token.hasPrefix("pn_auditor_") && token.count == "pn_auditor_".count + 43)
        #expect(hash == ServiceFixture.sha256Hex(token))
        let authenticator = TokenAuthenticator(tokens: [
            AuthToken(name: "a", role: .auditor, sha256: try ServiceFixture.digest(hash))
        ])
        #expect(authenticator.authenticate(token)?.name == "a")
        #expect(authenticator.authenticate(other) == nil)
        #expect(authenticator.authenticate("") == nil)
    }
}
