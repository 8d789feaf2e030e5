import ArgumentParser
import Foundation
import Sweeps
import TwoLayerNet

struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep (or one shard of it) into a store; rerunning resumes.",
        discussion: """
            Each finished run is one row of the store, written in its own transaction (SQLite, \
            WAL mode): a run killed at any moment (even kill -9) loses only the runs in flight, \
            and the same command again skips every run already stored. Progress on standard \
            error: done/total, runs per second, escalations, ETA (the work left at the work rate \
            so far, each run weighing n·P, samples times parameters). Exit codes: 0 every run of \
            the shard is in the store; 1 some runs failed to integrate (listed; rerun to retry); \
            64 bad arguments; 65 a bad sweep file or store (one line naming the field or path).
            """
    )

    @Argument(help: "The sweep file (JSON; schema in sweeps/README.md).")
    var spec: String

    @Option(help: ArgumentHelp("The store: an SQLite file, created when absent.", valueName: "FILE.sqlite"))
    var store: String

    @Option(help: ArgumentHelp("Runs at once (default: the number of cores).", valueName: "J"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only shard i of N (1 ≤ i ≤ N): runs whose grid index is i − 1 mod N.", valueName: "i/N"))
    var shard: String = "1/1"

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1, jobs <= 4096 else { throw ValidationError("--jobs: \(jobs) is not in 1 … 4096") }
        guard Shard(shard) != nil else { throw ValidationError("--shard: \"\(shard)\" is not i/N with 1 ≤ i ≤ N") }
    }

    func run() throws {
        let (sweep, grid) = try SweepInput.load(spec)
        let shard = Shard(shard)!
        let runs = grid.runs.filter(shard.contains)
        let store = try SweepInput.open(store)
        do { try store.register(sweep, planned: grid.runs.count) } catch { throw CommandFailure.input("\(error)") }
        let line = ProgressLine(quiet: quiet)
        line.show("sweep \(sweep.name), shard \(shard): \(runs.count) of \(grid.runs.count) runs, \(jobs) jobs, store \(self.store)", force: true)
        let progress: SweepProgress
        do {
            progress = try SweepRunner(jobs: jobs).run(runs, store: store) { line.show($0.line) }
            try store.checkpoint()
        } catch {
            throw CommandFailure.input("\(error)")
        }
        line.show(progress.line, force: true)
        line.finish()
        if progress.failed > 0 {
            let failures = (try? store.failures()) ?? []
            for f in failures.prefix(20) { FileHandle.standardError.write(Data("failed: \(f.point): \(f.message)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}

/// The sweep file and store, loaded at the boundary: errors become one line and exit 65.
enum SweepInput {
    static func load(_ path: String) throws -> (SweepSpec, SweepGrid) {
        do {
            let sweep = try SweepSpec(contentsOf: path)
            let grid = try SweepGrid(sweep, expressionActivation: { try SymbolicExpressionActivation(parsing: $0) })
            return (sweep, grid)
        } catch {
            throw CommandFailure.input("\(path): \(error)")
        }
    }

    /// The store at `path`; `readOnly` for a store that is only read (reports, merge inputs).
    static func open(_ path: String, readOnly: Bool = false) throws -> RunStore {
        do { return try RunStore(path: path, readOnly: readOnly) } catch { throw CommandFailure.input("\(error)") }
    }
}

/// Progress on standard error: rewritten in place on a terminal (at most 5 times a second),
/// a line every 10 s otherwise (logs, Slurm).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now
    private let terminal = isatty(2) != 0
    private let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func show(_ text: String, force: Bool = false) {
        guard !quiet else { return }
        lock.withLock {
            let now = ContinuousClock.now
            if !force, now - last < (terminal ? .milliseconds(200) : .seconds(10)) { return }
            last = now
            FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
        }
    }

    func finish() {
        if !quiet, terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
