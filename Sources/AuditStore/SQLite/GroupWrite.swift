/// One caller's write in a shared transaction of ``SQLiteDatabase``: its changes, run by whichever
/// caller leads the group, and whether they were committed.
final class GroupWrite: @unchecked Sendable {
    // @unchecked: `work` runs on the leading thread while the caller that made this value waits blocked
    // in ``GroupCommitter/submit(_:commit:)`` (so the closure and what it captures are used by one thread
    // at a time); the caller reads what the closure stored only after the commit woke it.

    /// The caller's changes; writes the caller's result into the caller's own storage. Cleared once run
    /// (or by the caller once woken): the closure wraps the caller's non-escaping body, which must not be
    /// referenced after the caller's `write` returns.
    var work: ((SQLiteConnection) throws -> Void)?

    /// Wraps the changes.
    init(_ work: @escaping (SQLiteConnection) throws -> Void) { self.work = work }

    /// Runs the changes once and lets go of them.
    func run(_ connection: SQLiteConnection) throws {
        let work = self.work
        self.work = nil
        try work?(connection)
    }
}

extension SQLiteDatabase {
    /// Runs every write of `batch` in one `BEGIN IMMEDIATE … COMMIT` transaction, each in its own
    /// savepoint: a write that throws is undone alone and fails alone; a failure of the transaction itself
    /// (its BEGIN or COMMIT, or an error after which SQLite rolled everything back) fails them all. Sets
    /// every request's result; called with the connection held.
    func commitGroup(_ batch: [GroupCommitter<GroupWrite, Void>.Request], on connection: SQLiteConnection) throws {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            for request in batch {
                try connection.execute("SAVEPOINT proofnode_group_write")
                do {
                    try request.input.run(connection)
                    request.result = .success(())
                } catch {
                    // SQLite itself rolled the transaction back (disk full, I/O error): nothing of the group
                    // survives, so every write fails with this error.
                    guard connection.inTransaction else { throw error }
                    request.result = .failure(error)
                    try connection.execute("ROLLBACK TO proofnode_group_write")
                }
                try connection.execute("RELEASE proofnode_group_write")
            }
            try connection.execute("COMMIT")
        } catch {
            if connection.inTransaction {
                // A failed rollback leaves nothing more to undo (SQLite already rolled back).
                do { try connection.execute("ROLLBACK") } catch {}
            }
            // Nothing of the group is stored: a write that succeeded inside it fails with the group's error
            // (the ``GroupCommitter`` sets it for every request when this throws).
            throw error
        }
    }
}
