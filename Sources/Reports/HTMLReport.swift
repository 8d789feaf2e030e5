import Foundation
import Verification

/// index.html: the whole report as ONE self-contained page. Styles are inline, plots are
/// inline SVG (`SVGPlot`), formulas are MathML (`LaTeXMathML`, with the LaTeX source in a
/// <details>), and there is no script: the page's Content Security Policy (`default-src
/// 'none'`) forbids every fetch and every script, so a browser shows exactly this file.
public enum HTMLReport {
    /// The page's Content Security Policy: nothing may be loaded, only inline styles apply.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    public static func render(_ report: Report) -> String {
        var plotCount = 0
        func plot(_ figure: Figure) -> String {
            plotCount += 1
            return #"<figure class="plot" id="\#(escapeXML(figure.id))">"# + SVGPlot.render(figure, idPrefix: "svg\(plotCount)")
                + #"<figcaption><code>\#(escapeXML(figure.id))</code></figcaption></figure>"#
        }

        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append(#"<html lang="en"><head><meta charset="utf-8">"#)
        h.append(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
        h.append(#"<meta http-equiv="Content-Security-Policy" content="\#(escapeXML(contentSecurityPolicy))">"#)
        h.append("<title>\(escapeXML(ReportText.title)): \(escapeXML(report.provenance.paper))</title>")
        h.append("<style>\n" + HTMLStyle.css + "\n</style></head><body>")

        h.append("<header><h1>\(escapeXML(ReportText.title))<span class=\"paper\">\(escapeXML(report.provenance.paper))</span></h1>")
        h.append(#"<p class="headline">Verdict \#(badge(report.verdict)) \#(escapeXML(ReportText.counts(report)))</p></header>"#)

        h.append(#"<section id="provenance"><h2>Provenance</h2><div class="table-wrap"><table class="kv"><tbody>"#)
        for (label, value) in ReportText.provenance(report) {
            h.append("<tr><th>\(escapeXML(label))</th><td>\(escapeXML(value))</td></tr>")
        }
        h.append("</tbody></table></div></section>")

        h.append(#"<section id="summary"><h2>Summary</h2><div class="table-wrap"><table class="summary">"#)
        h.append(#"<thead><tr><th>Claim</th><th>Status</th><th>Verdict</th><th class="num">Digits</th><th class="num">Margin</th><th class="num">Time</th></tr></thead><tbody>"#)
        for r in report.claims {
            h.append(##"<tr class="\##(r.verdict.rawValue)"><td><a href="#\##(escapeXML(r.claim.key))">\##(r.claim.id). \##(escapeXML(r.claim.title))</a></td>"##
                     + #"<td><span class="tag">\#(escapeXML(r.claim.status.rawValue))</span></td><td>\#(badge(r.verdict))</td>"#
                     + #"<td class="num">\#(NumberText.digits(r.digits))</td><td class="num">\#(NumberText.digits(r.marginDigits))</td>"#
                     + #"<td class="num">\#(NumberText.seconds(r.seconds))</td></tr>"#)
            for reading in r.readings ?? [] {
                h.append(#"<tr class="\#(reading.verdict.rawValue) reading"><td style="padding-left:2em">↳ reading \#(escapeXML(ReportText.reading(reading)))</td><td></td>"#
                         + #"<td>\#(badge(reading.verdict))</td><td></td><td></td><td></td></tr>"#)
            }
        }
        h.append("</tbody></table></div>")
        for sentence in ReportText.readingSummaries(report) {
            h.append(#"<p class="reading-summary">\#(escapeXML(sentence))</p>"#)
        }
        h.append(#"<p class="muted">Digits: the fewest decimal digits of agreement with a reference among a claim's comparisons. Margin: the smallest distance, in orders of magnitude, between a deciding measurement (widened by its uncertainty) and its bound.</p></section>"#)

        h.append(#"<section id="report-figures"><h2>Precision across claims</h2>"#)
        let derived = LadderFigures.all(report)
        if derived.isEmpty {
            h.append(#"<p class="muted">No claim ran a precision ladder.</p>"#)
        } else {
            h.append(#"<div class="figures">"# + derived.map(plot).joined() + "</div>")
        }
        h.append("</section>")

        for r in report.claims {
            h.append(claim(r, plot: plot))
        }

        h.append("<footer>Written by \(escapeXML(report.provenance.tool)) on \(escapeXML(report.provenance.created)). report.json holds every number at full precision; report.md is this report as Markdown.</footer>")
        h.append("</body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    /// Escaped text, with the tolerances 2^−N set as powers.
    static func rich(_ text: String) -> String {
        escapeXML(text).replacing(/2\^−(\d+)/) { "2<sup>−\($0.1)</sup>" }
    }

    static func badge(_ v: Verdict) -> String {
        #"<span class="badge \#(v.rawValue)">\#(v.rawValue)</span>"#
    }

    static func claim(_ r: ClaimResult, plot: (Figure) -> String) -> String {
        let c = r.claim
        var h: [String] = []
        h.append(#"<section class="claim" id="\#(escapeXML(c.key))">"#)
        h.append(#"<h2><span><span class="claim-no">\#(c.id).</span> \#(escapeXML(c.title))</span>\#(badge(r.verdict))</h2>"#)
        h.append(#"<p class="meta"><span class="tag">\#(escapeXML(c.status.rawValue))</span> · precision \#(escapeXML(ReportText.precision(r))) · \#(NumberText.seconds(r.seconds)) · proof: <code>\#(escapeXML(c.proofFile))</code> <span class="muted">(from the repository root)</span></p>"#)
        h.append(#"<p class="statement">\#(escapeXML(c.statement))</p>"#)
        if let latex = c.latex, !latex.isEmpty {
            h.append(#"<div class="formula">"# + LaTeXMathML.render(latex) + "</div>")
            h.append(#"<details class="latex"><summary>LaTeX source</summary><pre><code>\#(escapeXML(latex))</code></pre></details>"#)
        }
        if let readings = r.readings {
            h.append("<h3>Readings</h3>")
            h.append(#"<p class="reading-summary">\#(escapeXML((r.verdictSummary ?? "") + " " + Reading.rule))</p>"#)
            h.append(table(ReportText.readingHeader, readings.map(ReportText.readingRow), numeric: [false, false, false, true]))
        }
        if !c.hypotheses.isEmpty {
            h.append("<h3>Hypotheses</h3><ul>" + c.hypotheses.map { "<li>\(escapeXML($0))</li>" }.joined() + "</ul>")
        }

        h.append("<h3>Comparisons</h3>")
        if r.comparisons.isEmpty {
            h.append(#"<p class="muted">No comparison was made: nothing was decided.</p>"#)
        } else {
            let withReference = r.comparisons.contains { $0.reference != nil }
            h.append(#"<div class="table-wrap"><table class="comparisons"><thead><tr><th>Quantity</th><th class="num">Measured</th>"#
                     + (withReference ? "<th>Reference</th>" : "")
                     + #"<th>Bound</th><th>Uncertainty</th><th>Verdict</th><th class="num">Margin</th></tr></thead><tbody>"#)
            for k in r.comparisons {
                var row = #"<tr class="\#(k.verdict.rawValue)"><td>\#(escapeXML(k.quantity))</td>"#
                row += #"<td class="value num" title="\#(escapeXML(k.measuredText))">\#(escapeXML(NumberText.abbreviated(k.measuredText)))</td>"#
                if withReference {
                    let ref = k.reference.map(escapeXML) ?? "–"
                    let digits = k.agreementDigits.map { #"<div class="why">\#(NumberText.digits($0)) digits</div>"# } ?? ""
                    row += "<td>\(ref)\(digits)</td>"
                }
                row += #"<td><span class="mono" title="\#(escapeXML(k.boundText))">\#(escapeXML(ReportText.bound(k)))</span><div class="why">\#(escapeXML(k.boundReason))</div></td>"#
                row += #"<td><span class="mono" title="\#(escapeXML(k.uncertaintyText))">\#(escapeXML(ReportText.uncertainty(k)))</span><div class="why">\#(escapeXML(k.uncertaintySource))</div></td>"#
                row += "<td>\(badge(k.verdict))</td><td class=\"num\">\(escapeXML(ReportText.margin(k)))</td></tr>"
                h.append(row)
            }
            h.append("</tbody></table></div>")
        }

        if !r.figures.isEmpty {
            h.append("<h3>Figures</h3><div class=\"figures\">" + r.figures.map(plot).joined() + "</div>")
        }
        if !r.notes.isEmpty {
            h.append(#"<h3>Notes</h3><ul class="notes">"# + r.notes.map { "<li>\(escapeXML($0))</li>" }.joined() + "</ul>")
        }
        if let l = r.ladder {
            h.append("<h3>Precision ladder: \(escapeXML(l.quantity))</h3>")
            h.append("<p>Reference: \(escapeXML(l.reference)). Tolerance tied to each rung's precision.</p>")
            h.append(ladderTable(l.points))
            if !l.roundingSweep.isEmpty {
                h.append("<p>\(rich(ReportText.roundingSweepTitle(l))):</p>" + ladderTable(l.roundingSweep))
            }
            if !l.toleranceSweep.isEmpty {
                h.append("<p>\(rich(ReportText.toleranceSweepTitle(l))):</p>" + ladderTable(l.toleranceSweep))
            }
            if !l.precisionNeeded.isEmpty {
                h.append("<p>Precision needed against proofs/THEORY.md §4's formula, (q + 2·log<sub>10</sub>(1/ε))·log<sub>2</sub>10 bits:</p>")
                h.append(table(ReportText.needHeader, l.precisionNeeded.map { ReportText.needRow($0) }, numeric: [false, true, true, true, true]))
            }
        }
        h.append("</section>")
        return h.joined(separator: "\n")
    }

    static func ladderTable(_ points: [LadderPoint]) -> String {
        table(ReportText.ladderHeader, points.map { ReportText.ladderRow($0) }, numeric: [true, true, false, true, true, false], valueColumn: 2)
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: [Bool], valueColumn: Int? = nil) -> String {
        func cls(_ i: Int) -> String {
            i == valueColumn ? #" class="value""# : (i < numeric.count && numeric[i] ? #" class="num""# : "")
        }
        var h = #"<div class="table-wrap"><table><thead><tr>"#
        h += header.enumerated().map { i, text in
            "<th\(i < numeric.count && numeric[i] ? #" class="num""# : "")>\(escapeXML(text))</th>"
        }.joined()
        h += "</tr></thead><tbody>"
        for row in rows {
            h += "<tr>" + row.enumerated().map { "<td\(cls($0.offset))>\(rich($0.element))</td>" }.joined() + "</tr>"
        }
        return h + "</tbody></table></div>"
    }
}
