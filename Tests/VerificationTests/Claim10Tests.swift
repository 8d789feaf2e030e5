import Foundation
import Testing
@testable import Verification

@Suite("Claim 10: smaller initialization generalizes better")
struct Claim10Tests {
    /// One direction of the P2 problem (d = 5, m = 2, n = 8) on a short ladder.
    static func small(_ ladder: [String], seed: UInt64) -> SmallerInitializationGeneralizesBetter {
        var c = SmallerInitializationGeneralizesBetter()
        c.seeds = [seed]
        c.ladder = ladder
        return c
    }

    @Test("small ε: R(ε) falls from ε = 0.1 to 0.01 for seed 6 (holds), and the risks match a Monte Carlo estimate")
    func holdsUnderHypotheses() throws {
        let check = Claim10Tests.small(["1e-1", "1e-2"], seed: 6)
        let context = CheckContext(precision: Rung(bits: 53))
        let directions = try check.measure(context)
        let direction = try #require(directions.first)
        let comparisons = check.comparisons(direction)
        #expect(comparisons.first { $0.quantity.hasPrefix("(10a)") }?.verdict == .holds)
        #expect(comparisons.first { $0.quantity.hasPrefix("(10b)") }?.verdict != .fails)
        // Independent: the risk of each limit by Monte Carlo (no quadrature), and the sign of
        // the first increment, which is far above the Monte Carlo error.
        var mc: [Double] = []
        for limit in direction.limits {
            let (mean, se) = Independent.tanhRisk(limit.state, d: 5, m: 2)
            #expect(abs(mean - limit.risk) <= 5 * se + 1e-12, "MC \(mean) ± \(se) vs quadrature \(limit.risk)")
            mc.append(mean)
        }
        #expect(mc[1] < mc[0])
    }

    @Test("hypothesis broken: ε not small (ladder from 1) gives a certified increase, never holds")
    func largeScaleBreaks() throws {
        let check = Claim10Tests.small(["1", "3e-1"], seed: 2)
        let context = CheckContext(precision: Rung(bits: 53))
        let directions = try check.measure(context)
        let direction = try #require(directions.first)
        let verdicts = check.comparisons(direction).map(\.verdict)
        #expect(Verdict.combining(verdicts) != .holds)
        #expect(check.comparisons(direction).first { $0.quantity.hasPrefix("(10a)") }?.verdict == .fails)
        // Independent: at ε = 1 the limit recovers (Monte Carlo risk ≈ 0), at ε = 0.3 it does not.
        let r1 = Independent.tanhRisk(direction.limits[0].state, d: 5, m: 2)
        let r3 = Independent.tanhRisk(direction.limits[1].state, d: 5, m: 2)
        #expect(r1.mean < 1e-10)
        #expect(r3.mean > 10 * r3.standardError + r1.mean)
    }
}
