/// index.html of a sweep: one self-contained page (inline style, inline SVG, no script; the
/// same Content Security Policy as the verification report).
public enum SweepHTML {
    public static func render(_ r: SweepReport) -> String {
        var h: [String] = ["<!DOCTYPE html>", #"<html lang="en"><head><meta charset="utf-8">"#,
                           #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
                           #"<meta http-equiv="Content-Security-Policy" content="\#(escapeXML(HTMLReport.contentSecurityPolicy))">"#,
                           "<title>FlowVerify sweep report</title>", "<style>\n" + HTMLStyle.css + "\n</style></head><body>"]
        h.append("<header><h1>FlowVerify sweep report</h1>")
        h.append(#"<p class="headline">\#(r.runs) runs; n_sep at level \#(r.level) (smallest n whose 95% lower bound of F(n) is ≥ \#(r.level))</p></header>"#)
        h.append(#"<section id="provenance"><h2>Provenance</h2><div class="table-wrap"><table class="kv"><tbody>"#)
        var kv = [("tool", r.provenance.tool), ("libraries", r.provenance.libraries), ("created", r.provenance.created),
                  ("store", r.provenance.store), ("failed to integrate", String(r.failures))]
        kv += r.provenance.sweeps.map { ("sweep " + $0.name, "\($0.planned) runs planned") }
        for (k, v) in kv { h.append("<tr><th>\(escapeXML(k))</th><td>\(escapeXML(v))</td></tr>") }
        h.append("</tbody></table></div></section>")
        h.append(#"<section id="thresholds"><h2>Thresholds</h2><p>n_opt column: "# + escapeXML(SweepText.firstRecoveryMeaning) + "</p>" + table(SweepText.thresholdRows(r)) + "</section>")
        let candidates = SweepText.candidateRows(r)
        h.append(#"<section id="candidates"><h2>Candidate formulas</h2>"# + table(candidates, badgeColumn: 4) + "</section>")
        h.append(#"<section id="cost"><h2>Cost</h2><p>"# + escapeXML(SweepText.costMeaning) + "</p>" + table(SweepText.costRows(r)) + "</section>")
        h.append(#"<section id="figures"><h2>Figures</h2><div class="figures">"#)
        for fig in SweepFigures.all(r) {
            h.append(#"<figure class="plot" id="\#(escapeXML(fig.id))">"# + fig.svg + #"<figcaption><code>\#(escapeXML(fig.id))</code></figcaption></figure>"#)
        }
        h.append("</div></section>")
        h.append(#"<section id="cells"><h2>Cells</h2>"# + table(SweepText.cellRows(r)) + "</section>")
        h.append("<footer>Written by \(escapeXML(r.provenance.tool)) on \(escapeXML(r.provenance.created)). report.json holds these numbers; cells.csv, thresholds.csv and candidates.csv are for notebooks.</footer>")
        h.append("</body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    static func table(_ t: SweepText.Rows, badgeColumn: Int? = nil) -> String {
        var h = #"<div class="table-wrap"><table><thead><tr>"# + t.header.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in t.rows {
            h += "<tr>" + row.enumerated().map { i, text in
                i == badgeColumn ? #"<td><span class="badge \#(escapeXML(text))">\#(escapeXML(text))</span></td>"# : "<td>\(escapeXML(text))</td>"
            }.joined() + "</tr>"
        }
        return h + "</tbody></table></div>"
    }
}
