import Foundation
@testable import Sweeps
import Testing

@Suite("bad sweep files")
struct BadSpecTests {
    static let base = SweepFixtures.spec()

    /// (sweep file text, the field the message must name).
    static let cases: [(String, String)] = [
        (base.replacingOccurrences(of: "\"width\":", with: "\"widht\":"), "axes.widht"),
        (base.replacingOccurrences(of: "[\"1\", \"2\"]", with: "[\"1\", \"0\"]"), "axes.width[1]"),
        (base.replacingOccurrences(of: "[\"1\", \"2\"]", with: "[]"), "axes.width"),
        (base.replacingOccurrences(of: "\"from\": \"d - 1\"", with: "\"from\": \"3d + 3\""), "axes.n"),
        (base.replacingOccurrences(of: "\"from\": \"d - 1\"", with: "\"from\": \"d - 3\""), "axes.n"),
        (base.replacingOccurrences(of: "\"from\": \"d - 1\"", with: "\"from\": \"half d\""), "axes.n.from"),
        (base.replacingOccurrences(of: "\"count\": \"3\"}}", with: "\"count\": \"4\"}}"), "seeds.initialization"),
        (base.replacingOccurrences(of: "\"from\": \"100\"", with: "\"from\": \"-1\""), "seeds.data.from"),
        (base.replacingOccurrences(of: "{\"gaussian\": {\"n\": \"3\", \"seed\": \"1\"}}",
                                   with: "{\"explicit\": {\"x\": [[\"1\", \"0\"]]}}"), "template.data"),
        (base.replacingOccurrences(of: "\"activation\": \"tanh\"", with: "\"activation\": \"sigmoidish\""), "network.activation"),
        (base.replacingOccurrences(of: "\"1e-3\"", with: "\"-1e-3\""), "initialization.scale"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"256\", \"53\"]"), "policy.precisions"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"12\"]"), "policy.precisions[0]"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"53\"], \"escalationSteps\": \"0\""), "policy.escalationSteps"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"53\"], \"doubleSteps\": \"0\""), "policy.doubleSteps"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"53\"], \"escalationMaximumTime\": \"1e6\""), "policy.escalationMaximumTime"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"53\"], \"escalationMaximumTime\": \"soon\""), "policy.escalationMaximumTime"),
        (base.replacingOccurrences(of: "[\"53\"]", with: "[\"53\"], \"doubleSteps\": \"1.5\""), "policy.doubleSteps"),
        (base.replacingOccurrences(of: "\"count\": \"3\"}, \"init", with: "\"count\": \"999999\"}, \"init")
             .replacingOccurrences(of: "\"count\": \"3\"}}", with: "\"count\": \"999999\"}}"), "axes"),
        (base.replacingOccurrences(of: "\"template\"", with: "\"templat\""), "templat"),
        ("{ not json", "not a sweep file"),
        ("[1, 2]", "(top level)"),
    ]

    @Test("each names its field", arguments: cases.indices)
    func namesField(_ i: Int) {
        let (text, field) = Self.cases[i]
        #expect(text != Self.base)
        do {
            _ = try SweepFixtures.grid(text)
            Issue.record("accepted: \(field)")
        } catch {
            #expect("\(error)".contains(field), "\(error)")
        }
    }

    @Test("the run limit is checked before anything is expanded")
    func limitBeforeExpansion() throws {
        // 10^6 seeds × 2 widths × 2 dimensions × 10 n: expanding would take minutes and gigabytes.
        let text = SweepFixtures.spec(seeds: #"{"data": {"from": "1", "count": "1000000"}, "initialization": {"from": "1", "count": "1000000"}}"#)
        let start = ContinuousClock.now
        #expect(throws: SweepError.self) { try SweepFixtures.grid(text) }
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
