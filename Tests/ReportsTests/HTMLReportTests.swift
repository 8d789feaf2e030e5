import Foundation
import Testing
@testable import Reports
import Verification

@Suite("index.html")
struct HTMLReportTests {
    let report = Synthetic.report()
    var html: String { HTMLReport.render(report) }

    @Test("every figure id appears as an element id, with its SVG; the report-level figures too")
    func figureIDs() throws {
        let page = html
        let ids = report.claims.flatMap(\.figures).map(\.id) + LadderFigures.all(report).map(\.id)
        #expect(ids.contains(LadderFigures.digitsID) && ids.contains(LadderFigures.precisionNeededID))
        for id in ids {
            #expect(page.contains(#"<figure class="plot" id="\#(id)">"#), "\(id)")
        }
        #expect(fragments(of: "svg", in: page).count == ids.count)
    }

    @Test("every inline SVG and MathML fragment is well-formed XML; SVG ids are unique")
    func fragmentsWellFormed() throws {
        let page = html
        var clipIDs: [String] = []
        for svg in fragments(of: "svg", in: page) {
            let root = try XMLElementNode.parse(svg).get()
            clipIDs += root.all("clipPath").compactMap { $0.attributes["id"] }
        }
        #expect(Set(clipIDs).count == clipIDs.count)
        let maths = fragments(of: "math", in: page)
        #expect(maths.count == report.claims.filter { $0.claim.latex != nil }.count)
        for math in maths {
            _ = try XMLElementNode.parse(math).get()
        }
        #expect(page.contains("<details class=\"latex\"><summary>LaTeX source</summary>"))
    }

    @Test("self-contained: no script, no external resource, a CSP that forbids fetching")
    func selfContained() {
        let page = html
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains(" src="))
        #expect(!page.contains("href=\"http"))
        #expect(!page.contains("url(http"))
        #expect(!page.contains("@import"))
        #expect(page.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">"#))
    }

    @Test("text is escaped: the hostile title appears as entities, never as markup")
    func escaping() {
        let page = html
        #expect(page.contains("Escaping &lt;&amp;&gt; &quot;quoted&quot;"))
        #expect(!page.contains("<&>"))
        #expect(!page.contains("<b>markup</b>"))
        #expect(page.contains("A statement with &lt;b&gt;markup&lt;/b&gt; &amp; entities &amp;amp;"))
    }

    @Test("summary: one row per claim linking to its section, with a verdict badge")
    func summary() throws {
        let page = html
        let summary = try #require(page.range(of: #"<table class="summary">"#).flatMap { start in
            page.range(of: "</table>", range: start.upperBound..<page.endIndex).map { page[start.lowerBound..<$0.upperBound] }
        })
        let rows = summary.components(separatedBy: "<tr class=\"").dropFirst()
        #expect(rows.count == report.claims.count)
        for (row, r) in zip(rows, report.claims) {
            #expect(row.hasPrefix(r.verdict.rawValue))
            #expect(row.contains(##"href="#\##(r.claim.key)""##))
            #expect(row.contains(#"<span class="badge \#(r.verdict.rawValue)">"#))
            #expect(page.contains(#"<section class="claim" id="\#(r.claim.key)">"#))
        }
    }
}
