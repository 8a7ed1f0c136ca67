import AuditStore
import Crypto
import Foundation

/// The audit store on disk (WAL, synchronous = FULL): storing full checkpoint records, and the auditor
/// queries over a store of realistic size.
struct AuditStoreBenchmarks: BenchmarkSuite {
    let name = "store"
    let summary = "audit-store checkpoint inserts (per transaction and group commit) and listing queries"

    /// Fixed payloads, built once (String(repeating:) would otherwise dominate the measured loop).
    static let promptText = String(repeating: "p", count: 400)
    static let responseText = String(repeating: "r", count: 4000)
    static let envelopeFiller = String(repeating: "ab", count: 400)
    static let keyFingerprint = "0x" + String(repeating: "cd", count: 32)

    /// A checkpoint record shaped like a real one: 256-byte Groth16 proof, ~1 KB envelope, 9 public inputs.
    static func record(job: String, index: Int64) -> CheckpointInput {
        var proof = Data(count: 256)
        withUnsafeBytes(of: index.bigEndian) { proof.replaceSubrange(0..<8, with: $0) }
        proof.replaceSubrange(8..<(8 + job.utf8.count), with: Data(job.utf8))
        let inputs = (0..<9).map { "\"\(UInt64($0) &* 0x9e37_79b9_7f4a_7c15 &+ UInt64(index))\"" }
        let envelope =
            #"{"version":1,"scheme":"groth16-bn254","job":"\#(job)","checkpoint":\#(index),"proof":""#
            + envelopeFiller + #""}"#
        return CheckpointInput(
            jobID: job, checkpointIndex: index, tokensClaimed: 1000,
            tokenRange: TokenRange(start: index * 1000, end: (index + 1) * 1000),
            promptHash: Data(SHA256.hash(data: Data("prompt \(job)".utf8))),
            responseHash: Data(SHA256.hash(data: Data("response \(job) \(index)".utf8))),
            promptText: promptText, responseText: responseText,
            proof: ProofInput(
                envelopeJSON: envelope, proofBytes: proof, keyFingerprint: keyFingerprint,
                backend: "groth16-bn254", publicInputsJSON: "[" + inputs.joined(separator: ",") + "]",
                salt: Data(repeating: 0x5a, count: 32)))
    }

    /// CPU time used by this process so far (all threads), in nanoseconds: unlike wall time it does not
    /// grow when other processes compete for the cores.
    static func processCPUNanoseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }

    static func session(_ job: String, host: Int) -> SessionRecord {
        SessionRecord(
            jobID: job, chainID: 84532, contractAddress: "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4",
            hostAddress: "0x" + String(format: "%040x", host), modelID: "0x" + String(repeating: "11", count: 32),
            proofInterval: 1000, pricePerToken: "2000000000000", deposit: "100000000000000000")
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        // PROOFNODE_BENCH_STORE_DIR puts the store elsewhere (e.g. /dev/shm to separate CPU cost from fsync).
        let parent = ProcessInfo.processInfo.environment["PROOFNODE_BENCH_STORE_DIR"].map { URL(fileURLWithPath: $0) }
        let directory = (parent ?? FileManager.default.temporaryDirectory)
            .appendingPathComponent("proofnode-bench-\(UUID())")
        print("  (store in \(directory.path))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // Benchmark scratch space; a leftover directory in the temp folder is harmless.
            do { try FileManager.default.removeItem(at: directory) } catch {}
        }
        let store = try AuditStore(path: directory.appendingPathComponent("bench.sqlite").path)
        var nextJob = 0
        func newSession() throws -> String {
            nextJob += 1
            let job = String(nextJob)
            try store.recordSession(Self.session(job, host: nextJob % 8))
            return job
        }

        // One full checkpoint record (result + checkpoint + proof + audit entry) per transaction: an fsync each.
        let perSample = 200
        var single: [Double] = []
        var singleCPU: [Double] = []
        try recorder.measure("checkpoint insert, 1 per transaction", unit: "us", batch: perSample) {
            let job = try newSession()
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.processCPUNanoseconds()
            for index in 0..<perSample { try store.recordCheckpoint(Self.record(job: job, index: Int64(index))) }
            singleCPU.append((Self.processCPUNanoseconds() - cpuStart) / 1e3 / Double(perSample))
            single.append(Double(perSample) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        // The first sample is the harness's warm-up call.
        recorder.record(
            "checkpoint insert, 1 per transaction (rate)", unit: "records/s", samples: Array(single.dropFirst()))
        recorder.record(
            "checkpoint insert, 1 per transaction (CPU time)", unit: "us", samples: Array(singleCPU.dropFirst()))

        // Group commit: 32 or 128 records per transaction (what a busy node does when checkpoints queue up;
        // the fsync is shared, so the rate grows with the group until the CPU cost per record dominates).
        for group in [32, 128] {
            let groups = 2048 / group
            var grouped: [Double] = []
            var groupedCPU: [Double] = []
            try recorder.measure("checkpoint insert, group commit of \(group)", unit: "us", batch: group * groups) {
                let job = try newSession()
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = Self.processCPUNanoseconds()
                for batch in 0..<groups {
                    try store.recordCheckpoints(
                        (0..<group).map { Self.record(job: job, index: Int64(batch * group + $0)) })
                }
                groupedCPU.append((Self.processCPUNanoseconds() - cpuStart) / 1e3 / Double(group * groups))
                grouped.append(
                    Double(group * groups) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            }
            recorder.record(
                "checkpoint insert, group commit of \(group) (rate)", unit: "records/s",
                samples: Array(grouped.dropFirst()))
            recorder.record(
                "checkpoint insert, group commit of \(group) (CPU time)", unit: "us",
                samples: Array(groupedCPU.dropFirst()))
        }

        // Concurrent callers of the single-record API: the store group-commits them automatically.
        let writers = 8
        let perWriter = 64
        var concurrent: [Double] = []
        try recorder.measure("checkpoint insert, \(writers) concurrent callers", unit: "us", batch: writers * perWriter)
        {
            let jobs = try (0..<writers).map { _ in try newSession() }
            let failures = FailureCounter()
            let start = DispatchTime.now().uptimeNanoseconds
            // Real threads (concurrentPerform would run only as many callers as there are cores).
            let finished = DispatchGroup()
            for writer in 0..<writers {
                finished.enter()
                let job = jobs[writer]
                Thread.detachNewThread {
                    for index in 0..<perWriter {
                        do {
                            try store.recordCheckpoint(Self.record(job: job, index: Int64(index)))
                        } catch {
                            failures.add(error)
                        }
                    }
                    finished.leave()
                }
            }
            finished.wait()
            concurrent.append(
                Double(writers * perWriter) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            if let error = failures.first { throw error }
        }
        recorder.record(
            "checkpoint insert, \(writers) concurrent callers (rate)", unit: "records/s",
            samples: Array(concurrent.dropFirst()))

        // Listing queries over what is now stored (tens of thousands of proofs).
        let total = try store.listProofs(ProofQuery(limit: 10_000)).count
        print("  (store now holds \(total)+ proofs in \(nextJob) sessions)")
        try recorder.measure("list proofs, newest 100", unit: "us") { _ = try store.listProofs(ProofQuery(limit: 100)) }
        try recorder.measure("list proofs, one job (200)", unit: "us") {
            _ = try store.listProofs(ProofQuery(jobID: "1", limit: 1000))
        }
        let host = Self.session("0", host: 3).hostAddress
        try recorder.measure("list proofs, one host, page of 100", unit: "us") {
            _ = try store.listProofs(ProofQuery(hostAddress: host, limit: 100))
        }
        try recorder.measure("show job (200 checkpoints)", unit: "us") { _ = try store.job("1") }
        try recorder.measure("export job as JSON (200 checkpoints)", unit: "ms") {
            _ = try store.export(jobID: "1", format: .json)
        }
        let entries = try store.checkLog().entries
        try recorder.measure("check-log (\(entries) entries)", unit: "ms") {
            let report = try store.checkLog()
            guard report.isIntact else { throw AuditStoreError(.corruptRow, "benchmark store log broken") }
        }
    }
}

/// Collects errors thrown on `concurrentPerform` threads so the benchmark can rethrow the first.
private final class FailureCounter: @unchecked Sendable {
    // @unchecked: `errors` is guarded by `lock`.
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) { lock.withLock { errors.append(error) } }

    var first: (any Error)? { lock.withLock { errors.first } }
}
