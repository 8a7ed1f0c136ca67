import Dispatch
import Foundation

/// What the open-loop driver measured, and the tokens each session had accepted.
struct DrivenLoad: Sendable {
    var figures: PipelineLoadBenchmarks.RunResult
    var sessionTokens: [UInt64]
}

/// The open-loop schedule: request `k` of session `s` at `start + (k·sessions + s) / rate`; latency from
/// that scheduled time to the reply.
enum LoadDriver {
    private static let words = [
        "the", "model", "answers", "with", "a", "short", "explanation", "of", "how", "proofs", "are", "made", "for",
        "each", "checkpoint", "and", "why", "settlement", "waits", "until", "the", "dispute", "window", "has",
        "passed", "on", "chain",
    ]

    /// Per-session outcome.
    private struct SessionOutcome: Sendable {
        var index: Int
        var latencies: [Double] = []
        /// Per request: its scheduled time (ms after the start) and the session's tokens after it, for the trace.
        var scheduledAt: [Double] = []
        var tokensAfter: [UInt64] = []
        var accepted = 0
        var overloaded = 0
        var errors = 0
        var tokens: UInt64 = 0
        var finished: UInt64 = 0
    }

    static func drive(
        shape: PipelineLoadBenchmarks.Shape, jobs: [String], client: LoadHTTPClient
    ) async throws -> DrivenLoad {
        let sessions = jobs.count
        let perSession = shape.requestsPerSession
        let spacing = 1e9 / shape.rate
        let start = DispatchTime.now().uptimeNanoseconds + 250_000_000
        var outcomes = try await withThrowingTaskGroup(of: SessionOutcome.self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask {
                    try await client.withConnection { connection in
                        var outcome = SessionOutcome(index: index)
                        outcome.latencies.reserveCapacity(perSession)
                        var random = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
                        var sequence: UInt64 = 0
                        for k in 0..<perSession {
                            let scheduled = start + UInt64((Double(k * sessions + index) * spacing).rounded())
                            let now = DispatchTime.now().uptimeNanoseconds
                            if scheduled > now { try await Task.sleep(nanoseconds: scheduled - now) }
                            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                            let tokens = 10 + (random >> 33) % 31
                            let body = segment(sequence: sequence, tokens: tokens, position: k)
                            var status = try await connection.post("/v1/sessions/\(job)/tokens", body)
                            while status == 503 {
                                // Refused by backpressure: the segment is not accepted; retry it as a client would.
                                outcome.overloaded += 1
                                try await Task.sleep(for: .seconds(1))
                                status = try await connection.post("/v1/sessions/\(job)/tokens", body)
                            }
                            let done = DispatchTime.now().uptimeNanoseconds
                            outcome.latencies.append(Double(done &- scheduled) / 1e6)
                            outcome.scheduledAt.append(Double(scheduled &- start) / 1e6)
                            outcome.finished = done
                            if status == 202 {
                                outcome.accepted += 1
                                outcome.tokens += tokens
                                sequence += 1
                            }
                            outcome.tokensAfter.append(outcome.tokens)
                            if status != 202 {
                                outcome.errors += 1
                            }
                        }
                        return outcome
                    }
                }
            }
            var all: [SessionOutcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        outcomes.sort { $0.index < $1.index }
        if let path = ProcessInfo.processInfo.environment["PROOFNODE_LOAD_TRACE"] {
            // Exploring only: one line per request, to see whether slow requests cluster in time or follow
            // checkpoints.
            var lines = "session,request,scheduled_ms,latency_ms,tokens_after\n"
            for outcome in outcomes {
                for k in outcome.latencies.indices {
                    lines +=
                        "\(outcome.index),\(k),\(outcome.scheduledAt[k]),\(outcome.latencies[k]),\(outcome.tokensAfter[k])\n"
                }
            }
            try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
            // The schedule's origin on CLOCK_MONOTONIC, to line the trace up with `perf record -k CLOCK_MONOTONIC`.
            print("  trace: \(path), scheduled_ms counts from monotonic \(Double(start) / 1e9) s")
        }
        let latencies = outcomes.flatMap(\.latencies).sorted()
        let end = outcomes.map(\.finished).max() ?? start
        let elapsed = Double(end &- start) / 1e9
        func percentile(_ fraction: Double) -> Double {
            latencies.isEmpty
                ? .nan
                : latencies[
                    max(0, min(latencies.count - 1, Int((fraction * Double(latencies.count)).rounded(.up)) - 1))]
        }
        var figures = PipelineLoadBenchmarks.RunResult()
        figures.requests = latencies.count
        figures.accepted = outcomes.reduce(0) { $0 + $1.accepted }
        figures.overloaded = outcomes.reduce(0) { $0 + $1.overloaded }
        figures.errors = outcomes.reduce(0) { $0 + $1.errors }
        figures.achievedRate = elapsed > 0 ? Double(figures.accepted) / elapsed : 0
        figures.p50 = percentile(0.50)
        figures.p95 = percentile(0.95)
        figures.p99 = percentile(0.99)
        figures.max = latencies.last ?? .nan
        figures.tokens = outcomes.reduce(0) { $0 + $1.tokens }
        return DrivenLoad(figures: figures, sessionTokens: outcomes.map(\.tokens))
    }

    /// A segment body of `tokens` tokens: about one word per token; every 20th carries a prompt too.
    private static func segment(sequence: UInt64, tokens: UInt64, position: Int) -> String {
        var response = ""
        for offset in 0..<Int(tokens) {
            if offset > 0 { response += " " }
            response += words[(position &* 7 &+ offset) % words.count]
        }
        let prompt = position % 20 == 0 ? #""prompt": "question \#(position / 20): how are checkpoints proven?", "# : ""
        return #"{"sequence": \#(sequence), \#(prompt)"response": "\#(response) ", "tokens": \#(tokens)}"#
    }
}
