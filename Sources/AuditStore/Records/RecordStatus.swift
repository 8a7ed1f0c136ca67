/// The lifecycle of a session as the store records it.
public struct SessionStatus: NamedValue {
    /// The status's stable name (stored as text).
    public let name: String
    /// Creates a status.
    public init(_ name: String) { self.name = name }

    /// Serving tokens and checkpoints.
    public static let active = SessionStatus("active")
    /// Final checkpoint done; waiting for the dispute window and settlement.
    public static let completing = SessionStatus("completing")
    /// Settled on-chain.
    public static let settled = SessionStatus("settled")
    /// Validation failed; settlement refused and a dispute recorded.
    public static let refused = SessionStatus("refused")
    /// Timed out on-chain.
    public static let timedOut = SessionStatus("timedOut")
}

/// Where a checkpoint is on its way on-chain.
public struct CheckpointStatus: NamedValue {
    /// The status's stable name (stored as text; the schema checks the known names).
    public let name: String
    /// Creates a status.
    public init(_ name: String) { self.name = name }

    /// A proof exists (not yet stored — a status the store accepts for completeness).
    public static let proven = CheckpointStatus("proven")
    /// Result, proof and checkpoint are stored.
    public static let stored = CheckpointStatus("stored")
    /// A transaction is signed and stored, not yet sent.
    public static let signed = CheckpointStatus("signed")
    /// The transaction was sent.
    public static let broadcast = CheckpointStatus("broadcast")
    /// The transaction is mined and succeeded.
    public static let confirmed = CheckpointStatus("confirmed")
    /// The transaction reverted or was rejected (see the revert reason).
    public static let failed = CheckpointStatus("failed")
}

/// The state of a signed transaction (a checkpoint submission or a settlement).
public struct TransactionStatus: NamedValue {
    /// The status's stable name (stored as text; the schema checks the known names).
    public let name: String
    /// Creates a status.
    public init(_ name: String) { self.name = name }

    /// Signed and durably stored; not yet sent.
    public static let signed = TransactionStatus("signed")
    /// Sent to the node.
    public static let broadcast = TransactionStatus("broadcast")
    /// Mined with success.
    public static let confirmed = TransactionStatus("confirmed")
    /// Reverted or rejected.
    public static let failed = TransactionStatus("failed")
    /// Superseded by a fee-bump replacement with the same nonce.
    public static let replaced = TransactionStatus("replaced")
    /// (Settlements only) the session timed out on-chain instead of being completed.
    public static let timedOut = TransactionStatus("timedOut")
}
