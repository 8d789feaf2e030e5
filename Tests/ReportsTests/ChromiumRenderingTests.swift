import Foundation
import Testing
@testable import Reports
import Verification

/// The report as a browser sees it: headless Chromium loads index.html, must report nothing on
/// its console (`HeadlessChromium` explains the check), must find every figure and formula in
/// the DOM, and must paint a non-trivial screenshot. Enabled when a chromium binary is found;
/// when it is missing and CI is set, the tests run and fail.
@Suite("index.html in headless Chromium", .serialized,
       .enabled(if: HeadlessChromium.found != nil || HeadlessChromium.inCI,
                "no chromium binary found (apt-get install chromium, or `make test`); set CI=true to make this a failure"))
struct ChromiumRenderingTests {
    func chromium() throws -> HeadlessChromium {
        try #require(HeadlessChromium.found, "CI is set but no chromium binary was found on PATH (apt-get install chromium)")
    }

    func write(_ html: String, name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(html.utf8).write(to: url)
        return url
    }

    @Test("the report loads with an empty console, and its DOM has every figure, plot and formula")
    func loadsCleanly() throws {
        let browser = try chromium()
        let report = Synthetic.report()
        let page = try write(HTMLReport.render(report), name: "index.html")
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        let run = try browser.run(page, ["--dump-dom"])
        #expect(run.status == 0, "chromium exited with \(run.status): \(run.stderr.suffix(2000))")
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        let dom = run.stdout
        for id in report.claims.flatMap(\.figures).map(\.id) + LadderFigures.all(report).map(\.id) {
            #expect(dom.contains(#"id="\#(id)""#), "\(id) missing from the DOM")
        }
        #expect(dom.components(separatedBy: "<svg").count - 1 == report.claims.flatMap(\.figures).count + LadderFigures.all(report).count)
        #expect(dom.components(separatedBy: "<math").count - 1 == report.claims.filter { $0.claim.latex != nil }.count)
    }

    @Test("the console check catches a script error, console.error, and a blocked external fetch")
    func consoleCheckFails() throws {
        let browser = try chromium()
        let scriptError = try write("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><p>text</p>
            <script>console.error("deliberate"); notDefinedAnywhere();</script></body></html>
            """, name: "error.html")
        defer { try? FileManager.default.removeItem(at: scriptError.deletingLastPathComponent()) }
        let errors = try browser.run(scriptError, ["--dump-dom"]).consoleLines
        #expect(errors.contains { $0.contains("deliberate") })
        #expect(errors.contains { $0.contains("notDefinedAnywhere") })

        // The report's own policy: an image from the network is blocked, and the block is reported.
        let external = try write("""
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReport.contentSecurityPolicy)"><title>t</title></head>
            <body><img src="https://example.invalid/plot.png" alt="x"></body></html>
            """, name: "external.html")
        defer { try? FileManager.default.removeItem(at: external.deletingLastPathComponent()) }
        let blocked = try browser.run(external, ["--dump-dom"]).consoleLines
        #expect(blocked.contains { $0.contains("Content Security Policy") })
    }

    @Test("the screenshot is a 1200×2000 PNG, far from a blank page's")
    func screenshot() throws {
        let browser = try chromium()
        let page = try write(HTMLReport.render(Synthetic.report()), name: "index.html")
        let blank = try write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>blank</title></head><body></body></html>", name: "blank.html")
        defer {
            try? FileManager.default.removeItem(at: page.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: blank.deletingLastPathComponent())
        }
        func shoot(_ url: URL) throws -> Data {
            let png = url.deletingLastPathComponent().appendingPathComponent("shot.png")
            let run = try browser.run(url, ["--screenshot=" + png.path, "--window-size=1200,2000"])
            #expect(run.status == 0, "chromium exited with \(run.status): \(run.stderr.suffix(2000))")
            return try Data(contentsOf: png)
        }
        let shot = try shoot(page), empty = try shoot(blank)
        let size = try #require(pngSize(shot))
        #expect(size.width == 1200 && size.height == 2000)
        #expect(pngSize(empty).map { $0.width == 1200 && $0.height == 2000 } == true)
        // A single-colour 1200×2000 PNG compresses to a few kB (the blank page's, measured in the
        // same run); text, tables and plots cannot.
        #expect(shot.count > 50_000, "screenshot is only \(shot.count) bytes")
        #expect(shot.count > 10 * empty.count, "screenshot \(shot.count) bytes, blank page \(empty.count) bytes")
        // For looking at it: REPORT_SCREENSHOT=/tmp/shot.png keeps the PNG and the page (.html).
        if let keep = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT"] {
            try shot.write(to: URL(fileURLWithPath: keep))
            try Data(contentsOf: page).write(to: URL(fileURLWithPath: keep).deletingPathExtension().appendingPathExtension("html"))
            // And every registry claim, nothing decided: all twelve formulas on one page.
            let all = Report(claims: ClaimRegistry.checks.map { Synthetic.result($0.info, comparisons: []) }, context: CheckContext(), seconds: 1)
            try Data(HTMLReport.render(all).utf8).write(to: URL(fileURLWithPath: keep).deletingLastPathComponent().appendingPathComponent("all-claims.html"))
        }
    }
}
