import Foundation

/// Writes a sweep report into a directory: report.json, report.md, index.html, cells.csv,
/// thresholds.csv, candidates.csv, each by `OutputFile` (a temporary file renamed into place;
/// only a regular file is replaced).
public enum SweepReportWriter {
    public static let fileNames = ["report.json", "report.md", "index.html", "cells.csv", "thresholds.csv", "candidates.csv"]

    /// Checks, before the work, that every file can be written into `directory`.
    public static func check(_ directory: URL) throws { try OutputFile.check(fileNames, in: directory) }

    @discardableResult
    public static func write(_ report: SweepReport, to directory: URL) throws -> [URL] {
        try OutputFile.write([
            ("report.json", try report.json()),
            ("report.md", Data(SweepMarkdown.render(report).utf8)),
            ("index.html", Data(SweepHTML.render(report).utf8)),
            ("cells.csv", Data(SweepCSV.cells(report).utf8)),
            ("thresholds.csv", Data(SweepCSV.thresholds(report).utf8)),
            ("candidates.csv", Data(SweepCSV.candidates(report).utf8)),
        ], into: directory)
    }
}
