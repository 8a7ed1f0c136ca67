import Logging
import Metrics

/// The validator's and settler's metrics and logger.
///
/// Metrics (swift-metrics, so any backend — e.g. Prometheus — can export them):
/// - `proofnode_settlement_validations_total{result="passed"|"failed"}`
/// - `proofnode_settlement_refusals_total` — sessions whose settlement validation refused (a dispute)
/// - `proofnode_settlements_total{result="confirmed"|"timedOut"|"refused"|"failed"}`
///
/// Log lines name jobs, checkpoints, proof hashes and finding codes — never a salt or a key.
public struct SettlementTelemetry: Sendable {
    /// The logger (label `proofnode.settlement` by default).
    public let logger: Logger
    private let validationsPassed: Counter
    private let validationsFailed: Counter
    private let refusals: Counter
    private let factory: any MetricsFactory

    /// Creates the metric handles and the logger.
    /// - Parameters:
    ///   - logger: Where log lines go.
    ///   - factory: The metrics backend (default: the bootstrapped global one).
    public init(
        logger: Logger = Logger(label: "proofnode.settlement"), factory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.logger = logger
        self.factory = factory
        validationsPassed = Counter(
            label: "proofnode_settlement_validations_total", dimensions: [("result", "passed")], factory: factory)
        validationsFailed = Counter(
            label: "proofnode_settlement_validations_total", dimensions: [("result", "failed")], factory: factory)
        refusals = Counter(label: "proofnode_settlement_refusals_total", factory: factory)
    }

    /// Counts a validation.
    /// - Parameter report: Its report.
    func recordValidation(_ report: SessionValidationReport) {
        (report.passed ? validationsPassed : validationsFailed).increment()
    }

    /// Counts and logs (error level) a refused settlement with every reason.
    /// - Parameter report: The failing report.
    func recordRefusal(_ report: SessionValidationReport) {
        refusals.increment()
        logger.error(
            "settlement refused: validation failed; dispute recorded",
            metadata: [
                "job": "\(report.jobID)", "reasons": "\(report.reasons.count)",
                "findings": .array(report.reasons.map { .string($0) }),
            ])
    }

    /// Counts a settlement's end state.
    /// - Parameter result: `confirmed`, `timedOut`, `refused` or `failed`.
    func recordSettlement(_ result: String) {
        Counter(label: "proofnode_settlements_total", dimensions: [("result", result)], factory: factory).increment()
    }
}
