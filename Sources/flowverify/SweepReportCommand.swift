import ArgumentParser
import Foundation
import Reports
import Sweeps
import Verification

struct SweepReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a store's threshold report: report.json, report.md, index.html and CSV files.",
        discussion: """
            Per cell (every coordinate but the seeds): recovered / not recovered / undecided \
            counts and the recovery probability F(n) with its Clopper–Pearson 95% interval \
            (undecided runs counted both ways). Per group (m, d, bias, σ, ε, family): n_opt and \
            n_sep with the range each is known to lie in, n_sep being the smallest n whose lower \
            bound reaches --level; each candidate formula judged holds / fails / undecided. Per \
            width m, the cost: the share of runs escalated past double, and the CPU time of \
            the runs that have one in the store, with the share in escalated runs (none in a store \
            written before schema 2; the store is only read, never changed). Files in DIR: report.json (schema schemas/sweep-report.schema.json), report.md, \
            index.html, cells.csv, thresholds.csv, candidates.csv. Exit codes: 0 written; 64 bad \
            arguments; 65 a bad store or an unwritable directory.
            """
    )

    @Argument(help: ArgumentHelp("The store.", valueName: "FILE.sqlite"))
    var store: String

    @Option(help: ArgumentHelp("The report directory.", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("n_sep's level L: the smallest n whose 95% lower bound of F(n) is ≥ L.", valueName: "L"))
    var level: Double = 0.9

    func validate() throws {
        guard level > 0, level <= 1 else { throw ValidationError("--level: \(level) is not in (0, 1]") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: store) else { throw CommandFailure.input("store \(store): no such file") }
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        do { try SweepReportWriter.check(directory) } catch {
            throw CommandFailure.output("cannot write the report into \(out): \(error)")
        }
        let s = try SweepInput.open(store, readOnly: true)
        let report: SweepReport
        do {
            let analysis = ThresholdAnalysis(rows: try s.rows(), level: level)
            report = SweepReport(analysis: analysis, store: store, sweeps: try s.sweeps(), failures: try s.failures().count)
        } catch {
            throw CommandFailure.input("\(error)")
        }
        do { try SweepReportWriter.write(report, to: directory) } catch {
            throw CommandFailure.output("cannot write the report into \(out): \(error)")
        }
        print("sweep report: \(out)/index.html, report.md, report.json, cells.csv, thresholds.csv, candidates.csv (\(report.runs) runs, \(report.thresholds.count) groups)")
    }
}
