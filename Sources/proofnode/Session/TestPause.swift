import Foundation
import Settlement

/// Fault injection for crash tests: `PROOFNODE_TEST_PAUSE_AT=after-persist:2` (several separated by `|`
/// or `,`) makes the process print `PROOFNODE_PAUSED <step> <job>/<index> <tx>` on standard output when
/// the checkpoint with that index completes that step, and then block forever — so that a test can kill
/// it with a real SIGKILL at exactly that point. Steps: `after-store`, `after-persist` (the signed
/// transaction is stored, not broadcast), `after-broadcast` (sent, receipt not recorded),
/// `after-confirm`. Inert when the variable is unset.
enum TestPause {
    /// The environment variable.
    static let variable = "PROOFNODE_TEST_PAUSE_AT"

    /// The observer implementing the pauses, or nil when the variable is unset or empty.
    static func observer(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> SubmissionObserver? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        var points: Set<String> = []
        for item in text.split(whereSeparator: { $0 == "|" || $0 == "," }) {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let index = Int64(parts[1]),
                ["after-store", "after-persist", "after-broadcast", "after-confirm"].contains(String(parts[0]))
            else {
                throw CommandFailure(
                    "\(variable) must look like after-persist:2 (steps after-store, after-persist, after-broadcast, "
                        + "after-confirm; several separated by |), got \(text)")
            }
            points.insert("\(parts[0]):\(index)")
        }
        let pausing = points
        return { event in
            guard pausing.contains("\(event.step.name):\(event.checkpointIndex)") else { return }
            let line =
                "PROOFNODE_PAUSED \(event.step.name) \(event.jobID)/\(event.checkpointIndex) "
                + "\(event.transactionHash ?? "-")\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            while true {
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    continue  // never resume: the test kills the process here
                }
            }
        }
    }
}
