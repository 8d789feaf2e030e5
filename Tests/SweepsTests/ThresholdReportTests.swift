import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports
@testable import Sweeps
import Testing
import Verification

@Suite("threshold analysis and the sweep report")
struct ThresholdReportTests {
    /// Rows of a grid decided by the fixture rule: recovered iff n ≥ d + 1 + shift(m).
    static func rows(draws: Int, shift: @escaping (Int) -> Int) throws -> [RunRow] {
        let text = SweepFixtures.spec(width: #"["1", "2"]"#, dimension: #"["2"]"#, n: #"{"from": "2", "to": "6"}"#,
                                      seeds: #"{"data": {"from": "1", "count": "\#(draws)"}, "initialization": {"from": "1", "count": "\#(draws)"}}"#)
        return try SweepFixtures.grid(text).runs.map { RunRow(run: $0, verdict: SweepFixtures.fakeVerdict($0, shift: shift($0.coordinates.width))) }
    }

    @Test("Clopper–Pearson ends at k = 0 and k = N are the closed forms 1 − (α/2)^(1/N) and (α/2)^(1/N)")
    func clopperPearsonEnds() {
        for n in [8, 16, 40] {
            #expect(abs(ClopperPearson(successes: 0, trials: n).upper - (1 - pow(0.025, 1 / Double(n)))) < 1e-9)
            #expect(abs(ClopperPearson(successes: n, trials: n).lower - pow(0.025, 1 / Double(n))) < 1e-9)
        }
    }

    @Test("40 draws: n_sep pinned where F jumps from 0 to 1; candidates judged against it")
    func pinned() throws {
        // m = 1: F(n) = 1 from n = 3 = d + 1; m = 2: from n = 4 = m + d.
        let a = ThresholdAnalysis(rows: try Self.rows(draws: 40) { $0 - 1 }, level: 0.9)
        #expect(a.groups.count == 2)
        let one = a.groups[0], two = a.groups[1]
        #expect(one.key.width == 1 && two.key.width == 2)
        #expect(one.separation.estimate == 3 && one.separation.lower == 3 && one.separation.upper == 3)
        #expect(two.separation.estimate == 4 && two.separation.lower == 4)
        #expect(one.optimistic.lower == 3 && one.optimistic.upper == 3)
        func judgement(_ g: ThresholdAnalysis.Group, _ formula: String) -> CandidateFormula.Judgement? {
            g.candidates.first { $0.formula == formula }?.judgement
        }
        #expect(judgement(one, "d + 1 + b") == .holds)
        #expect(judgement(one, "m + d") == .holds)
        #expect(judgement(one, "2d + 1") == .fails)
        #expect(judgement(two, "m + d") == .holds)
        #expect(judgement(two, "2d + 1") == .fails && judgement(two, "m + 2d - 1") == .fails)
        #expect(judgement(two, "d + 1 + b") == .undecided, "n_opt is not judged from random draws for m ≥ 2")
    }

    @Test("16 draws cannot certify F ≥ 0.9 (the lower bound of 16/16 is 0.79): n_sep has only a lower end, nothing holds")
    func tooFewDraws() throws {
        let a = ThresholdAnalysis(rows: try Self.rows(draws: 16) { _ in 0 }, level: 0.9)
        for g in a.groups {
            #expect(g.separation.estimate == nil && g.separation.upper == nil)
            #expect(g.separation.lower == 3)
            #expect(g.candidates.filter { $0.quantity == .nSep }.allSatisfy { $0.judgement != .holds })
        }
        let lowered = ThresholdAnalysis(rows: try Self.rows(draws: 16) { _ in 0 }, level: 0.75)
        #expect(lowered.groups.allSatisfy { $0.separation.estimate == 3 })
    }

    @Test("a cell above the estimate whose interval lies below the level is flagged, and nothing holds then")
    func notMonotone() throws {
        let run = try SweepFixtures.grid(SweepFixtures.spec()).runs[0]
        let key = GroupKey(run.coordinates)
        func cell(_ n: Int, recovered: Bool) -> CellSummary {
            CellSummary(group: key, sampleSize: n, outcomes: (0..<40).map { _ in SweepFixtures.fakeVerdict(run, shift: recovered ? -10 : 10) })
        }
        let cells = [cell(2, recovered: false), cell(3, recovered: true), cell(4, recovered: false), cell(5, recovered: true)]
        let sep = SampleSizeThreshold.separation(cells, level: 0.9)
        #expect(sep.lower == 3 && sep.upper == 3 && sep.againstMonotone == [4])
        #expect(sep.judge(3) == .undecided && sep.judge(5) == .fails)
        #expect(sep.rangeText.contains("not monotone: n = 4"))
        let opt = SampleSizeThreshold.optimistic(cells)
        #expect(opt.upper == 3 && opt.againstMonotone == [4] && opt.judge(3) == .undecided)
        let monotone = SampleSizeThreshold.separation([cell(2, recovered: false), cell(3, recovered: true), cell(4, recovered: true)], level: 0.9)
        #expect(monotone.againstMonotone.isEmpty && monotone.judge(3) == .holds)
    }

    @Test("undecided runs widen the interval both ways and are not counted as decided")
    func undecidedWiden() throws {
        let run = try SweepFixtures.grid(SweepFixtures.spec()).runs[0]
        var verdicts = (0..<8).map { _ in SweepFixtures.fakeVerdict(run, shift: -10) }
        for _ in 0..<8 {
            var v = SweepFixtures.fakeVerdict(run)
            v.outcome = .undecided
            verdicts.append(v)
        }
        let c = CellSummary(group: GroupKey(run.coordinates), sampleSize: 3, outcomes: verdicts)
        #expect(c.recovered == 8 && c.undecided == 8 && c.probability == 1)
        #expect(c.lower == ClopperPearson(successes: 8, trials: 16).lower)
        #expect(c.upper == 1)
        #expect(SampleSizeThreshold.optimistic([c]).upper == 3)
        #expect(SampleSizeThreshold.separation([c], level: 0.9).upper == nil)
    }

    @Test("the report: six files, valid JSON with the schema's required keys, well-formed SVG, quoted CSV")
    func reportFiles() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let analysis = ThresholdAnalysis(rows: try Self.rows(draws: 40) { $0 - 1 }, level: 0.9)
        let report = SweepReport(analysis: analysis, store: "s.sqlite", sweeps: [("fixture", 400)], failures: 0)
        let urls = try SweepReportWriter.write(report, to: dir)
        #expect(urls.map(\.lastPathComponent) == SweepReportWriter.fileNames)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as! [String: Any]
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas/sweep-report.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any]
        #expect(Set(json.keys) == Set(schema["required"] as! [String]))
        #expect(json["schema"] as? String == SweepReport.schemaID)
        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        let svgs = html.matches(of: /<svg.*?<\/svg>/.dotMatchesNewlines()).map { String($0.output) }
        #expect(svgs.count >= 4)
        for svg in svgs { #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(svg.prefix(120))") }
        #expect(!html.contains("<script"))
        let cells = try String(contentsOf: dir.appendingPathComponent("cells.csv"), encoding: .utf8)
        let lines = cells.split(separator: "\n")
        #expect(lines.count == report.cells.count + 1)
        #expect(lines[1].contains(#""{""gaussian"":{}}""#))
        #expect(lines[0].hasSuffix("cpu_seconds,cpu_measured,escalated_cpu_seconds"))
        let md = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("## Cost") && html.contains(#"<section id="cost">"#))
    }

    @Test("the cost table sums each width's cells: escalated share, measured CPU hours, the escalated part, runs per CPU second")
    func costTable() throws {
        // Width 1: every run measured at 2 s, none escalated; width 2: half the runs measured, escalated ones at 6 s.
        let rows = try Self.rows(draws: 4) { _ in 0 }.enumerated().map { i, row -> RunRow in
            var r = row
            if r.coordinates.width == 1 { r.verdict.evidence.cpuSeconds = 2 }
            else if i % 2 == 0 { r.verdict.evidence.cpuSeconds = 6; r.verdict.evidence.decidingBits = 128 }
            return r
        }
        let report = SweepReport(analysis: ThresholdAnalysis(rows: rows, level: 0.9), store: "s", sweeps: [], failures: 0)
        let table = SweepText.costRows(report).rows
        let one = rows.filter { $0.coordinates.width == 1 }.count, two = rows.count - one
        let measuredTwo = rows.filter { $0.coordinates.width == 2 && $0.verdict.evidence.cpuSeconds != nil }.count
        #expect(table.count == 2)
        #expect(table[0] == ["1", "\(one)", "0 (0.0%)", "\(one) of \(one) runs", String(format: "%.3g", Double(one) * 2 / 3600), "0.0%", "0.5"])
        #expect(table[1][2] == "\(measuredTwo) (" + String(format: "%.1f%%", 100 * Double(measuredTwo) / Double(two)) + ")")
        #expect(table[1][3] == "\(measuredTwo) of \(two) runs")
        #expect(table[1][5] == "100.0%")
        #expect(table[1][6] == String(format: "%.3g", 1.0 / 6))
    }
}
