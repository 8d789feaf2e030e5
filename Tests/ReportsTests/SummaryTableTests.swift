import Testing
@testable import Reports
import Verification

@Suite("terminal summary table")
struct SummaryTableTests {
    @Test("one line per claim between header and totals; the verdict column starts at the same place on every line")
    func aligned() {
        let report = Synthetic.report()
        let lines = SummaryTable.render(report).split(separator: "\n").map(String.init)
        #expect(lines.count == report.claims.count + 2)
        let column = lines[0].distance(from: lines[0].startIndex, to: lines[0].range(of: "verdict")!.lowerBound)
        for (line, r) in zip(lines.dropFirst(), report.claims) {
            let at = line.index(line.startIndex, offsetBy: column)
            #expect(line[at...].hasPrefix(r.verdict.rawValue), "\(line)")
        }
        #expect(lines.last == "2 hold, 1 fail, 1 undecided (140 s)")
    }
}
