import Foundation
@testable import Sweeps
import Testing

/// The committed sweep files (sweeps/*.json) against their table in sweeps/README.md.
@Suite("reference sweeps")
struct ReferenceSweepTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sweeps")

    /// The README table's rows: file name → the run count it states ("184 320" → 184320).
    static func documentedCounts() throws -> [String: Int] {
        let text = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("`"), cells[0].hasSuffix(".json`"),
                  let count = Int(cells[cells.count - 1].filter { $0 != " " }) else { continue }
            counts[String(cells[0].dropFirst().dropLast())] = count
        }
        return counts
    }

    @Test("every sweep file decodes and has a README row with its run count (the small ones also expand to it); every row has its file")
    func filesMatchTheirTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        let documented = try Self.documentedCounts()
        #expect(files.count >= 5)
        #expect(Set(documented.keys) == Set(files))
        for file in files {
            let spec = try SweepSpec(contentsOf: Self.directory.appendingPathComponent(file).path)
            let count = try SweepGrid.runCount(spec)
            #expect(documented[file] == count, "\(file): README says \(documented[file].map(String.init) ?? "nothing"), the grid has \(count) runs")
            // Expanding instantiates every run (its problem and hash): the small files only.
            if count <= 10_000 { #expect(try SweepGrid(spec).runs.count == count, "\(file)") }
        }
    }
}
