import ArgumentParser
import Foundation

/// `proofnode bench-memory`: proves N checkpoints in a fresh process and prints the peak resident set
/// (VmHWM), the figure the commitment issue bounds at 200 MB for 1,000 checkpoints.
struct ProofMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-memory",
        abstract: "Prove N checkpoints (default 1000) and print the process's peak RSS (VmHWM, Linux).",
        shouldDisplay: true
    )

    @Option(name: .long, help: "Checkpoints to prove.") var checkpoints: Int = 1000

    func run() throws {
        let start = Date()
        let (peak, before) = try CommitmentProofBenchmarks.peakResidentMegabytes(provingCheckpoints: checkpoints)
        let seconds = Date().timeIntervalSince(start)
        print(
            String(
                format: "proved %d checkpoints in %.1f s (%.1f ms each incl. one key setup); peak RSS (VmHWM) %.1f MB "
                    + "(%.1f MB before proving)", checkpoints, seconds, seconds * 1000 / Double(checkpoints), peak,
                before))
    }
}
