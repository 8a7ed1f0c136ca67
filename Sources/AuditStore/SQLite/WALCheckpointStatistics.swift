/// What a database's WAL checkpointer (``SQLiteDatabase/walCheckpoints``) has done since the database was
/// opened: checkpoints off the commit path, checkpoints a commit had to run itself, failures.
public struct WALCheckpointStatistics: Sendable, Equatable {
    /// PASSIVE checkpoints run on the checkpoint thread.
    public var background = 0
    /// Checkpoints run inside a commit because the WAL had reached ``SQLiteDatabase/Configuration/walLimitPages``.
    public var inline = 0
    /// Checkpoints that failed (the last reason is ``lastFailure``).
    public var failures = 0
    /// The largest WAL size, in pages, a commit has left behind.
    public var largestWALPages: Int32 = 0
    /// Why the last failed checkpoint failed.
    public var lastFailure: String?

    /// Creates empty statistics.
    public init() {}
}
