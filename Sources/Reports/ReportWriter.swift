import Foundation
import Verification

/// Writes a verification report into a directory: report.json (schema
/// `schemas/report.schema.json`), report.md and index.html. Each file is written atomically
/// by `OutputFile` (a temporary file renamed into place; only a regular file is replaced), so
/// an interrupted run never leaves a half-written report where a good one was.
public enum ReportWriter {
    public static let fileNames = ["report.json", "report.md", "index.html"]

    /// Checks, before the work, that the report can be written into `directory`: creates the
    /// directory if needed and checks each of the three files (`OutputFile.check`).
    public static func check(_ directory: URL) throws { try OutputFile.check(fileNames, in: directory) }

    /// Writes the three files; returns their URLs.
    @discardableResult
    public static func write(_ report: Report, to directory: URL) throws -> [URL] {
        try OutputFile.write([
            ("report.json", try report.json()),
            ("report.md", Data(MarkdownReport.render(report).utf8)),
            ("index.html", Data(HTMLReport.render(report).utf8)),
        ], into: directory)
    }
}
