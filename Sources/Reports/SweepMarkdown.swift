/// report.md of a sweep: provenance, the thresholds with their ranges, the candidate formulas
/// judged, and the cells.
public enum SweepMarkdown {
    public static func render(_ r: SweepReport) -> String {
        var md: [String] = ["# FlowVerify sweep report", ""]
        md.append("\(r.provenance.tool) (\(escapeMarkdown(r.provenance.libraries))), \(r.provenance.created); store `\(r.provenance.store)`.")
        md.append("")
        for s in r.provenance.sweeps { md.append("- sweep \(escapeMarkdown(s.name)): \(s.planned) runs planned") }
        md.append("- runs in the store: \(r.runs); failed to integrate (not in the counts): \(r.failures)")
        md.append("- n_opt column: " + SweepText.firstRecoveryMeaning)
        md.append("- n_sep level L = \(r.level): the smallest n whose 95% Clopper–Pearson lower bound of F(n) is ≥ L")
        md.append("")
        md.append("## Thresholds")
        md.append("")
        md.append(SweepText.thresholdRows(r).markdownTable)
        md.append("")
        md.append("## Candidate formulas")
        md.append("")
        md.append(SweepText.candidateRows(r).markdownTable)
        md.append("")
        md.append("## Cells")
        md.append("")
        md.append(SweepText.cellRows(r).markdownTable)
        return md.joined(separator: "\n") + "\n"
    }
}

/// The report's tables as rows of text, shared by report.md and index.html.
enum SweepText {
    struct Rows {
        var header: [String]
        var rows: [[String]]
        var markdownTable: String {
            ([header, header.map { _ in "---" }] + rows).map { "| " + $0.map(escapeMarkdown).joined(separator: " | ") + " |" }.joined(separator: "\n")
        }
    }

    /// What the n_opt column measures, for every width.
    static let firstRecoveryMeaning = "the smallest n with a certified recovery (F(n) > 0). For m = 1 that is n_opt; for m ≥ 2 recovery at n_opt has measure zero (claim 8), which random draws cannot see, so there it is the paper's n_sep (\"from zero to positive measure\"), the n̂_sep of claim 9 in `flowverify verify`."

    static func thresholdRows(_ r: SweepReport) -> Rows {
        Rows(header: ["group", "n_opt", "n_opt range", "n_sep", "n_sep range"],
             rows: r.thresholds.map { t in
                 [t.group.label, t.nOpt.estimate.map(String.init) ?? "–", t.nOpt.rangeText,
                  t.nSep.estimate.map(String.init) ?? "–", t.nSep.rangeText]
             })
    }

    static func candidateRows(_ r: SweepReport) -> Rows {
        Rows(header: ["group", "quantity", "formula", "value", "judgement", "why"],
             rows: r.thresholds.flatMap { t in t.candidates.map { [t.group.label, $0.quantity, $0.formula, String($0.value), $0.judgement, $0.why] } })
    }

    static func cellRows(_ r: SweepReport) -> Rows {
        Rows(header: ["group", "n", "runs", "recovered", "not", "undecided", "escalated", "F(n)", "95% interval"],
             rows: r.cells.map { c in
                 [c.group.label, String(c.n), String(c.runs), String(c.recovered), String(c.notRecovered), String(c.undecided),
                  String(c.escalated), c.probability.map { String(format: "%.3g", $0) } ?? "–",
                  "[\(String(format: "%.3g", c.lower)), \(String(format: "%.3g", c.upper))]"]
             })
    }
}
