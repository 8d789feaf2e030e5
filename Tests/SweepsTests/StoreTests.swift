import Foundation
import GRDB
@testable import Sweeps
import Testing
import Verification

@Suite("run store: resume, merge, refusals")
struct StoreTests {
    static let smallSpec = SweepFixtures.spec(width: #"["1", "2"]"#, dimension: #"["2"]"#, n: #"["2", "3"]"#,
                                              seeds: #"{"data": {"from": "100", "count": "2"}, "initialization": {"from": "1", "count": "2"}}"#)

    @Test("run half, run again: every run decided exactly once and stored once")
    func resume() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(SweepFixtures.spec()).runs
        let calls = SweepFixtures.Calls()
        let runner = SweepRunner(jobs: 2) { run in calls.record(run.hash); return SweepFixtures.fakeVerdict(run) }
        let store = try RunStore(path: dir.appendingPathComponent("s.sqlite").path)
        let half = runs.filter(Shard("1/2")!.contains)
        let first = try runner.run(half, store: store)
        #expect(first.finished == half.count && first.alreadyDone == 0)
        let second = try runner.run(runs, store: store)
        #expect(second.alreadyDone == half.count)
        #expect(second.finished == runs.count - half.count)
        #expect(calls.all.count == runs.count && calls.all.values.allSatisfy { $0 == 1 })
        let rows = try store.rows()
        #expect(rows.map(\.hash).sorted() == runs.map(\.hash).sorted())
        let third = try runner.run(runs, store: store)
        #expect(third.finished == 0 && third.alreadyDone == runs.count)
        // The ETA's work: every run's n·P counted once, as done by the invocation that ran it.
        let work = { (r: [SweepRun]) in r.reduce(0.0) { $0 + $1.work } }
        #expect(first.workDone == work(half) && second.workDone == work(runs) - work(half) && third.workDone == 0)
        #expect(first.workRemaining == 0 && second.workRemaining == 0)
        #expect(runs.allSatisfy { $0.work == Double($0.coordinates.sampleSize * $0.coordinates.width * ($0.coordinates.inputDimension + 1 + ($0.coordinates.bias ? 1 : 0))) })
    }

    @Test("two shards merged equal one unsharded run, row for row (real verdicts)")
    func shardsMergeEqualWhole() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        let runner = SweepRunner(jobs: 2)
        let whole = try RunStore(path: dir.appendingPathComponent("whole.sqlite").path)
        _ = try runner.run(runs, store: whole)
        let shards = try (1...2).map { i -> RunStore in
            let s = try RunStore(path: dir.appendingPathComponent("shard\(i).sqlite").path)
            _ = try runner.run(runs.filter(Shard("\(i)/2")!.contains), store: s)
            return s
        }
        let merged = try RunStore(path: dir.appendingPathComponent("merged.sqlite").path)
        let summary = try StoreMerge.merge(into: merged, from: shards)
        #expect(summary.added == runs.count && summary.alreadyPresent == 0)
        let a = try whole.rows(), b = try merged.rows()
        #expect(a.count == runs.count && b.count == runs.count)
        for (x, y) in zip(a, b) {
            #expect(x.hash == y.hash)
            #expect(x.firstDifference(from: y) == nil, "\(x.hash): \(String(describing: x.firstDifference(from: y)))")
        }
        #expect(Set(a.map(\.verdict.outcome)).count >= 1)
        // Merging again changes nothing.
        let again = try StoreMerge.merge(into: merged, from: shards)
        #expect(again.added == 0 && again.alreadyPresent == runs.count)
        #expect(try merged.rows().count == runs.count)
    }

    @Test("conflicting rows for one hash are an error naming the hash; nothing of that input is merged")
    func conflict() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        let a = try RunStore(path: dir.appendingPathComponent("a.sqlite").path)
        let b = try RunStore(path: dir.appendingPathComponent("b.sqlite").path)
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0) }.run(runs, store: a)
        // b: the same runs, one of which gets another outcome (shift changes n = d + 1).
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0, shift: 1) }.run(runs, store: b)
        let out = try RunStore(path: dir.appendingPathComponent("out.sqlite").path)
        _ = try StoreMerge.merge(into: out, from: [a])
        let differing = Set(try a.rows().filter { $0.verdict.outcome == .recovered }.map(\.hash))
        do {
            _ = try StoreMerge.merge(into: out, from: [b])
            Issue.record("a conflicting merge succeeded")
        } catch {
            let described = "\(error)"
            #expect(differing.contains { described.contains($0) }, "\(described)")
            #expect(described.contains("outcome"), "\(described)")
        }
        #expect(try out.rows().map(\.hash) == (try a.rows().map(\.hash)))
        #expect(try out.rows().allSatisfy { r in differing.contains(r.hash) == (r.verdict.outcome == .recovered) })
    }

    @Test("--jobs J runs J at once, even beyond the cores")
    func jobsAtOnce() throws {
        final class Gauge: @unchecked Sendable {
            let lock = NSLock()
            var now = 0, most = 0
            func enter() { lock.withLock { now += 1; most = max(most, now) } }
            func leave() { lock.withLock { now -= 1 } }
        }
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        let gauge = Gauge()
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        _ = try SweepRunner(jobs: jobs) { run in
            gauge.enter()
            defer { gauge.leave() }
            Thread.sleep(forTimeInterval: 0.3)
            return SweepFixtures.fakeVerdict(run)
        }.run(runs, store: try RunStore(path: dir.appendingPathComponent("s.sqlite").path))
        #expect(gauge.most == min(jobs, runs.count))
    }

    @Test("a failed run is recorded, counted, and retried on the next run")
    func failureRetried() throws {
        struct Boom: Error {}
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        let store = try RunStore(path: dir.appendingPathComponent("s.sqlite").path)
        let bad = runs[1].hash
        let p = try SweepRunner(jobs: 2) { run in
            if run.hash == bad { throw Boom() }
            return SweepFixtures.fakeVerdict(run)
        }.run(runs, store: store)
        #expect(p.failed == 1 && p.finished == runs.count - 1)
        #expect(try store.failures().map(\.hash) == [bad])
        let q = try SweepRunner(jobs: 2) { SweepFixtures.fakeVerdict($0) }.run(runs, store: store)
        #expect(q.finished == 1 && q.failed == 0)
        #expect(try store.failures().isEmpty)
        #expect(try store.rows().count == runs.count)
    }

    /// A store as schema 1 (or 2) left it, holding `runs`: the table without the columns later
    /// schemas added, user_version 1 (2).
    static func olderStore(at path: String, runs: [SweepRun], version: Int = 1) throws {
        _ = try SweepRunner(jobs: 1, decide: { SweepFixtures.fakeVerdict($0) }).run(runs, store: try RunStore(path: path))
        try DatabaseQueue(path: path).write { db in
            for column in RunRow.schemaThreeColumns.sorted() { try db.execute(sql: "ALTER TABLE runs DROP COLUMN \(column)") }
            if version == 1 { try db.execute(sql: "ALTER TABLE runs DROP COLUMN cpu_seconds") }
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
    }

    /// A verdict with every evidence field set (the fixture's, plus the optional ones).
    static func fullVerdict(_ run: SweepRun) -> RecoveryVerdict {
        var v = SweepFixtures.fakeVerdict(run)
        v.evidence.targetSetDistance = "1.5e-3"
        v.evidence.cpuSeconds = 0.5
        v.evidence.lowestEigenvalue = "-2.0e-21"
        v.evidence.eigenvalueUncertainty = "1.1e-34"
        v.evidence.motionBound = "3.0e-5"
        v.evidence.targetSetRoles = ["aligned", "cancelling", "cancelling"]
        v.evidence.status = "not-converged-step-limit"
        return v
    }

    @Test("the store keeps every evidence field of a verdict: read back, the verdict is the one stored")
    func everyEvidenceField() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = Array(try SweepFixtures.grid(Self.smallSpec).runs.prefix(2))
        let store = try RunStore(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try SweepRunner(jobs: 1, decide: Self.fullVerdict).run(runs, store: store)
        for row in try store.rows() {
            let run = try #require(runs.first { $0.hash == row.hash })
            var expected = Self.fullVerdict(run)
            expected.evidence.seconds = row.verdict.evidence.seconds // random in the fixture
            #expect(row.verdict == expected)
        }
    }

    @Test("a schema-2 store is migrated: its rows' new evidence columns NULL, which merge reads as not recorded, not as a conflict")
    func migratesSchemaTwo() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        try Self.olderStore(at: path, runs: runs, version: 2)
        let old = try RunStore(path: path)
        #expect(try old.rows().allSatisfy { $0.verdict.evidence.lowestEigenvalue == nil && $0.verdict.evidence.status == nil })
        #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 3)
        // The same runs stored with the new columns: merging the old store in adds nothing and conflicts nowhere.
        let new = try RunStore(path: dir.appendingPathComponent("new.sqlite").path)
        _ = try SweepRunner(jobs: 1, decide: { var v = Self.fullVerdict($0); v.evidence.targetSetDistance = nil; return v }).run(runs, store: new)
        let merged = try StoreMerge.merge(into: new, from: [old])
        #expect(merged.added == 0 && merged.alreadyPresent == runs.count)
        // A value that differs is still a conflict.
        let other = try RunStore(path: dir.appendingPathComponent("other.sqlite").path)
        _ = try SweepRunner(jobs: 1, decide: { var v = Self.fullVerdict($0); v.evidence.targetSetDistance = nil; v.evidence.status = "converged"; return v }).run(runs, store: other)
        #expect(throws: SweepError.self) { _ = try StoreMerge.merge(into: new, from: [other]) }
    }

    @Test("a schema-1 store (no CPU time) is migrated when opened: its rows kept, without CPU time; new rows carry theirs")
    func migratesSchemaOne() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        let measured: @Sendable (SweepRun) -> RecoveryVerdict = { run in var v = SweepFixtures.fakeVerdict(run); v.evidence.cpuSeconds = 0.25; return v }
        try Self.olderStore(at: path, runs: Array(runs.prefix(3)))
        let store = try RunStore(path: path)
        let old = try store.rows()
        #expect(old.count == 3 && old.allSatisfy { $0.verdict.evidence.cpuSeconds == nil })
        _ = try SweepRunner(jobs: 1, decide: measured).run(runs, store: store)
        let rows = try store.rows()
        #expect(rows.count == runs.count)
        #expect(rows.filter { $0.verdict.evidence.cpuSeconds == 0.25 }.count == runs.count - 3)
        #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == RunStore.schemaVersion)
    }

    @Test("a read-only opening (sweep report, merge inputs) reads a schema-1 store as it is and writes nothing")
    func readOnlyLeavesSchemaOne() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let runs = try SweepFixtures.grid(Self.smallSpec).runs
        try Self.olderStore(at: path, runs: Array(runs.prefix(3)))
        let files = { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }
        let before = try Data(contentsOf: URL(fileURLWithPath: path)), listing = try files()
        let store = try RunStore(path: path, readOnly: true)
        let rows = try store.rows()
        #expect(rows.count == 3 && rows.allSatisfy { $0.verdict.evidence.cpuSeconds == nil })
        #expect(throws: SweepError.self) { try store.insert(RunRow(run: runs[3], verdict: SweepFixtures.fakeVerdict(runs[3]))) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 1)
        #expect(try files().filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") } == listing.filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") })
        // Read-only never creates: a missing or empty file is refused.
        #expect(throws: SweepError.self) { _ = try RunStore(path: dir.appendingPathComponent("absent.sqlite").path, readOnly: true) }
        try #require(FileManager.default.createFile(atPath: dir.appendingPathComponent("empty.sqlite").path, contents: Data()))
        #expect(throws: SweepError.self) { _ = try RunStore(path: dir.appendingPathComponent("empty.sqlite").path, readOnly: true) }
    }

    @Test("a store path that is not a regular file, or not a store, is refused")
    func refusals() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("real.sqlite").path
        _ = try RunStore(path: target)
        let link = dir.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let text = dir.appendingPathComponent("notes.txt")
        try String(repeating: "not a database ", count: 100).write(to: text, atomically: true, encoding: .utf8)
        let other = dir.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        for path in [dir.path, link, "/dev/null", text.path, other] {
            #expect(throws: SweepError.self, "\(path)") { _ = try RunStore(path: path) }
        }
        #expect(try String(contentsOf: text, encoding: .utf8).hasPrefix("not a database"))
    }
}
