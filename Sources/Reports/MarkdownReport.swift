import Verification

/// report.md (placeholder until the Reports work lands: the summary table only).
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        "# FlowVerify report\n\n```\n" + SummaryTable.render(report) + "\n```\n"
    }
}
