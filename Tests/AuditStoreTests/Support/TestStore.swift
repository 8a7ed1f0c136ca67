import AuditStore
import Crypto
import Foundation

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("auditstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    func path(_ name: String = "store.sqlite") -> String { url.appendingPathComponent(name).path }

    deinit {
        // Best-effort cleanup of a test directory; a leftover temp dir is harmless.
        do { try FileManager.default.removeItem(at: url) } catch {}
    }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    // @unchecked: `current` is guarded by `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_760_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }

    var function: @Sendable () -> Date { { self.now } }
}

/// Sample records.
enum Fixtures {
    static let host = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

    static func session(_ jobID: String, host: String = host) -> SessionRecord {
        SessionRecord(
            jobID: jobID, chainID: 84532, contractAddress: "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4",
            hostAddress: host, modelID: "0x" + String(repeating: "ab", count: 32), proofInterval: 1000,
            pricePerToken: "2000000000000", deposit: "100000000000000000")
    }

    static func sha256(_ text: String) -> Data { Data(SHA256.hash(data: Data(text.utf8))) }

    /// A checkpoint whose proof bytes are unique per (job, index, variant).
    static func checkpoint(
        _ jobID: String, _ index: Int64, variant: String = "", salt: Data? = Data([7, 7, 7])
    )
        -> CheckpointInput
    {
        let proofBytes =
            Data("proof-\(jobID)-\(index)-\(variant)".utf8) + Data(repeating: UInt8(index & 0xff), count: 256)
        return CheckpointInput(
            jobID: jobID, checkpointIndex: index, tokensClaimed: 1000,
            tokenRange: TokenRange(
                start: index * 1000, end: (index + 1) * 1000),
            promptHash: sha256("prompt \(jobID)"), responseHash: sha256("response \(jobID) \(index)"),
            promptText: "prompt \(jobID)", responseText: "response \(jobID) \(index)",
            proof: ProofInput(
                envelopeJSON: #"{"version":1,"checkpoint":\#(index)}"#, proofBytes: proofBytes,
                keyFingerprint: "fp-1", backend: "groth16-bn254", publicInputsJSON: #"["1","2","3"]"#, salt: salt))
    }

    /// A store in a new temporary directory, holding session "1" and its checkpoints 0..<`checkpoints`.
    static func storeWithSession(checkpoints: Int) throws -> (directory: TemporaryDirectory, store: AuditStore) {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path())
        try store.recordSession(session("1"))
        for index in 0..<checkpoints { try store.recordCheckpoint(checkpoint("1", Int64(index))) }
        return (directory, store)
    }

    /// A 32-byte transaction hash derived from a label.
    static func txHash(_ label: String) -> Data { sha256("tx " + label) }
}
