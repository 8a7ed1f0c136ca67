import AuditStore
import BN254
import Commitment
import Crypto
import Ethereum
import Foundation
import Groth16
import Logging
import MockChain
import Prometheus
import ProofnodeService
import TestSupport

typealias SeededGenerator = SplitMix64

/// Test keys, an audit store holding one session (job 42) with two real Groth16 checkpoint proofs and
/// their openings, a MockChain, and a running API server on a free loopback port. Made once per process.
final class ServiceFixture: Sendable {
    static let hostToken = "test-host-token-0001"
    static let auditorToken = "test-auditor-token-0001"
    static let job: UInt64 = 42
    static let hostAddress = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"

    let directory: String
    let proofs: ProofConfiguration
    let store: AuditStore
    let envelopes: [ProofEnvelope]
    let openings: [CheckpointOpening]
    let proofCIDs: [String]
    let chain: MockChainServer
    let server: ProofnodeServer
    let ingest: RecordingIngest
    let registry: PrometheusCollectorRegistry
    var client: HTTPTestClient { HTTPTestClient(baseURL: server.url) }

    private static let task = Task { try await ServiceFixture() }

    /// The shared fixture.
    static func shared() async throws -> ServiceFixture { try await task.value }

    /// SHA-256 hex computed with swift-crypto directly (independently of `AuthToken.hash`).
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func temporaryDirectory(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "proofnode-service-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))"
        ).path
    }

    private init() async throws {
        directory = Self.temporaryDirectory("fixture")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SeededGenerator(state: 8)
        let key = try Setup.generateKeysForTestingOnly(for: CheckpointCircuit.shared.system, insecureGenerator: &random)
        try KeySetup.write(key, into: directory + "/keys", force: false)
        var proofs = ProofConfiguration(keysDirectory: directory + "/keys")
        proofs.cacheEntries = 0
        self.proofs = proofs
        store = try AuditStore(path: directory + "/proofnode.sqlite")
        try store.recordSession(
            SessionRecord(
                jobID: String(Self.job), chainID: 31337, contractAddress: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                hostAddress: Self.hostAddress, modelID: "0x" + String(repeating: "ab", count: 32), proofInterval: 1000,
                pricePerToken: "2000000000000", deposit: "100000000000000000"))
        let generator = try ProofGenerator(configuration: proofs)
        var envelopes: [ProofEnvelope] = []
        var openings: [CheckpointOpening] = []
        var cids: [String] = []
        for index in UInt64(0)..<2 {
            let result = InferenceResult(
                prompt: "What is the capital of France?", response: "Paris (\(index)).",
                modelHash: .sha256(utf8: "llama-3-8b-instruct.Q4_K_M.gguf"))
            let opening = CheckpointOpening(
                modelHash: result.modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
            let statement = CheckpointStatement(
                jobId: Self.job, host: try HostAddress(hex: Self.hostAddress), checkpointIndex: index,
                tokensClaimed: 1000, opening: opening)
            let envelope = try generator.prove(statement)
            let stored = try store.recordCheckpoint(
                CheckpointInput(
                    jobID: String(Self.job), checkpointIndex: Int64(index), tokensClaimed: 1000,
                    tokenRange: TokenRange(start: Int64(index) * 1000, end: Int64(index + 1) * 1000),
                    promptHash: Data(result.inputHash.bytes), responseHash: Data(result.outputHash.bytes),
                    promptText: result.prompt, responseText: result.response,
                    proof: ProofInput(
                        envelopeJSON: envelope.canonicalJSONString, proofBytes: Data(envelope.proofData),
                        keyFingerprint: envelope.keyFingerprint, backend: "groth16",
                        publicInputsJSON: "[" + envelope.publicInputs.map { "\"\($0)\"" }.joined(separator: ",") + "]",
                        salt: Data(opening.salt.bigEndianBytes))))
            envelopes.append(envelope)
            openings.append(opening)
            cids.append(stored.proofCID.description)
        }
        self.envelopes = envelopes
        self.openings = openings
        proofCIDs = cids
        chain = try await MockChainServer.start()
        ingest = RecordingIngest()
        registry = PrometheusCollectorRegistry()
        server = try await ProofnodeServer.start(
            dependencies: Self.dependencies(
                store: store, proofs: proofs, ingest: ingest, chainURL: chain.url, registry: registry))
    }

    /// Dependencies over `store` with the two test tokens.
    static func dependencies(
        store: AuditStore, proofs: ProofConfiguration, ingest: any SessionIngest, chainURL: String?,
        registry: PrometheusCollectorRegistry, chainID: UInt64 = 31337, maxBodyBytes: Int = 64 * 1024
    ) throws -> ServiceDependencies {
        let factory = ServiceMetrics.makeFactory(registry: registry)
        let metrics = ServiceMetrics(factory: factory)
        let verifier = CheckpointVerifier(configuration: proofs, metrics: ProofMetrics(factory: factory))
        let chain = try chainURL.map { try EthereumClientFactory.make($0) }
        var logger = Logger(label: "proofnode.tests")
        logger.logLevel = .warning
        return ServiceDependencies(
            store: store, verifier: verifier, ingest: ingest,
            readiness: ReadinessChecker(
                verifier: verifier, store: store, chain: chain, chainID: chainID, metrics: metrics),
            authenticator: TokenAuthenticator(tokens: [
                AuthToken(name: "host-1", role: .host, sha256: try digest(sha256Hex(hostToken))),
                AuthToken(name: "auditor-1", role: .auditor, sha256: try digest(sha256Hex(auditorToken))),
            ]),
            chainID: chainID, maxBodyBytes: maxBodyBytes, maxProofBytes: proofs.maxProofBytes, metrics: metrics,
            registry: registry, logger: logger)
    }

    static func digest(_ hex: String) throws -> [UInt8] {
        guard let bytes = AuthToken.parseDigest(hex) else { throw CocoaError(.coderInvalidValue) }
        return bytes
    }
}

/// Makes a chain client for the readiness checks.
enum EthereumClientFactory {
    static func make(_ url: String) throws -> EthereumClient { EthereumClient(try JSONRPCClient(url: url)) }
}
