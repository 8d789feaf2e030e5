import Foundation
import Verification

/// The report-level figures, drawn from the claims' precision ladders (proofs/DESIGN.md, "Verdicts") rather than
/// asked for by any one claim: digits of agreement against precision, and the precision a
/// quantity needed against proofs/THEORY.md §4's formula.
public enum LadderFigures {
    public static let digitsID = "report-digits-vs-precision"
    public static let precisionNeededID = "report-precision-needed"

    /// Every report-level figure the report's data allow (none without ladders).
    public static func all(_ report: Report) -> [Figure] {
        [digitsAgainstPrecision(report), precisionNeeded(report)].compactMap { $0 }
    }

    /// One series per claim with a ladder: x = precision in bits, y = digits of agreement with
    /// the ladder's reference; dashed, the digits the precision itself carries, p·log10 2.
    public static func digitsAgainstPrecision(_ report: Report) -> Figure? {
        let laddered = report.claims.filter { !($0.ladder?.points.isEmpty ?? true) }
        guard !laddered.isEmpty else { return nil }
        var series = laddered.map { r in
            Figure.Series(label: "\(r.claim.id). \(r.claim.title)", style: .line,
                          points: r.ladder!.points.sorted { $0.bits < $1.bits }.map { (Double($0.bits), $0.digits) })
        }
        let bits = laddered.flatMap { $0.ladder!.points.map(\.bits) }
        if let lo = bits.min(), let hi = bits.max() {
            let carried = { (b: Int) in (Double(b), Double(b) * log10(2.0)) }
            series.append(Figure.Series(label: "digits carried, p·log₁₀2", style: .reference,
                                        points: lo == hi ? [carried(lo)] : [carried(lo), carried(hi)]))
        }
        return Figure(id: digitsID, title: "Digits of agreement against precision", xLabel: "precision p (bits)",
                      yLabel: "digits of agreement", series: series,
                      caption: "Each claim's ladder quantity against its reference (closed form or top rung), with the tolerance tied to the precision. A curve that follows the dashed line is limited by the arithmetic only; one that levels off is limited by something else (the tolerance, a model error, the reference).")
    }

    /// Per claim, the smallest rung that kept the digits asked for (y) against
    /// (q + 2·log10(1/ε))·log2 10 bits (x); the dashed line is y = x.
    public static func precisionNeeded(_ report: Report) -> Figure? {
        let rows = report.claims.compactMap { r in r.ladder.map { (r, $0.precisionNeeded) } }.filter { !$0.1.isEmpty }
        guard !rows.isEmpty else { return nil }
        var series = rows.map { r, needs in
            Figure.Series(label: "\(r.claim.id). \(r.claim.title)", style: .points,
                          points: needs.compactMap { n in n.measuredBits.map { (n.formulaBits, Double($0)) } })
        }
        let all = rows.flatMap { $0.1.flatMap { [$0.formulaBits] + ($0.measuredBits.map { [Double($0)] } ?? []) } }
        let unkept = rows.reduce(0) { $0 + $1.1.filter { $0.measuredBits == nil }.count }
        if let lo = all.min(), let hi = all.max() {
            series.append(Figure.Series(label: "measured = formula", style: .reference, points: [(lo, lo), (hi, hi)]))
        }
        var caption = "proofs/THEORY.md §4: keeping q digits of C(θ) after escape from scale ε needs about q + 2·log10(1/ε) digits. Points above the dashed line needed more precision than the formula says."
        if unkept > 0 {
            caption += " \(unkept) case\(unkept == 1 ? "" : "s") kept the digits at no rung tried (not shown)."
        }
        return Figure(id: precisionNeededID, title: "Precision needed against proofs/THEORY.md §4's formula",
                      xLabel: "bits by the formula", yLabel: "bits measured", series: series, caption: caption)
    }
}
