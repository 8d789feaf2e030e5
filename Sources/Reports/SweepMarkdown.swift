/// report.md of a sweep: provenance, the thresholds with their ranges, the candidate formulas
/// judged, the cost per width, and the cells.
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
        md.append("## Cost")
        md.append("")
        md.append(SweepText.costMeaning)
        md.append("")
        md.append(SweepText.costRows(r).markdownTable)
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

    /// What the cost table measures.
    static let costMeaning = "Per width m: the share of runs the double fast path could not decide (escalated), and the CPU time of the runs whose CPU time the store holds (the thread's CPU time over all of a run's attempts; rows written before the store's schema 2 hold none), with the share spent in escalated runs."

    /// The cost per width m, summed over its cells.
    static func costRows(_ r: SweepReport) -> Rows {
        let widths = Dictionary(grouping: r.cells, by: \.group.width).sorted { $0.key < $1.key }
        return Rows(header: ["m", "runs", "escalated", "CPU time measured", "CPU hours", "in escalated runs", "runs per CPU second"],
                    rows: widths.map { m, cells in
                        let runs = cells.reduce(0) { $0 + $1.runs }, escalated = cells.reduce(0) { $0 + $1.escalated }
                        let measured = cells.reduce(0) { $0 + $1.cpuMeasured }
                        let cpu = cells.reduce(0.0) { $0 + $1.cpuSeconds }, high = cells.reduce(0.0) { $0 + $1.escalatedCPUSeconds }
                        func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
                        return [String(m), String(runs), "\(escalated) (\(percent(Double(escalated) / Double(max(runs, 1)))))",
                                "\(measured) of \(runs) runs",
                                measured > 0 ? String(format: "%.3g", cpu / 3600) : "–",
                                measured > 0 && cpu > 0 ? percent(high / cpu) : "–",
                                measured > 0 && cpu > 0 ? String(format: "%.3g", Double(measured) / cpu) : "–"]
                    })
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
