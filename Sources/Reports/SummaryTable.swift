import Foundation
import Verification

/// The summary table `flowverify verify` prints: claim, verdict, digits, margin, time; under a
/// claim with readings (`Reading`) one indented row per reading with its verdict, and after the
/// totals one sentence per such claim saying which reading decided it.
public enum SummaryTable {
    public static func render(_ report: Report) -> String {
        // The claim column is as wide as the longest "id. title" (at least 44), so columns align.
        let width = max(44, (report.claims.map { "\($0.claim.id). \($0.claim.title)".count }.max() ?? 0) + 2)
        var lines = [pad("claim", width) + pad("verdict", 11) + pad("digits", 8) + pad("margin", 8) + "time"]
        for r in report.claims {
            let digits = r.digits.map { String(format: "%.1f", $0) } ?? "–"
            let margin = r.marginDigits.map { String(format: "%.1f", $0) } ?? "–"
            lines.append(pad("\(r.claim.id). \(r.claim.title)", width) + pad(r.verdict.rawValue, 11) + pad(digits, 8)
                         + pad(margin, 8) + String(format: "%.1f s", r.seconds))
            for reading in r.readings ?? [] {
                lines.append(pad("    " + ReportText.reading(reading), width) + reading.verdict.rawValue)
            }
        }
        let c = report.counts
        lines.append("\(c.holds) hold, \(c.fails) fail, \(c.undecided) undecided (\(String(format: "%.0f", report.seconds)) s)")
        lines += ReportText.readingSummaries(report)
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
