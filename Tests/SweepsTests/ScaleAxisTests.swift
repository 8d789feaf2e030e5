import Foundation
@testable import Sweeps
import Testing

@Suite("the scale axis")
struct ScaleAxisTests {
    static func sweep(scales: String) -> String {
        SweepFixtures.spec(width: #"["1"]"#, dimension: #"["2"]"#, n: #"["3"]"#,
                           seeds: #"{"data": ["1"], "initialization": ["1"]}"#, extraAxes: #", "scale": \#(scales)"#)
    }

    @Test("ε is parsed once where the sweep file is read, and enters each run's problem text as written")
    func writtenText() throws {
        let grid = try SweepFixtures.grid(Self.sweep(scales: #"["1e-3", "0.0010"]"#))
        #expect(grid.runs.map(\.coordinates.scale) == ["1e-3", "0.0010"])
        #expect(grid.runs.map(\.problem.initialization.scale.text) == ["1e-3", "0.0010"])
        #expect(grid.runs[0].problem.initialization.scale == grid.runs[1].problem.initialization.scale)
        for run in grid.runs { #expect(run.problemText.contains(#""scale":"\#(run.coordinates.scale)""#), "\(run.problemText)") }
    }

    @Test("a value that is not a decimal, or beyond 10^±1000000, is refused naming axes.scale[i]",
          arguments: ["tiny", "1/3", "inf", "1e-1000001"])
    func refused(_ bad: String) {
        do {
            _ = try SweepFixtures.sweep(Self.sweep(scales: #"["1e-3", "\#(bad)"]"#))
            Issue.record("accepted \(bad)")
        } catch {
            #expect("\(error)".hasPrefix("axes.scale[1]: \"\(bad)\""), "\(error)")
        }
    }
}
