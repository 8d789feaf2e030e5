import Foundation
import GRDB
@testable import Sweeps
import Testing

/// `flowverify sweep` as a process: kill -9 mid-sweep and rerun, exit codes, messages.
@Suite("flowverify sweep (process)", .serialized)
struct SweepCLITests {
    static var binary: URL {
        (Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL).appendingPathComponent("flowverify")
    }

    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func flowverify(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let (process, out, err) = try start(arguments)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// 24 runs of m = 1, 2, d = 2 (a few seconds with one job, even in a debug build).
    static let slowSpec = SweepFixtures.spec(width: #"["1", "2"]"#, dimension: #"["2"]"#, n: #"{"from": "d", "to": "2d + 1"}"#)

    static func rowCount(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path),
              let q = try? DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }()) else { return 0 }
        return (try? q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }) ?? 0
    }

    @Test("kill -9 mid-sweep, then the same command: every run once, none that had finished lost")
    func killAndResume() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("sweep.json"), store = dir.appendingPathComponent("s.sqlite").path
        try Self.slowSpec.write(to: spec, atomically: true, encoding: .utf8)
        let planned = try SweepFixtures.grid(Self.slowSpec).runs
        let arguments = ["sweep", spec.path, "--store", store, "--jobs", "1", "--quiet"]

        let (process, _, _) = try Self.start(arguments)
        let deadline = ContinuousClock.now + .seconds(120)
        while Self.rowCount(store) < 3, process.isRunning, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the sweep finished before it could be killed")
        let before = try RunStore(path: store).rows()
        #expect(before.count >= 3 && before.count < planned.count, "\(before.count) of \(planned.count) at the kill")

        let r = try Self.flowverify(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let after = try RunStore(path: store).rows()
        #expect(after.map(\.hash).sorted() == planned.map(\.hash).sorted())
        let kept = Dictionary(uniqueKeysWithValues: after.map { ($0.hash, $0) })
        for row in before {
            #expect(kept[row.hash] == row, "run \(row.hash) changed or was lost")
        }
        let check = try DatabaseQueue(path: store).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
        // The finished sweep folded its log into the file: the .sqlite alone holds every run.
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        #expect(Self.rowCount(copy) == planned.count)
    }

    @Test("a bad sweep file exits 65 with one line naming the field; nothing is written")
    func badSpec() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("sweep.json"), store = dir.appendingPathComponent("s.sqlite")
        try SweepFixtures.spec().replacingOccurrences(of: "\"width\":", with: "\"widht\":").write(to: spec, atomically: true, encoding: .utf8)
        let r = try Self.flowverify(["sweep", spec.path, "--store", store.path])
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("axes.widht"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test("a FIFO as the sweep file exits 65 naming it, at once, instead of waiting for a writer")
    func fifoSpec() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("sweep.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["30", Self.binary.path, "sweep", "run", fifo, "--store", dir.appendingPathComponent("s.sqlite").path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 65 && e.contains("not a regular file"), "status \(process.terminationStatus): \(e)")
    }

    @Test("a non-regular --store exits 65; a bad --shard or --jobs is a usage error (64)")
    func badArguments() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("sweep.json")
        try SweepFixtures.spec().write(to: spec, atomically: true, encoding: .utf8)
        let r = try Self.flowverify(["sweep", "run", spec.path, "--store", dir.path])
        #expect(r.status == 65 && r.stderr.contains("not a regular file"), "\(r.stderr)")
        for bad in [["--shard", "3/2"], ["--shard", "1of2"], ["--jobs", "0"]] {
            let u = try Self.flowverify(["sweep", spec.path, "--store", dir.appendingPathComponent("x.sqlite").path] + bad)
            #expect(u.status == 64, "\(bad): \(u.stderr)")
        }
    }

    @Test("merge: conflicting stores exit 65 naming the hash; merging twice is idempotent")
    func mergeCLI() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = try SweepFixtures.grid(StoreTests.smallSpec).runs
        let a = dir.appendingPathComponent("a.sqlite").path, b = dir.appendingPathComponent("b.sqlite").path
        let out = dir.appendingPathComponent("out.sqlite").path
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0) }.run(runs, store: try RunStore(path: a))
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0, shift: 1) }.run(runs, store: try RunStore(path: b))
        let first = try Self.flowverify(["sweep", "merge", out, a])
        let second = try Self.flowverify(["sweep", "merge", out, a])
        #expect(first.status == 0 && second.status == 0)
        #expect(second.stdout.contains("0 runs added, \(runs.count) already there"), "\(second.stdout)")
        let conflict = try Self.flowverify(["sweep", "merge", out, b])
        #expect(conflict.status == 65)
        let hashes = try RunStore(path: a).rows().map(\.hash)
        #expect(hashes.contains { conflict.stderr.contains($0) }, "\(conflict.stderr)")
    }

    @Test("report: six files from a store; a missing store exits 65, a bad --level 64")
    func reportCLI() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path, out = dir.appendingPathComponent("report").path
        let runs = try SweepFixtures.grid(StoreTests.smallSpec).runs
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0) }.run(runs, store: try RunStore(path: store))
        let r = try Self.flowverify(["sweep", "report", store, "--out", out, "--level", "0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["report.json", "report.md", "index.html", "cells.csv", "thresholds.csv", "candidates.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        let missing = try Self.flowverify(["sweep", "report", dir.appendingPathComponent("none.sqlite").path, "--out", out])
        #expect(missing.status == 65 && missing.stderr.contains("none.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.sqlite").path))
        #expect(try Self.flowverify(["sweep", "report", store, "--out", out, "--level", "1.5"]).status == 64)
    }

    @Test("slurm: writes the array, merge and submit scripts; a store directory with a space is a usage error")
    func slurmCLI() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("sweep.json")
        try StoreTests.smallSpec.write(to: spec, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("job.sbatch").path
        let r = try Self.flowverify(["sweep", "slurm", spec.path, "--array", "3", "--store-dir", dir.appendingPathComponent("stores").path, "--out", script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("8 runs in 3 array tasks"), "\(r.stdout)")
        for path in [script, dir.appendingPathComponent("job-merge.sbatch").path, dir.appendingPathComponent("job-submit.sh").path] {
            #expect(FileManager.default.isExecutableFile(atPath: path), "\(path)")
        }
        #expect(try String(contentsOfFile: script, encoding: .utf8).contains("#SBATCH --array=1-3"))
        let bad = try Self.flowverify(["sweep", "slurm", spec.path, "--array", "3", "--store-dir", dir.path + "/with space", "--out", script])
        #expect(bad.status == 64)
    }

    @Test("report and slurm replace only regular files: a FIFO in place of an output exits 73 and stays a FIFO")
    func outputsOnlyReplaceRegularFiles() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path, out = dir.appendingPathComponent("report")
        let runs = try SweepFixtures.grid(StoreTests.smallSpec).runs
        _ = try SweepRunner(jobs: 1) { SweepFixtures.fakeVerdict($0) }.run(runs, store: try RunStore(path: store))
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fifo = out.appendingPathComponent("cells.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try Self.flowverify(["sweep", "report", store, "--out", out.path])
        #expect(r.status == 73 && r.stderr.contains("cells.csv"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path), "nothing written")
        let spec = dir.appendingPathComponent("sweep.json")
        try StoreTests.smallSpec.write(to: spec, atomically: true, encoding: .utf8)
        let scriptFifo = dir.appendingPathComponent("job.sbatch").path
        #expect(mkfifo(scriptFifo, 0o644) == 0)
        let s = try Self.flowverify(["sweep", "slurm", spec.path, "--array", "2", "--store-dir", dir.appendingPathComponent("stores").path,
                                     "--out", scriptFifo])
        #expect(s.status == 73, "\(s.stderr)")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(stat(scriptFifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }
}
