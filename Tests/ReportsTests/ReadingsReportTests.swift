import Foundation
import Testing
@testable import Reports
import Verification

/// A claim with readings (claim 10's shape: 10a fails, 10b holds, 10c undecided) in every
/// output: the terminal table, report.md and index.html show each reading's verdict and the
/// sentence that names the failing reading.
@Suite("claims with readings in the summary and the claim's section")
struct ReadingsReportTests {
    static func comparison(_ id: String, _ measured: Double) -> Comparison {
        Comparison(quantity: "(\(id)) increment", measured: measured, relation: .atMost, bound: 0,
                   boundReason: "non-increase", uncertainty: 1e-9, uncertaintySource: "made up")
    }

    /// Claim 1 without readings, then claim 10 with three: fails, holds, undecided.
    static func report() -> Report {
        var plain = ClaimOutcome()
        plain.comparisons = [Comparison(quantity: "drift", measured: 1e-70, relation: .atMost, bound: 1e-60,
                                        boundReason: "2^(−p+60)", uncertainty: 1e-75, uncertaintySource: "made up")]
        var readings = ClaimOutcome()
        readings.readings = [
            Reading.Draft(id: "10a", title: "per direction, monotone", meaning: "Each direction does not rise.",
                          comparisons: [comparison("10a", 1e-5)]),
            Reading.Draft(id: "10b", title: "convergence", meaning: "R(ε) converges.",
                          comparisons: [comparison("10b", -1e-5), comparison("10b", -2e-5)]),
            Reading.Draft(id: "10c", title: "averaged over directions", meaning: "The mean does not rise.",
                          comparisons: [comparison("10c", 1e-10)]),
        ]
        let claims = [
            ClaimResult(claim: Synthetic.info(1), outcome: plain, precision: Rung(bits: 256), seconds: 1),
            ClaimResult(claim: Synthetic.info(10), outcome: readings, precision: Rung(bits: 53), seconds: 2),
        ]
        return Report(claims: claims, context: CheckContext(), seconds: 3, created: Date(timeIntervalSince1970: 1_760_000_000))
    }

    @Test("the claim's verdict follows Reading.rule, and the readings point at their own comparisons")
    func verdicts() throws {
        let r = Self.report().claims[1]
        let readings = try #require(r.readings)
        #expect(readings.map(\.verdict) == [.fails, .holds, .undecided])
        #expect(r.verdict == .fails)
        #expect(readings.map(\.comparisons) == [[0], [1, 2], [3]])
        #expect(r.verdictSummary == "Fails in reading 10a (per direction, monotone) only; 10b (convergence) holds; 10c (averaged over directions) is undecided.")
        #expect(Self.report().claims[0].readings == nil && Self.report().claims[0].verdictSummary == nil)
    }

    @Test("the sentence for a claim that holds, one that is undecided, and one decided outside its readings")
    func sentences() {
        func reading(_ id: String, _ v: Verdict) -> Reading {
            Reading(id: id, title: "t\(id)", meaning: "m", verdict: v, comparisons: [0])
        }
        #expect(Reading.summary([reading("10a", .holds), reading("10b", .holds)], claimVerdict: .holds)
                == "Holds in every reading: 10a (t10a), 10b (t10b).")
        #expect(Reading.summary([reading("10a", .holds), reading("10c", .undecided)], claimVerdict: .undecided)
                == "Undecided in reading 10c (t10c) only; 10a (t10a) holds.")
        #expect(Reading.summary([reading("10a", .holds)], claimVerdict: .fails)
                == "Fails by comparisons outside the readings; 10a (t10a) holds.")
        #expect(Reading.summary([], claimVerdict: .fails) == nil)
    }

    @Test("terminal table: one indented row per reading with its verdict in the verdict column, then the sentence")
    func terminal() throws {
        let report = Self.report()
        let lines = SummaryTable.render(report).split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 2 + 3 + 1 + 1)
        let column = lines[0].distance(from: lines[0].startIndex, to: try #require(lines[0].range(of: "verdict")).lowerBound)
        for (line, verdict) in zip(lines[3...5], ["fails", "holds", "undecided"]) {
            #expect(line.hasPrefix("    10"))
            #expect(line[line.index(line.startIndex, offsetBy: column)...].hasPrefix(verdict), "\(line)")
        }
        #expect(lines.last == "Claim 10: " + (report.claims[1].verdictSummary ?? "–"))
    }

    @Test("report.md: reading rows under the claim in the summary, the sentence, and a readings table in the claim's section")
    func markdown() {
        let md = MarkdownReport.render(Self.report())
        #expect(md.contains("| ↳ reading 10a: per direction, monotone | fails |"))
        #expect(md.contains("| ↳ reading 10b: convergence | holds |"))
        #expect(md.contains("| ↳ reading 10c: averaged over directions | undecided |"))
        #expect(md.contains("Claim 10: Fails in reading 10a (per direction, monotone) only;"))
        #expect(md.contains("### Readings"))
        #expect(md.contains("| 10a: per direction, monotone | Each direction does not rise. | fails | 1 |"))
        #expect(md.components(separatedBy: "### Readings").count == 2, "only the claim with readings has the section")
    }

    @Test("index.html: reading rows with badges in the summary, the sentence, and a readings table")
    func html() {
        let page = HTMLReport.render(Self.report())
        #expect(page.contains(#"<tr class="fails reading">"#))
        #expect(page.contains(#"<tr class="holds reading">"#))
        #expect(page.contains(#"<tr class="undecided reading">"#))
        #expect(page.contains("↳ reading 10a: per direction, monotone"))
        #expect(page.contains(#"<p class="reading-summary">Claim 10: Fails in reading 10a (per direction, monotone) only;"#))
        #expect(page.contains("<h3>Readings</h3>"))
        #expect(page.contains("<td>Each direction does not rise.</td>"))
    }
}
