import AuditStore
import Commitment
import Ethereum
import Foundation

/// One readiness check's outcome.
public struct CheckResult: Sendable, Equatable, Codable {
    /// The check's name (`keys`, `store`, `chain`).
    public var name: String
    /// Whether it passed.
    public var ok: Bool
    /// What was found, or what is wrong and what to do.
    public var detail: String

    /// Creates a result.
    public init(name: String, ok: Bool, detail: String) {
        self.name = name
        self.ok = ok
        self.detail = detail
    }
}

/// Answers `/readyz`: the verifying keys load, the store takes a write transaction, and the chain answers
/// `eth_chainId` with the configured id. Each probe also feeds the metrics.
public struct ReadinessChecker: Sendable {
    /// The verifier whose keys must load.
    public let verifier: CheckpointVerifier
    /// The store that must be writable.
    public let store: AuditStore
    /// The chain, or nil when the service runs without one (tests).
    public let chain: EthereumClient?
    /// The chain id the node must report.
    public let chainID: UInt64
    let metrics: ServiceMetrics

    /// Creates a checker.
    public init(
        verifier: CheckpointVerifier, store: AuditStore, chain: EthereumClient?, chainID: UInt64,
        metrics: ServiceMetrics
    ) {
        self.verifier = verifier
        self.store = store
        self.chain = chain
        self.chainID = chainID
        self.metrics = metrics
    }

    /// Runs every check.
    public func check() async -> [CheckResult] {
        var results = [checkKeys(), await checkStore()]
        results.append(await checkChain())
        metrics.recordReady(results.allSatisfy(\.ok))
        return results
    }

    func checkKeys() -> CheckResult {
        do {
            let fingerprint = try verifier.keys.currentFingerprint()
            return CheckResult(name: "keys", ok: true, detail: "verifying key \(fingerprint) loaded")
        } catch {
            return CheckResult(name: "keys", ok: false, detail: error.message)
        }
    }

    func checkStore() async -> CheckResult {
        do {
            // BEGIN IMMEDIATE takes the write lock: the file is writable and not locked by another writer.
            let version = try await store.database.write { db in
                try db.queryFirst("PRAGMA schema_version")?.int64(0) ?? 0
            }
            return CheckResult(name: "store", ok: true, detail: "writable (schema cookie \(version))")
        } catch {
            return CheckResult(name: "store", ok: false, detail: "not writable: \(error)")
        }
    }

    func checkChain() async -> CheckResult {
        guard let chain else { return CheckResult(name: "chain", ok: true, detail: "no chain configured") }
        do {
            let reported = try await chain.chainId()
            guard reported == chainID else {
                metrics.recordChainProbe(blockNumber: nil, failedMethod: nil)
                return CheckResult(
                    name: "chain", ok: false,
                    detail: "the node reports chain id \(reported), the configuration says \(chainID)")
            }
        } catch {
            metrics.recordChainProbe(blockNumber: nil, failedMethod: "eth_chainId")
            return CheckResult(name: "chain", ok: false, detail: "eth_chainId failed: \(error.message)")
        }
        do {
            let block = try await chain.blockNumber()
            metrics.recordChainProbe(blockNumber: block, failedMethod: nil)
            return CheckResult(name: "chain", ok: true, detail: "chain \(chainID) at block \(block)")
        } catch {
            metrics.recordChainProbe(blockNumber: nil, failedMethod: "eth_blockNumber")
            return CheckResult(name: "chain", ok: false, detail: "eth_blockNumber failed: \(error.message)")
        }
    }
}
