import Foundation

/// Writes a sweep report into a directory: report.json, report.md, index.html, cells.csv,
/// thresholds.csv, candidates.csv, each atomically (a temporary file renamed into place).
public enum SweepReportWriter {
    public static let fileNames = ["report.json", "report.md", "index.html", "cells.csv", "thresholds.csv", "candidates.csv"]

    @discardableResult
    public static func write(_ report: SweepReport, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let contents: [(String, Data)] = [
            ("report.json", try report.json()),
            ("report.md", Data(SweepMarkdown.render(report).utf8)),
            ("index.html", Data(SweepHTML.render(report).utf8)),
            ("cells.csv", Data(SweepCSV.cells(report).utf8)),
            ("thresholds.csv", Data(SweepCSV.thresholds(report).utf8)),
            ("candidates.csv", Data(SweepCSV.candidates(report).utf8)),
        ]
        return try contents.map { name, data in
            let url = directory.appendingPathComponent(name)
            try data.write(to: url, options: .atomic)
            return url
        }
    }
}
