import Verification

/// index.html (placeholder until the Reports work lands).
public enum HTMLReport {
    public static func render(_ report: Report) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>FlowVerify report</title></head><body><pre>"
            + SummaryTable.render(report) + "</pre></body></html>\n"
    }
}
