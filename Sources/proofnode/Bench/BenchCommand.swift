import ArgumentParser
import Foundation

/// `proofnode bench`: runs the performance benchmarks (release build) and writes medians as JSON.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run performance benchmarks and print medians and p95 (JSON with --output).",
        discussion: "Build with `swift build -c release` first: debug builds are not representative."
    )

    /// Every suite proofnode knows, in the order `--suite all` runs them.
    static let suites: [any BenchmarkSuite] = BenchmarkRegistry.all

    @Option(
        name: .long,
        help: "Suites to run, comma-separated, or `all`. Known: \(suites.map(\.name).joined(separator: ", ")).")
    var suite: String = "all"

    @Option(name: .long, help: "Samples per measurement (the median of these is reported; at least 20 is advised).")
    var runs: Int = 21

    @Option(name: .long, help: "Write the JSON report to this file.")
    var output: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        let known = Set(Self.suites.map(\.name))
        for name in requestedNames where !known.contains(name) {
            throw ValidationError("unknown suite '\(name)'; known suites: \(known.sorted().joined(separator: ", "))")
        }
    }

    private var requestedNames: [String] {
        suite == "all" ? Self.suites.map(\.name) : suite.split(separator: ",").map { String($0) }
    }

    func run() throws {
        #if DEBUG
            print("warning: this is a debug build; benchmark figures are not representative (use -c release)")
        #endif
        var results: [BenchmarkReport.SuiteResult] = []
        for name in requestedNames {
            guard let suite = Self.suites.first(where: { $0.name == name }) else { continue }
            print("\(suite.name): \(suite.summary)")
            var recorder = BenchmarkRecorder(runs: runs)
            try suite.run(into: &recorder)
            results.append(
                BenchmarkReport.SuiteResult(
                    suite: suite.name,
                    results: recorder.measurements.map {
                        BenchmarkReport.Entry(
                            name: $0.name, unit: $0.unit, median: $0.median, p95: $0.p95, runs: $0.samples.count,
                            batch: $0.batch)
                    }))
        }
        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        let report = BenchmarkReport(
            version: ProofnodeVersion.current, date: ISO8601DateFormatter().string(from: Date()),
            cores: ProcessInfo.processInfo.activeProcessorCount, build: build, suites: results)
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: output))
            print("wrote \(output)")
        }
    }
}
