import Foundation
import MultiPrecision
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

/// A comparison at 2,048 bits: its bound and uncertainty lie below double's range, so the
/// renderers print them from their full texts, never as 0.
@Suite("report.md and index.html: values beyond double's range")
struct WideValueReportTests {
    static func report() throws -> Report {
        let p = try Precision(bits: 2048)
        let wide = Comparison(quantity: "drift at 2048 bits", measured: BigFloat.power2(-2040, precision: p), relation: .atMost,
                              bound: BigFloat.power2(-2036, precision: p), boundReason: "chosen: 2^(−p+12)",
                              uncertainty: BigFloat.power2(-2044, precision: p), uncertaintySource: "|x(2048) − x(2080)| + |x(tol 2^−2048) − x(tol 2^−2040)|")
        return Report(claims: [Synthetic.result(Synthetic.info(12), comparisons: [wide])], context: CheckContext(), seconds: 1)
    }

    @Test("the bound 2^−2036 shows as 1.26…e−613 and the uncertainty with its runs, in both files")
    func wideBound() throws {
        let report = try Self.report()
        let c = try #require(report.claims.first?.comparisons.first)
        #expect(c.verdict == .holds)
        let markdown = MarkdownReport.render(report)
        let row = try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix("| drift at 2048 bits") })
        #expect(row.contains("≤ 1.26…e−613 (chosen: 2^(−p+12))"))
        #expect(row.contains(#"4.95…e−616 (\|x(2048) − x(2080)\| + \|x(tol 2^−2048) − x(tol 2^−2040)\|)"#))
        #expect(!row.contains("≤ 0 "))
        let html = HTMLReport.render(report)
        #expect(html.contains(#"title="\#(c.boundText)">≤ 1.26…e−613"#))
    }
}
