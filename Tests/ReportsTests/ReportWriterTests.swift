import Foundation
import Testing
@testable import Reports
import Verification

@Suite("ReportWriter")
struct ReportWriterTests {
    @Test("writes report.json, report.md and index.html (and nothing else); the JSON reads back")
    func writes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = Synthetic.report()
        let urls = try ReportWriter.write(report, to: dir)
        #expect(urls.map(\.lastPathComponent) == ReportWriter.fileNames)
        // Twice: the second write replaces the files and leaves no temporary behind.
        try ReportWriter.write(report, to: dir)
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(listing == ReportWriter.fileNames.sorted())
        let back = try JSONDecoder().decode(Report.self, from: Data(contentsOf: dir.appendingPathComponent("report.json")))
        #expect(back.claims.map(\.claim) == report.claims.map(\.claim))
        #expect(back.claims.map(\.figures) == report.claims.map(\.figures))
        let md = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md == MarkdownReport.render(report))
    }
}
