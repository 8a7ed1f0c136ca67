import Commitment
import Testing

@Suite("Proof configuration from the environment")
struct ProofConfigurationTests {
    @Test("defaults: groth16, keys under ./keys, dev mode off")
    func defaults() throws {
        let configuration = try ProofConfiguration(environment: [:])
        #expect(configuration.backend == .groth16 && !configuration.devMode)
        #expect(configuration.provingKeyPath.hasSuffix("keys/commitment.pk"))
        #expect(configuration.verifyingKeyPaths.count == 1)
        #expect(configuration.verifyingKeyPaths[0].hasSuffix("keys/commitment.vk"))
    }

    @Test("PROOFNODE_* variables are read")
    func proofnodeVariables() throws {
        let configuration = try ProofConfiguration(environment: [
            "PROOFNODE_PROVING_KEY": "/k/a.pk", "PROOFNODE_VERIFYING_KEY": "/k/new.vk:/k/old.vk",
            "PROOFNODE_PROOF_BACKEND": "mock", "PROOFNODE_DEV_MODE": "1", "PROOFNODE_PROOF_CACHE_SIZE": "7",
            "PROOFNODE_PROOF_CACHE_BYTES": "4096", "PROOFNODE_MAX_PROOF_BYTES": "512",
        ])
        #expect(configuration.provingKeyPath == "/k/a.pk")
        #expect(configuration.verifyingKeyPaths == ["/k/new.vk", "/k/old.vk"])
        #expect(configuration.backend == .mock && configuration.devMode)
        #expect(
            configuration.cacheEntries == 7 && configuration.cacheBytes == 4096 && configuration.maxProofBytes == 512)
    }

    @Test("Fabstir aliases are accepted; PROOFNODE_* wins when both are set")
    func aliases() throws {
        let aliases = try ProofConfiguration(environment: [
            "EZKL_PROVING_KEY_PATH": "/e/pk", "EZKL_VERIFYING_KEY_PATH": "/e/vk", "ENABLE_REAL_EZKL": "true",
            "EZKL_MAX_PROOF_SIZE": "2048",
        ])
        #expect(aliases.provingKeyPath == "/e/pk" && aliases.verifyingKeyPaths == ["/e/vk"])
        #expect(aliases.backend == .groth16 && aliases.maxProofBytes == 2048)
        let both = try ProofConfiguration(environment: [
            "EZKL_PROVING_KEY_PATH": "/e/pk", "PROOFNODE_PROVING_KEY": "/p/pk", "ENABLE_REAL_EZKL": "false",
            "PROOFNODE_PROOF_BACKEND": "groth16", "EZKL_MAX_PROOF_SIZE": "2048", "PROOFNODE_MAX_PROOF_BYTES": "300",
        ])
        #expect(both.provingKeyPath == "/p/pk" && both.backend == .groth16 && both.maxProofBytes == 300)
    }

    @Test("ENABLE_REAL_EZKL=false selects mock, which needs dev mode")
    func mockNeedsDevMode() throws {
        let error = try #require(throws: ProofSystemError.self) {
            try ProofConfiguration(environment: ["ENABLE_REAL_EZKL": "false"])
        }
        #expect(error.code == .invalidConfiguration && error.problems.count == 1)
        let dev = try ProofConfiguration(environment: ["ENABLE_REAL_EZKL": "false", "PROOFNODE_DEV_MODE": "true"])
        #expect(dev.backend == .mock)
    }

    @Test("every invalid value is listed at once")
    func everyProblem() throws {
        let error = try #require(throws: ProofSystemError.self) {
            try ProofConfiguration(environment: [
                "PROOFNODE_PROOF_BACKEND": "ezkl", "PROOFNODE_PROOF_CACHE_SIZE": "-1",
                "PROOFNODE_MAX_PROOF_BYTES": "100", "PROOFNODE_DEV_MODE": "maybe",
                "PROOFNODE_PROOF_CACHE_BYTES": "lots",
            ])
        }
        #expect(error.code == .invalidConfiguration)
        #expect(error.problems.count == 5, "\(error.problems)")
        for name in [
            "PROOFNODE_PROOF_BACKEND", "PROOFNODE_PROOF_CACHE_SIZE", "PROOFNODE_MAX_PROOF_BYTES", "PROOFNODE_DEV_MODE",
            "PROOFNODE_PROOF_CACHE_BYTES",
        ] {
            #expect(error.problems.contains { $0.contains(name) }, "\(name)")
        }
    }
}
