import Foundation

/// One measured quantity of a benchmark suite: a name, a unit, and the samples of every run.
struct BenchmarkMeasurement: Codable, Sendable {
    /// What was measured, e.g. `fq.mul`.
    var name: String
    /// The unit of every sample, e.g. `ns`, `ms`, `us`, `ops/s`.
    var unit: String
    /// One value per run.
    var samples: [Double]
    /// Work items per sample, when a sample is an average over a batch (for the record).
    var batch: Int

    /// The median of the samples.
    var median: Double { Self.percentile(samples, 0.5) }
    /// The 95th percentile of the samples.
    var p95: Double { Self.percentile(samples, 0.95) }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}

/// Collects measurements for one suite run.
struct BenchmarkRecorder: Sendable {
    /// How many samples each measurement takes.
    let runs: Int
    private(set) var measurements: [BenchmarkMeasurement] = []

    init(runs: Int) { self.runs = runs }

    /// Measures `body` `runs` times (after one warm-up), each sample being the wall time of one call
    /// divided by `batch`, in `unit` (`ns`, `us` or `ms`).
    mutating func measure(_ name: String, unit: String = "ms", batch: Int = 1, _ body: () throws -> Void) rethrows {
        try body()
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        let scale: Double
        switch unit {
        case "ns": scale = 1
        case "us": scale = 1e3
        default: scale = 1e6
        }
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            samples.append(elapsed / scale / Double(batch))
        }
        let measurement = BenchmarkMeasurement(name: name, unit: unit, samples: samples, batch: batch)
        measurements.append(measurement)
        Self.printLine(measurement)
    }

    private static func printLine(_ measurement: BenchmarkMeasurement) {
        let label = measurement.name.padding(toLength: max(44, measurement.name.count), withPad: " ", startingAt: 0)
        print(
            "  \(label) median " + String(format: "%12.4f", measurement.median) + " \(measurement.unit)   p95 "
                + String(format: "%12.4f", measurement.p95) + " \(measurement.unit)")
    }

    /// Records samples measured by the caller (for throughput figures and the like).
    mutating func record(_ name: String, unit: String, samples: [Double], batch: Int = 1) {
        let measurement = BenchmarkMeasurement(name: name, unit: unit, samples: samples, batch: batch)
        measurements.append(measurement)
        Self.printLine(measurement)
    }
}

/// A named group of benchmarks that `proofnode bench` can run.
protocol BenchmarkSuite: Sendable {
    /// The suite's name on the command line, e.g. `bn254`.
    var name: String { get }
    /// A one-line description.
    var summary: String { get }
    /// Runs every benchmark of the suite into `recorder`.
    func run(into recorder: inout BenchmarkRecorder) throws
}

/// The machine-readable result of one `proofnode bench` invocation.
struct BenchmarkReport: Codable, Sendable {
    /// One suite's measurements with medians and p95.
    struct SuiteResult: Codable, Sendable {
        var suite: String
        var results: [Entry]
    }
    /// One measurement summarised.
    struct Entry: Codable, Sendable {
        var name: String
        var unit: String
        var median: Double
        var p95: Double
        var runs: Int
        var batch: Int
    }
    var version: String
    var date: String
    var cores: Int
    var build: String
    var suites: [SuiteResult]
}

/// Runs an asynchronous benchmark body from a synchronous suite and waits for it to finish; a failure
/// becomes a `CommandFailure` that names the suite.
/// - Parameters:
///   - suite: The suite's name, for the error.
///   - body: The measurement.
func runBlocking(_ suite: String, _ body: sending @escaping () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable {
        // @unchecked: written by the task before `done` is signalled, read only after the wait.
        var failure: String?
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        defer { done.signal() }
        do {
            try await body()
        } catch {
            outcome.failure = "\(error)"
        }
    }
    done.wait()
    if let failure = outcome.failure { throw CommandFailure("the \(suite) benchmark failed: \(failure)") }
}
