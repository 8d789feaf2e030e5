import Foundation
import Testing
@testable import Reports
import Verification

@Suite("report.md")
struct MarkdownReportTests {
    let report = Synthetic.report()
    var markdown: String { MarkdownReport.render(report) }

    /// The table rows (header and rule excluded) of the first table after `heading`.
    func tableRows(after heading: String) throws -> [String] {
        let lines = markdown.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: heading))
        let table = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        #expect(table.count >= 2)
        return Array(table.dropFirst(2))
    }

    /// Cells of a table row: split at pipes that are not escaped.
    func cells(_ row: String) -> Int {
        var count = 0, escaped = false
        for ch in row {
            if ch == "|" && !escaped { count += 1 }
            escaped = ch == "\\" && !escaped
        }
        return count - 1
    }

    @Test("the summary table has one row per claim, in order, with verdict, digits, margin and time")
    func summary() throws {
        let rows = try tableRows(after: "## Summary")
        #expect(rows.count == report.claims.count)
        for (row, claim) in zip(rows, report.claims) {
            #expect(row.hasPrefix("| \(claim.claim.id). "))
            #expect(row.contains("| \(claim.verdict.rawValue) |"))
            #expect(cells(row) == 5)
        }
    }

    @Test("every claim has its section: statement, status, hypotheses, proof path, comparisons, ladder")
    func claims() throws {
        let md = markdown
        for r in report.claims {
            #expect(md.contains("## Claim \(r.claim.id). "))
            #expect(md.contains("`\(r.claim.proofFile)`"))
            #expect(md.contains("status: \(escapeMarkdown(r.claim.status.rawValue))"))
        }
        #expect(md.contains("```math\n" + Synthetic.info(1).latex! + "\n```"))
        // Claim 1's comparisons table: two rows, every row as many cells as the header.
        let lines = md.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "## Claim 1. " + escapeMarkdown(Synthetic.info(1).title)))
        let table = lines[start...].drop { !$0.hasPrefix("| Quantity") }.prefix { $0.hasPrefix("|") }
        #expect(table.count == 4)
        #expect(Set(table.map(cells)).count == 1)
        // Its ladder with both sweeps and the precision-needed rows.
        #expect(md.contains("Rounding only (tolerance fixed at 2^−60):"))
        #expect(md.contains("Tolerance only (precision fixed at 256 bits):"))
        #expect(md.contains("| 1e-60 | 10.0 | none kept them |"))
        #expect(md.contains("| double | 2^−47 |"))
    }

    @Test("markup in titles and values is escaped: pipes do not split cells, <&> stays literal")
    func escaping() throws {
        let md = markdown
        #expect(md.contains(#"Escaping \<\&\> "quoted" 'single' \| pipes"#))
        #expect(!md.contains("<b>markup</b>"))
        let rows = try tableRows(after: "## Summary")
        #expect(rows.allSatisfy { cells($0) == 5 })
        let hostileRow = try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix(#"| rank \|J\|"#) })
        #expect(cells(hostileRow) == 6)
        #expect(hostileRow.contains("| ∞ (none \\<none\\>) |"))
    }
}
