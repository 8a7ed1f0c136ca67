import Foundation
import Testing

@testable import AuditStore

/// ``SQLiteDatabase``'s group commit and WAL checkpointing: writes that wait share one transaction, each is
/// committed before its call returns and fails alone, a failed group fails every write in it, and the WAL
/// stays bounded.
@Suite("Database group commit and WAL checkpoints")
struct DatabaseGroupCommitTests {
    /// A database with a parent/child table pair whose foreign key is checked only at COMMIT.
    private static func open(
        _ directory: TemporaryDirectory, configuration: SQLiteDatabase.Configuration = .init()
    )
        throws -> SQLiteDatabase
    {
        let database = try SQLiteDatabase(path: directory.path(), configuration: configuration)
        try database.withConnection { db in
            try db.execute(
                """
                CREATE TABLE parents (id INTEGER PRIMARY KEY);
                CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL, payload BLOB,
                    parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        return database
    }

    /// Holds the connection on a thread of its own and starts a write of row 1 ("leader") that waits for it,
    /// the leader of the next group; returns once the leader waits. Signal `release` to let both go.
    private static func holdConnectionWithWaitingLeader(
        _ database: SQLiteDatabase
    ) -> (release: DispatchSemaphore, holder: Background<Bool>, leader: Background<Bool>) {
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Background<Bool> {
            do {
                return try database.withConnection { _ in
                    held.signal()
                    release.wait()
                    return true
                }
            } catch {
                held.signal()
                return false
            }
        }
        held.wait()
        let leader = Background<Bool> {
            do {
                try database.write { db in try db.run("INSERT INTO items (id, label) VALUES (1, 'leader')") }
                return true
            } catch {
                return false
            }
        }
        #expect(eventually { database.connectionWaiters == 1 })
        return (release, holder, leader)
    }

    /// Lets the connection's holder and the waiting leader go, and checks that both finished.
    private static func releaseGroup(
        _ release: DispatchSemaphore, _ holder: Background<Bool>, _ leader: Background<Bool>
    ) {
        release.signal()
        #expect(holder.wait() == true)
        #expect(leader.wait() == true)
    }

    /// A write on a thread of its own whose result is "ok" or the name of its ``AuditStoreError`` code.
    private static func write(
        _ database: SQLiteDatabase, _ body: @escaping @Sendable (SQLiteConnection) throws -> Void
    ) -> Background<String> {
        Background<String> {
            do {
                try database.write(body)
                return "ok"
            } catch let error as AuditStoreError {
                return error.code.name
            } catch {
                return "other"
            }
        }
    }

    /// Runs `body` on a thread of its own; the result arrives through the returned box.
    private final class Background<T: Sendable>: @unchecked Sendable {
        // @unchecked: `value` is written before `done` is signalled and read only after waiting for it.
        private var value: T?
        private let done = DispatchSemaphore(value: 0)
        init(_ body: @escaping @Sendable () -> T) {
            Thread { [self] in
                value = body()
                done.signal()
            }.start()
        }
        func wait() -> T? {
            done.wait()
            return value
        }
    }

    /// Waits (bounded) until `condition` holds; liveness, not timing.
    private static func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<6_000 {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    @Test("each write is committed (visible to another connection) when its call returns")
    func durableOnReturn() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.open(directory)
        let observer = try SQLiteDatabase(path: directory.path())
        let seen = Outcomes()
        let lanes = (0..<4).map { lane in
            Background<Bool> {
                for index in 0..<25 {
                    let id = lane * 100 + index
                    do {
                        try database.write { db in try db.run("INSERT INTO items (id, label) VALUES (?, 'x')", [id]) }
                        let visible = try observer.read { db in
                            try db.queryFirst("SELECT COUNT(*) FROM items WHERE id = ?", [id])?.int64(0) == 1
                        }
                        seen.append(visible)
                    } catch {
                        seen.append(false)
                    }
                }
                return true
            }
        }
        #expect(lanes.map { $0.wait() } == [true, true, true, true])
        #expect(seen.values.count == 100)
        #expect(seen.values.allSatisfy { $0 })
    }

    @Test("writes waiting for the connection share one transaction; one that throws is undone alone")
    func failureStaysAlone() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.open(directory)
        // The leader of the first group waits for the connection; the next three queue behind it.
        let (release, holder, leader) = Self.holdConnectionWithWaitingLeader(database)
        let writers = (2...4).map { id in
            Self.write(database) { db in
                try db.run("INSERT INTO items (id, label) VALUES (?, 'member')", [id])
                if id == 3 { throw AuditStoreError(.invalidInput, "member 3 refuses") }
            }
        }
        #expect(Self.eventually { database.pendingGroupWrites == 3 })
        Self.releaseGroup(release, holder, leader)
        #expect(writers.map { $0.wait() } == ["ok", "invalidInput", "ok"])
        let ids = try database.read { db in try db.query("SELECT id FROM items ORDER BY id").map { try $0.int64(0) } }
        #expect(ids == [1, 2, 4])
    }

    @Test("when the shared transaction cannot commit, every write in it fails with the store's typed error")
    func failedGroupFailsEveryWrite() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.open(directory)
        let (release, holder, leader) = Self.holdConnectionWithWaitingLeader(database)
        // Member 3's dangling parent is only checked at COMMIT (a deferred foreign key): the group's commit fails.
        let writers = (2...4).map { id in
            Self.write(database) { db in
                try db.run("INSERT INTO items (id, label, parent) VALUES (?, 'member', ?)", [id, id == 3 ? 99 : nil])
            }
        }
        #expect(Self.eventually { database.pendingGroupWrites == 3 })
        Self.releaseGroup(release, holder, leader)
        #expect(writers.map { $0.wait() } == ["constraint", "constraint", "constraint"])
        let ids = try database.read { db in try db.query("SELECT id FROM items ORDER BY id").map { try $0.int64(0) } }
        #expect(ids == [1])
        // The connection is usable again.
        try database.write { db in try db.run("INSERT INTO items (id, label) VALUES (5, 'after')") }
        #expect(try database.read { db in try db.queryFirst("SELECT COUNT(*) FROM items")?.int64(0) } == 2)
    }

    @Test("a write started inside another store operation is refused, not deadlocked")
    func nestingRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.open(directory)
        #expect(throws: AuditStoreError.self) {
            try database.write { _ in try database.write { db in try db.execute("SELECT 1") } }
        }
        #expect(throws: AuditStoreError.self) {
            try database.read { _ in try database.write { db in try db.execute("SELECT 1") } }
        }
    }

    @Test("without the checkpoint thread, commits checkpoint at the limit and the WAL stays bounded")
    func walBoundedInline() throws {
        let directory = try TemporaryDirectory()
        // Start and limit equal: every checkpoint runs inside the commit that reaches the limit.
        let database = try Self.open(
            directory, configuration: SQLiteDatabase.Configuration(walCheckpointPages: 32, walLimitPages: 32))
        let payload = Data(repeating: 0xA5, count: 6_000)
        for id in 0..<400 {
            try database.write { db in
                try db.run("INSERT INTO items (id, label, payload) VALUES (?, 'w', ?)", [id, payload])
            }
        }
        let statistics = try #require(database.walCheckpoints)
        #expect(statistics.inline > 0)
        #expect(statistics.background == 0)
        #expect(statistics.failures == 0)
        // A commit of one row (two overflow pages, a leaf and its parents) leaves at most the limit plus one
        // transaction's pages before the checkpoint lets the next commit restart the WAL.
        #expect(statistics.largestWALPages < 32 + 16)
        let pageSize = try #require(try database.read { db in try db.queryFirst("PRAGMA page_size")?.int64(0) })
        let walBytes = try FileManager.default.attributesOfItem(atPath: directory.path() + "-wal")[.size] as? Int
        #expect(Int64(try #require(walBytes)) <= (32 + 16) * (pageSize + 24) + 32)
        #expect(try database.read { db in try db.queryFirst("SELECT COUNT(*) FROM items")?.int64(0) } == 400)
    }

    @Test("past the start threshold the checkpoint thread copies the WAL back, never a commit")
    func walCheckpointedInBackground() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.open(
            directory, configuration: SQLiteDatabase.Configuration(walCheckpointPages: 16, walLimitPages: 1_000_000))
        let payload = Data(repeating: 0x5A, count: 6_000)
        for id in 0..<100 {
            try database.write { db in
                try db.run("INSERT INTO items (id, label, payload) VALUES (?, 'w', ?)", [id, payload])
            }
        }
        #expect(Self.eventually { (database.walCheckpoints?.background ?? 0) > 0 })
        let statistics = try #require(database.walCheckpoints)
        #expect(statistics.inline == 0)
        #expect(statistics.failures == 0, "\(statistics.lastFailure ?? "")")
        #expect(try database.read { db in try db.queryFirst("SELECT COUNT(*) FROM items")?.int64(0) } == 100)
    }

    @Test("a read-only database has no checkpointer")
    func readOnlyHasNone() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.open(directory)
        let reader = try SQLiteDatabase(path: directory.path(), configuration: .init(readOnly: true))
        #expect(reader.walCheckpoints == nil)
    }
}

/// Outcomes appended by several threads.
private final class Outcomes: @unchecked Sendable {
    // @unchecked: `stored` is guarded by `lock`.
    private let lock = NSLock()
    private var stored: [Bool] = []
    func append(_ value: Bool) { lock.withLock { stored.append(value) } }
    var values: [Bool] { lock.withLock { stored } }
}
