import Foundation
import TestSupport
import Testing

/// `proofnode serve` as a child process (the binary `swift build --build-tests` puts beside the tests),
/// its standard output and error collected together.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: `text` is guarded by `lock`; `process` is only started and signalled.
    let process = Process()
    private let lock = NSLock()
    private var text = ""

    /// Starts `proofnode serve` with `environment` added to this process's.
    init(environment: [String: String]) throws {
        process.executableURL = try Self.executable()
        process.arguments = ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            self?.lock.withLock { self?.text += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Everything the process wrote so far.
    var output: String { lock.withLock { text } }

    /// Waits (bounded) for a line containing `marker` and returns it.
    func line(containing marker: String, seconds: Int = 120) async throws -> String {
        for _ in 0..<(seconds * 10) {
            if let line = output.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("proofnode serve never printed \(marker):\n\(output)")
        throw CocoaError(.fileReadUnknown)
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    func terminate() async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for _ in 0..<1200 where process.isRunning {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `$PROOFNODE_BIN`, or the `proofnode` beside the test bundle.
    static func executable() throws -> URL {
        try ProofnodeExecutable.url()
    }
}
