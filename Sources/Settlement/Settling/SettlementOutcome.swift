import AuditStore

/// How a call to ``AutoSettler/settle(jobID:)`` ended.
public enum SettlementOutcome: Sendable, Equatable {
    /// Settled now: the confirmed settlement with its payment.
    case settled(SettlementRecord)
    /// Already settled before this call (no transaction was sent).
    case alreadySettled(SettlementRecord)
    /// The session timed out on-chain; recorded with the event's amounts.
    case timedOut(SettlementRecord)
    /// Validation failed: no settlement, a dispute was recorded.
    case refused(SessionValidationReport)
    /// The session was completed on-chain by someone else (the depositor); nothing was sent.
    case completedElsewhere(hostEarnings: String, userRefund: String)

    /// A one-word name (for logs, metrics and the CLI).
    public var name: String {
        switch self {
        case .settled: "settled"
        case .alreadySettled: "alreadySettled"
        case .timedOut: "timedOut"
        case .refused: "refused"
        case .completedElsewhere: "completedElsewhere"
        }
    }

    /// The settlement record, when there is one.
    public var record: SettlementRecord? {
        switch self {
        case .settled(let record), .alreadySettled(let record), .timedOut(let record): record
        case .refused, .completedElsewhere: nil
        }
    }
}
