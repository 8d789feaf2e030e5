import Foundation
import Verification

/// report.md: the whole report as GitHub-flavoured Markdown (tables; the claims' formulas as
/// ```math blocks, which GitHub renders and other viewers show as LaTeX source). Figures are
/// inline SVG in index.html only; here they are listed by id and title.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var out: [String] = []
        out.append("# \(ReportText.title): \(escapeMarkdown(report.provenance.paper))")
        out.append("**Verdict: \(report.verdict.rawValue)**. \(escapeMarkdown(ReportText.counts(report))).")

        out.append("## Provenance")
        out.append(table(["", ""], ReportText.provenance(report).map { [$0.0, $0.1] }, align: ["l", "l"]))

        out.append("## Summary")
        out.append(summary(report))

        let derived = LadderFigures.all(report)
        if !derived.isEmpty {
            out.append("Report figures (in index.html): " + derived.map { "\(markdownCode($0.id, inTable: false)) \(escapeMarkdown($0.title))" }.joined(separator: "; ") + ".")
        }

        for r in report.claims {
            out.append(contentsOf: claim(r))
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// One row per claim: claim, verdict, digits, margin, time; one row per reading under its
    /// claim, and the sentences naming the readings that decided a verdict under the table.
    static func summary(_ report: Report) -> String {
        let rows = report.claims.flatMap { r in
            [["\(r.claim.id). \(r.claim.title)", r.verdict.rawValue, NumberText.digits(r.digits),
              NumberText.digits(r.marginDigits), NumberText.seconds(r.seconds)]]
                + (r.readings ?? []).map { ["↳ reading " + ReportText.reading($0), $0.verdict.rawValue, "", "", ""] }
        }
        let sentences = ReportText.readingSummaries(report)
        return table(["Claim", "Verdict", "Digits", "Margin", "Time"], rows, align: ["l", "l", "r", "r", "r"])
            + (sentences.isEmpty ? "" : "\n\n" + sentences.map(escapeMarkdown).joined(separator: "\n\n"))
    }

    static func claim(_ r: ClaimResult) -> [String] {
        let c = r.claim
        var out = ["## Claim \(c.id). \(escapeMarkdown(c.title))"]
        out.append("**\(r.verdict.rawValue)** · status: \(escapeMarkdown(c.status.rawValue)) · precision: \(ReportText.precision(r)) · \(NumberText.seconds(r.seconds))")
        out.append(escapeMarkdown(c.statement))
        if let latex = c.latex, !latex.isEmpty {
            let fence = latex.contains("```") ? "~~~~" : "```"
            out.append(fence + "math\n" + latex + "\n" + fence)
        }
        if !c.hypotheses.isEmpty {
            out.append("Hypotheses:\n\n" + c.hypotheses.map { "- " + escapeMarkdown($0) }.joined(separator: "\n"))
        }
        out.append("Proof: \(markdownCode(c.proofFile, inTable: false)) (path from the repository root).")
        if let readings = r.readings {
            out.append("### Readings")
            out.append(escapeMarkdown((r.verdictSummary ?? "") + " " + Reading.rule))
            out.append(table(ReportText.readingHeader, readings.map(ReportText.readingRow), align: ["l", "l", "l", "r"]))
        }

        out.append("### Comparisons")
        if r.comparisons.isEmpty {
            out.append("No comparison was made: nothing was decided.")
        } else {
            let withReference = r.comparisons.contains { $0.reference != nil }
            var header = ["Quantity", "Measured", "Bound", "Uncertainty", "Verdict", "Margin"]
            if withReference { header.insert("Reference (digits)", at: 2) }
            let rows = r.comparisons.map { k -> [String] in
                var row = [k.quantity, NumberText.abbreviated(k.measuredText),
                           ReportText.bound(k) + " (" + k.boundReason + ")",
                           ReportText.uncertainty(k) + " (" + k.uncertaintySource + ")",
                           k.verdict.rawValue, ReportText.margin(k)]
                if withReference {
                    row.insert(k.reference.map { $0 + (k.agreementDigits.map { " (" + NumberText.digits($0) + ")" } ?? "") } ?? "–", at: 2)
                }
                return row
            }
            out.append(table(header, rows, align: header.map { $0 == "Margin" ? "r" : "l" }))
        }

        if !r.figures.isEmpty {
            out.append("Figures (in index.html): " + r.figures.map { "\(markdownCode($0.id, inTable: false)) \(escapeMarkdown($0.title))" }.joined(separator: "; ") + ".")
        }
        if !r.notes.isEmpty {
            out.append("### Notes")
            out.append(r.notes.map { "- " + escapeMarkdown($0) }.joined(separator: "\n"))
        }
        if let l = r.ladder {
            out.append("### Precision ladder: \(escapeMarkdown(l.quantity))")
            out.append("Reference: \(escapeMarkdown(l.reference)). Tolerance tied to each rung's precision.")
            out.append(ladderTable(l.points))
            if !l.roundingSweep.isEmpty {
                out.append("\(escapeMarkdown(ReportText.roundingSweepTitle(l))):")
                out.append(ladderTable(l.roundingSweep))
            }
            if !l.toleranceSweep.isEmpty {
                out.append("\(escapeMarkdown(ReportText.toleranceSweepTitle(l))):")
                out.append(ladderTable(l.toleranceSweep))
            }
            if !l.precisionNeeded.isEmpty {
                out.append("Precision needed against proofs/THEORY.md §4's formula, (q + 2·log10(1/ε))·log2 10 bits:")
                out.append(table(ReportText.needHeader, l.precisionNeeded.map { ReportText.needRow($0) }, align: ["l", "r", "r", "r", "r"]))
            }
        }
        return out
    }

    static func ladderTable(_ points: [LadderPoint]) -> String {
        table(ReportText.ladderHeader, points.map { ReportText.ladderRow($0) }, align: ["r", "r", "l", "r", "r", "l"])
    }

    /// A GitHub table; every cell is escaped (pipes included) and kept on one line.
    static func table(_ header: [String], _ rows: [[String]], align: [String]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(escapeMarkdown).joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { i in (i < align.count && align[i] == "r") ? " ---: |" : " --- |" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
