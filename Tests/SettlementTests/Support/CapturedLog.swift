import Foundation
import Logging

/// A log handler that keeps every line (level, message, metadata) for assertions.
final class CapturedLog: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`.
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, text: String)] = []

    /// A logger writing here.
    var logger: Logger {
        Logger(label: "test.settlement") { _ in Handler(sink: self) }
    }

    /// Every line as `level message metadata`.
    var lines: [(level: Logger.Level, text: String)] { lock.withLock { entries } }

    fileprivate func append(_ level: Logger.Level, _ text: String) { lock.withLock { entries.append((level, text)) } }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.append(event.level, "\(event.message) \(details)")
        }
    }
}
