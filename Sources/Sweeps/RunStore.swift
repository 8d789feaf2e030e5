import Foundation
import GRDB
import MultiPrecision
import Verification

/// The run store: one SQLite file (GRDB) in WAL mode. Every finished run is one row of `runs`,
/// written in its own transaction, so a process killed at any moment (kill -9) loses only the
/// runs in flight and leaves a consistent file; a rerun skips every hash already present.
/// Tables: `runs` (hash, grid coordinates, verdict outcome and reason, every evidence field,
/// the instantiated problem, the policy, provenance), `sweeps` (the sweep files that wrote
/// here, with their planned run counts) and `failures` (runs whose integration threw; retried
/// on the next run and removed when they finish).
public final class RunStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Schema version, in SQLite's `user_version`: 1 the first; 2 adds `runs.cpu_seconds`; 3 adds
    /// the evidence columns `RunRow.schemaThreeColumns`. An older store is migrated when opened
    /// for writing, its rows' new columns NULL.
    static let schemaVersion = 3

    /// Opens (creating when absent) the store at `path`. Refuses a path that exists and is not
    /// a regular file, and a file that is not a store of this schema. `readOnly`: the store
    /// must exist, and is neither created nor migrated (an older store is read as it is, its
    /// missing columns read as NULL): what `sweep report` and `sweep merge`'s inputs use,
    /// so reading a store never writes to it.
    public init(path: String, readOnly: Bool = false) throws(SweepError) {
        self.path = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw .store(path: path, reason: "is not a regular file (a directory, link or device); give a path to an SQLite file or a new one")
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.readonly = readOnly
        if !readOnly { config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") } }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            if readOnly { _ = try pool.read { db in try RunStore.check(db) } } else { try pool.write { db in try RunStore.migrate(db) } }
        } catch SweepError.store(_, let reason) {
            throw .store(path: path, reason: reason)
        } catch {
            throw .store(path: path, reason: RunStore.message(error))
        }
    }

    /// The store's schema version; throws for a file that is not a store of a version this
    /// flowverify reads (0: an empty file, or one with tables of its own, which is refused).
    @discardableResult
    static func check(_ db: Database) throws -> Int {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if version == 0, !tables.isEmpty {
            throw SweepError.store(path: "", reason: "is an SQLite file but not a sweep store (tables \(tables.joined(separator: ", ")))")
        }
        if version == 0, db.configuration.readonly {
            throw SweepError.store(path: "", reason: "is empty, not a sweep store")
        }
        if version > schemaVersion {
            throw SweepError.store(path: "", reason: "has schema version \(version); this flowverify reads \(schemaVersion)")
        }
        return version
    }

    static func migrate(_ db: Database) throws {
        let version = try check(db)
        if version == schemaVersion { return }
        if version == 0 {
            try db.execute(sql: "CREATE TABLE runs (" + RunRow.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ", PRIMARY KEY (hash))")
            try db.execute(sql: "CREATE TABLE sweeps (spec_hash TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, spec TEXT NOT NULL, planned INTEGER NOT NULL)")
            try db.execute(sql: "CREATE TABLE failures (hash TEXT NOT NULL PRIMARY KEY, point TEXT NOT NULL, message TEXT NOT NULL, attempted_at TEXT NOT NULL)")
        }
        if version == 1 { try db.execute(sql: "ALTER TABLE runs ADD COLUMN cpu_seconds REAL") }
        if version == 1 || version == 2 {
            for (name, type) in RunRow.columns where RunRow.schemaThreeColumns.contains(name) {
                try db.execute(sql: "ALTER TABLE runs ADD COLUMN \(name) \(type)")
            }
        }
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
    }

    static func message(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e)" }
        return "\(error)"
    }

    func write<T>(_ body: (Database) throws -> T) throws(SweepError) -> T {
        do { return try pool.write(body) } catch let e as SweepError { throw e } catch {
            throw .store(path: path, reason: RunStore.message(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(SweepError) -> T {
        do { return try pool.read(body) } catch let e as SweepError { throw e } catch {
            throw .store(path: path, reason: RunStore.message(error))
        }
    }

    /// Moves the write-ahead log into the main file and empties it, so that the .sqlite file
    /// alone holds every finished run (to copy a store off a cluster node). Called when a
    /// sweep or a merge ends; an interrupted process skips it and loses nothing (the next
    /// opening replays the log).
    public func checkpoint() throws(SweepError) {
        do { _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } } catch {
            throw .store(path: path, reason: RunStore.message(error))
        }
    }

    /// Records the sweep file that writes here and how many runs it plans.
    public func register(_ sweep: SweepSpec, planned: Int) throws(SweepError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sweeps (spec_hash, name, spec, planned) VALUES (?, ?, ?, ?)",
                           arguments: [SHA256.hex(Array(sweep.canonical.utf8)), sweep.name, sweep.canonical, planned])
        }
    }

    /// The hashes of the finished runs.
    public func finishedHashes() throws(SweepError) -> Set<String> {
        try read { db in try Set(String.fetchAll(db, sql: "SELECT hash FROM runs")) }
    }

    /// Stores one finished run (one transaction); its failure record, if any, goes.
    public func insert(_ row: RunRow) throws(SweepError) {
        try write { db in
            try row.insert(db)
            try db.execute(sql: "DELETE FROM failures WHERE hash = ?", arguments: [row.hash])
        }
    }

    /// Records a run whose integration threw.
    public func recordFailure(_ run: SweepRun, message: String) throws(SweepError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO failures (hash, point, message, attempted_at) VALUES (?, ?, ?, ?)",
                           arguments: [run.hash, run.coordinates.label, message, RunRow.timestamp()])
        }
    }

    /// Every stored run, ordered by hash.
    public func rows() throws(SweepError) -> [RunRow] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY hash").map(RunRow.init(row:)) }
    }

    /// The failure records (hash, point, message), ordered by hash.
    public func failures() throws(SweepError) -> [(hash: String, point: String, message: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT hash, point, message FROM failures ORDER BY hash").map { ($0["hash"], $0["point"], $0["message"]) }
        }
    }

    /// The sweep files recorded here: (name, planned runs).
    public func sweeps() throws(SweepError) -> [(name: String, planned: Int)] {
        try read { db in try Row.fetchAll(db, sql: "SELECT name, planned FROM sweeps ORDER BY name").map { ($0["name"], $0["planned"]) } }
    }
}
