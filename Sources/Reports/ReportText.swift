import Foundation
import Verification

/// The words and numbers report.md and index.html share, as plain text (each renderer
/// escapes for its own format), so the two files say the same thing.
enum ReportText {
    static let title = "FlowVerify report"

    /// "3 hold, 1 fails, 0 undecided: 4 claims in 12.3 s (exit code 1)".
    static func counts(_ report: Report) -> String {
        let c = report.counts
        return "\(c.holds) hold\(c.holds == 1 ? "s" : ""), \(c.fails) fail\(c.fails == 1 ? "s" : ""), \(c.undecided) undecided: "
            + "\(report.claims.count) claim\(report.claims.count == 1 ? "" : "s") in \(NumberText.seconds(report.seconds)) (exit code \(report.exitCode))"
    }

    /// Provenance and options as (label, value) rows.
    static func provenance(_ report: Report) -> [(String, String)] {
        let p = report.provenance, o = report.options
        return [
            ("Paper", p.paper),
            ("Tool", p.tool),
            ("GMP / MPFR / MPFI", "\(p.gmp) / \(p.mpfr) / \(p.mpfi)"),
            ("Created (UTC)", p.created),
            ("Cores", String(p.cores)),
            ("Claims", o.claims.map(String.init).joined(separator: ", ")),
            ("Working precision", "\(o.precisionBits) bits"),
            ("Precision ladder", o.ladder.map { $0 == 53 ? "double" : String($0) }.joined(separator: ", ") + " (bits; 53 = double)"),
            ("Quick mode", o.quick ? "yes (fewer ε rungs, seeds and sample sizes)" : "no"),
            ("Report schema", report.schema),
        ]
    }

    /// A reading's label in a summary table: "10a: per direction, monotone".
    static func reading(_ r: Reading) -> String { "\(r.id): \(r.title)" }

    /// The sentences that say which readings decided each claim's verdict ("claim 10: Fails in
    /// reading 10a (…) only; …"), for the claims that have readings.
    static func readingSummaries(_ report: Report) -> [String] {
        report.claims.compactMap { r in r.verdictSummary.map { "Claim \(r.claim.id): \($0)" } }
    }

    /// The columns of a claim's readings table, and one row per reading.
    static let readingHeader = ["Reading", "Meaning", "Verdict", "Comparisons"]
    static func readingRow(_ r: Reading) -> [String] {
        [reading(r), r.meaning, r.verdict.rawValue, "\(r.comparisons.count)"]
    }

    /// "≤ 1e-60" / "≥ 3" / "≤ 9.09…e-600" (a bound beyond double's range, from its full text);
    /// with a separate fail bound "≥ 0.5 (fails < 0)".
    static func bound(_ c: Comparison) -> String {
        let side = (c.relation == .atMost ? "≤ " : "≥ ") + number(c.bound, c.boundText)
        guard let failText = c.failBoundText else { return side }
        return side + " (fails " + (c.relation == .atMost ? "> " : "< ") + number(c.failBound, failText) + ")"
    }

    /// A comparison's uncertainty: "3.2e-75", "∞" when nothing measured it.
    static func uncertainty(_ c: Comparison) -> String { number(c.uncertainty, c.uncertaintyText) }

    /// A value in three digits: from its double where a double carries it, else cut from its
    /// full text.
    static func number(_ x: Double?, _ text: String) -> String {
        if let x { return NumberText.short(x) }
        if text == "inf" { return "∞" }
        return NumberText.abbreviated(text, significant: 3).replacingOccurrences(of: "-", with: "−")
    }

    /// A comparison's margin: "∞" for a hold on an exact zero (no finite margin exists).
    static func margin(_ c: Comparison) -> String {
        if c.marginDigits == nil, c.verdict == .holds { return "∞" }
        return NumberText.digits(c.marginDigits)
    }

    static func precision(_ r: ClaimResult) -> String {
        r.precision == "double" ? "double" : r.precision + " bits"
    }

    static func rung(_ p: LadderPoint) -> String {
        p.precision == "double" ? "double" : "\(p.bits)"
    }

    static func tolerance(_ bits: Int?) -> String {
        bits.map { "2^−\($0)" } ?? "–"
    }

    /// The columns of a ladder table, and one row per point.
    static let ladderHeader = ["Precision (bits)", "Tolerance", "Value", "Rel. error", "Digits", "Flags"]
    static func ladderRow(_ p: LadderPoint) -> [String] {
        [rung(p), tolerance(p.toleranceBits), NumberText.abbreviated(p.value, significant: 20),
         NumberText.short(p.relativeError), NumberText.digits(p.digits), p.flags.isEmpty ? "" : p.flags.joined(separator: ", ")]
    }

    static let needHeader = ["ε", "Digits wanted", "Bits measured", "Bits by formula", "Measured / formula"]
    static func needRow(_ n: PrecisionNeed) -> [String] {
        let ratio = n.measuredBits.map { n.formulaBits > 0 ? String(format: "%.2f", Double($0) / n.formulaBits) : "–" } ?? "–"
        return [n.scale, NumberText.digits(n.digitsWanted), n.measuredBits.map(String.init) ?? "none kept them",
                String(format: "%.0f", n.formulaBits), ratio]
    }

    static func roundingSweepTitle(_ l: LadderResult) -> String {
        "Rounding only (tolerance fixed at " + (l.fixedToleranceBits.map { "2^−\($0)" } ?? "one value") + ")"
    }

    static func toleranceSweepTitle(_ l: LadderResult) -> String {
        "Tolerance only (precision fixed at " + (l.fixedPrecisionBits.map { $0 == 53 ? "double" : "\($0) bits" } ?? "one value") + ")"
    }
}
