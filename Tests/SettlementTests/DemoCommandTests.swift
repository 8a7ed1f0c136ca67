import Foundation
import Testing

/// `proofnode demo` end to end as a child process, with small parameters (2200 tokens, a 2 s dispute
/// window waited in real time) and the test keys: the honest session is paid by the contract's rules with
/// an intact audit log, the tampered one is refused with a dispute, and the exit status is 0.
@Suite("proofnode demo")
struct DemoCommandTests {
    @Test("the demo settles the honest session and refuses the tampered one")
    func demoStory() throws {
        let data = TemporaryFiles.directory("demo-data")
        let stale = URL(fileURLWithPath: data).appendingPathComponent("stale-file")
        try Data("left over from a previous demo".utf8).write(to: stale)
        let outcome = try ChildProcess.run(
            [
                "demo", "--data", data, "--keys", KeyFixture.shared.directory, "--tokens", "2200", "--dispute-window",
                "2",
            ],
            environment: [:])
        let output = outcome.output
        #expect(outcome.status == 0, "\(output)\n\(outcome.error)")
        #expect(output.contains("reusing keys in \(KeyFixture.shared.directory)"))
        #expect(output.contains("removing the previous demo store"))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let runs = output.components(separatedBy: "== run 2")
        try #require(runs.count == 2, "\(output)")
        // 2200 tokens at interval 1000: two full checkpoints and the final remainder.
        for (index, run) in runs.enumerated() {
            for checkpoint in 0..<3 {
                #expect(run.contains("checkpoint \(checkpoint): "), "run \(index + 1): \(run)")
            }
        }
        #expect(runs[0].contains("payment matches the contract rules"))
        #expect(runs[0].contains("intact"))
        #expect(runs[1].contains("TAMPERING: raw SQL UPDATE"))
        #expect(runs[1].contains("settlement refused"))
        #expect(runs[1].contains("checkpoint 1: "))
        #expect(runs[1].contains("dispute #"))
        #expect(output.contains("as expected"))
        #expect(!output.contains("NOT as expected"))
    }

    @Test("unusable keys stop the demo with a clear message and a non-zero status")
    func unusableKeys() throws {
        let keys = TemporaryFiles.directory("demo-bad-keys")
        let data = TemporaryFiles.directory("demo-bad-data")
        // A proving key file that is not a key.
        let files = try FileManager.default.contentsOfDirectory(atPath: KeyFixture.shared.directory)
        for file in files {
            try Data("not a key".utf8).write(to: URL(fileURLWithPath: keys).appendingPathComponent(file))
        }
        let outcome = try ChildProcess.run(["demo", "--data", data, "--keys", keys], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.error.contains("cannot be used"), "\(outcome.output)\n\(outcome.error)")
    }
}
