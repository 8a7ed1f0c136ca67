import CSQLite
import Foundation

/// Moves the WAL checkpoint off the commit path: the writing connection's automatic checkpoint is
/// replaced by a thread of the checkpointer's own, with a connection of its own, that runs PASSIVE
/// checkpoints whenever a commit leaves the WAL at or above ``SQLiteDatabase/Configuration/walCheckpointPages``.
///
/// SQLite's default (`wal_autocheckpoint = 1000`) runs the checkpoint inside the commit that crosses the
/// threshold: that commit copies the WAL back into the database file and fsyncs it before it returns, so
/// one write in every thousand pages waits for tens of milliseconds of extra disk work. A PASSIVE
/// checkpoint on another connection copies the same frames while writers keep committing (in WAL mode a
/// checkpoint never blocks a writer), and the writer restarts the WAL from its start at its next commit
/// once everything was copied.
///
/// Bounded: should the WAL reach ``SQLiteDatabase/Configuration/walLimitPages`` anyway (the checkpoint
/// thread starved of CPU or disk), the commit that sees it runs the PASSIVE checkpoint itself, as SQLite
/// would have done, so the WAL cannot grow without limit. Durability is unchanged: a commit is durable
/// once its WAL frames are fsynced (`synchronous = FULL`); a checkpoint only moves committed pages.
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: the counters and flags are guarded by `condition`; `connection` is only touched on the
    // checkpoint thread.

    private let path: String
    private let startPages: Int32
    private let limitPages: Int32
    private let condition = NSCondition()
    private var requested = false
    private var stopped = false
    private var running = false
    private var statistics = WALCheckpointStatistics()

    /// Creates a checkpointer for the database at `path` (its thread starts on the first request).
    init(path: String, startPages: Int32, limitPages: Int32) {
        self.path = path
        self.startPages = max(1, startPages)
        self.limitPages = max(self.startPages, limitPages)
    }

    /// Installs the checkpointer as `handle`'s WAL hook (replacing the automatic checkpoint).
    /// The hook holds the checkpointer unretained: call ``detach(from:)`` before either goes away.
    func attach(to handle: OpaquePointer) {
        sqlite3_wal_hook(handle, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the hook and lets the checkpoint thread end.
    func detach(from handle: OpaquePointer) {
        sqlite3_wal_hook(handle, nil, nil)
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// A copy of the statistics.
    var current: WALCheckpointStatistics {
        condition.lock()
        defer { condition.unlock() }
        return statistics
    }

    /// Called by SQLite on the committing thread after every commit, with the WAL's size in pages.
    fileprivate func committed(_ handle: OpaquePointer?, database: UnsafePointer<CChar>?, pages: Int32) -> Int32 {
        condition.lock()
        statistics.largestWALPages = max(statistics.largestWALPages, pages)
        let inline = pages >= limitPages
        if !inline && pages >= startPages && !stopped {
            requested = true
            if !running {
                running = true
                startThread()
            }
            condition.signal()
        }
        condition.unlock()
        if inline {
            // The limit: checkpoint in the commit, as SQLite's automatic checkpoint would (BUSY when the
            // checkpoint thread is copying right now: then it will finish the job).
            let result = sqlite3_wal_checkpoint_v2(handle, database, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            record(result, inline: true, handle: handle)
        }
        return SQLITE_OK
    }

    private func startThread() {
        let thread = Thread { [self] in run() }
        thread.name = "proofnode.sqlite.checkpoint"
        thread.start()
    }

    /// The checkpoint thread: one PASSIVE checkpoint per request, until detached.
    private func run() {
        var connection: SQLiteConnection?
        while true {
            condition.lock()
            while !requested && !stopped { condition.wait() }
            if stopped {
                running = false
                condition.unlock()
                return
            }
            requested = false
            condition.unlock()
            do {
                if connection == nil {
                    let opened = try SQLiteConnection(path: path, readOnly: false)
                    // FULL: the checkpoint fsyncs the WAL before copying and the database file after.
                    try opened.execute("PRAGMA synchronous = FULL")
                    connection = opened
                }
                if let connection {
                    let result = sqlite3_wal_checkpoint_v2(
                        connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                    record(result, inline: false, handle: connection.handle)
                }
            } catch {
                condition.lock()
                statistics.failures += 1
                statistics.lastFailure = "\(error)"
                condition.unlock()
            }
        }
    }

    private func record(_ result: Int32, inline: Bool, handle: OpaquePointer?) {
        condition.lock()
        defer { condition.unlock() }
        switch result & 0xff {
        case SQLITE_OK:
            if inline { statistics.inline += 1 } else { statistics.background += 1 }
        case SQLITE_BUSY, SQLITE_LOCKED:
            break  // another checkpoint is running; it copies these frames
        default:
            statistics.failures += 1
            statistics.lastFailure =
                "checkpoint failed: " + (handle.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(result)")
        }
    }
}

/// The C hook: forwards to the checkpointer passed as the context pointer.
private func walHook(
    context: UnsafeMutableRawPointer?, handle: OpaquePointer?, database: UnsafePointer<CChar>?, pages: Int32
) -> Int32 {
    guard let context else { return SQLITE_OK }
    return Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
        .committed(handle, database: database, pages: pages)
}
