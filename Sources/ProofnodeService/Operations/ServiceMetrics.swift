import Metrics
import Prometheus

/// The metrics the service itself emits (swift-metrics; exported by ``ProofnodeServer`` at `/metrics`
/// through swift-prometheus together with the proof system's ``Commitment/ProofMetrics``).
///
/// | name | type | dimensions |
/// |---|---|---|
/// | `proofnode_http_requests_total` | counter | `method`, `route`, `status` |
/// | `proofnode_http_request_duration_seconds` | timer | `route` |
/// | `proofnode_ingest_requests_total` | counter | `operation` (`register`, `append`, `complete`), `result` (`accepted` or the refusal code) |
/// | `proofnode_chain_up` | gauge | 1 when the last chain probe answered with the configured chain id |
/// | `proofnode_chain_block_number` | gauge | the latest block seen by the probe |
/// | `proofnode_rpc_errors_total` | counter | `method` of the failed JSON-RPC call |
/// | `proofnode_submissions_pending` | gauge | signed or broadcast, not yet confirmed (from the store) |
/// | `proofnode_submission_oldest_pending_seconds` | gauge | age of the oldest pending submission |
/// | `proofnode_sessions` | gauge | `status` (from the store) |
/// | `proofnode_disputes` | gauge | disputes recorded in the store (settlement refused) |
/// | `proofnode_ready` | gauge | 1 when the last readiness check passed |
public struct ServiceMetrics: Sendable {
    /// The factory every metric is made with.
    public let factory: any MetricsFactory

    /// The metric names, for dashboards, alerts and tests.
    public enum Name {
        /// Requests by method, route and status.
        public static let httpRequests = "proofnode_http_requests_total"
        /// Request durations by route.
        public static let httpRequestDuration = "proofnode_http_request_duration_seconds"
        /// Session ingest requests by operation and result.
        public static let ingestRequests = "proofnode_ingest_requests_total"
        /// Chain reachability.
        public static let chainUp = "proofnode_chain_up"
        /// Latest block number seen.
        public static let chainBlockNumber = "proofnode_chain_block_number"
        /// Failed JSON-RPC calls.
        public static let rpcErrors = "proofnode_rpc_errors_total"
        /// Pending submissions.
        public static let submissionsPending = "proofnode_submissions_pending"
        /// Age of the oldest pending submission.
        public static let oldestPendingSubmission = "proofnode_submission_oldest_pending_seconds"
        /// Sessions by status.
        public static let sessions = "proofnode_sessions"
        /// Disputes recorded.
        public static let disputes = "proofnode_disputes"
        /// Readiness.
        public static let ready = "proofnode_ready"
        /// Every name above.
        public static let all = [
            httpRequests, httpRequestDuration, ingestRequests, chainUp, chainBlockNumber, rpcErrors,
            submissionsPending, oldestPendingSubmission, sessions, disputes, ready,
        ]
    }

    /// Metrics made with `factory` (by default the bootstrapped `MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) { self.factory = factory }

    /// Counts and times one HTTP request.
    func recordRequest(method: String, route: String, status: Int, nanoseconds: UInt64) {
        Counter(
            label: Name.httpRequests, dimensions: [("method", method), ("route", route), ("status", String(status))],
            factory: factory
        ).increment()
        Timer(label: Name.httpRequestDuration, dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Counts one ingest request by result.
    func recordIngest(operation: String, result: String) {
        Counter(
            label: Name.ingestRequests, dimensions: [("operation", operation), ("result", result)], factory: factory
        ).increment()
    }

    /// Records a chain probe's outcome.
    func recordChainProbe(blockNumber: UInt64?, failedMethod: String?) {
        Gauge(label: Name.chainUp, factory: factory).record(blockNumber == nil ? 0 : 1)
        if let blockNumber { Gauge(label: Name.chainBlockNumber, factory: factory).record(Double(blockNumber)) }
        if let failedMethod {
            Counter(label: Name.rpcErrors, dimensions: [("method", failedMethod)], factory: factory).increment()
        }
    }

    /// Records the store's gauges.
    func recordStore(snapshot: StoreSnapshot) {
        Gauge(label: Name.submissionsPending, factory: factory).record(Double(snapshot.pendingSubmissions))
        Gauge(label: Name.oldestPendingSubmission, factory: factory).record(snapshot.oldestPendingSeconds)
        for (status, count) in snapshot.sessionsByStatus {
            Gauge(label: Name.sessions, dimensions: [("status", status)], factory: factory).record(Double(count))
        }
        Gauge(label: Name.disputes, factory: factory).record(Double(snapshot.disputes))
    }

    /// Records readiness.
    func recordReady(_ ready: Bool) {
        Gauge(label: Name.ready, factory: factory).record(ready ? 1 : 0)
    }
}

extension ServiceMetrics {
    /// The Prometheus factory over `registry`, with histogram buckets that fit proofnode's timers
    /// (proof generation takes about a second; HTTP requests milliseconds).
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        let seconds: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60]
        factory.durationHistogramBuckets["proofnode_proof_generation_seconds"] = seconds.map {
            .milliseconds(Int64($0 * 1_000))
        }
        let requestSeconds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5]
        factory.durationHistogramBuckets[Name.httpRequestDuration] = requestSeconds.map {
            .microseconds(Int64($0 * 1_000_000))
        }
        return factory
    }
}
