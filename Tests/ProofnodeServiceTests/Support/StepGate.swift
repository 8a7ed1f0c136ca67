import Foundation
import Logging
import Settlement

/// Holds checkpoint submissions back at their `stored` step (proof stored, transaction not yet signed)
/// until released: a test's way to have proofs "in flight" at a chosen moment without timing.
actor StepGate {
    private var released = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private(set) var held = 0

    /// The observer to hand to the submitter: blocks at `.stored` while the gate is closed.
    nonisolated var observer: SubmissionObserver {
        { event in
            guard event.step == .stored else { return }
            await self.pass()
        }
    }

    private func pass() async {
        guard !released else { return }
        held += 1
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Lets every held and later submission through.
    func release() {
        released = true
        for continuation in waiting { continuation.resume() }
        waiting.removeAll()
    }
}

/// A log handler that keeps every message (to check that a warning was logged).
struct RecordingLogHandler: LogHandler {
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [(Logger.Level, String)] = []
        func append(_ level: Logger.Level, _ message: String) { lock.withLock { lines.append((level, message)) } }
        func messages(atLeast level: Logger.Level) -> [String] {
            lock.withLock { lines.filter { $0.0 >= level }.map(\.1) }
        }
    }

    let box: Box
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { box.append(event.level, "\(event.message)") }
}
