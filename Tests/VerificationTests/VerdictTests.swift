import Foundation
import MultiPrecision
import Testing
@testable import Verification

@Suite("Verdicts and the comparison rule")
struct VerdictTests {
    @Test("atMost: holds inside the bound by more than the uncertainty, fails outside, undecided between")
    func atMost() {
        #expect(Comparison.decide(1e-10, .atMost, 1e-8, 1e-12).0 == .holds)
        #expect(Comparison.decide(1e-6, .atMost, 1e-8, 1e-12).0 == .fails)
        #expect(Comparison.decide(1e-8, .atMost, 1.5e-8, 1e-8).0 == .undecided)
        let m = Comparison.decide(1e-10, .atMost, 1e-8, 0).1
        #expect(abs(m! - 2) < 1e-12)
    }

    @Test("atLeast mirrors atMost; non-finite values decide nothing")
    func atLeast() {
        #expect(Comparison.decide(1e-3, .atLeast, 1e-6, 1e-9).0 == .holds)
        #expect(Comparison.decide(1e-9, .atLeast, 1e-6, 1e-12).0 == .fails)
        #expect(Comparison.decide(1e-6, .atLeast, 1e-6, 1e-7).0 == .undecided)
        #expect(Comparison.decide(.nan, .atMost, 1, 0).0 == .undecided)
        #expect(Comparison.decide(1, .atMost, 2, .infinity).0 == .undecided)
    }

    /// 2^e·(1 + 2^−2040) at 2,048 bits: a value only the working precision carries.
    static func wide(_ e: Int) -> BigFloat {
        let p = try! Precision(bits: 2048)
        return BigFloat.power2(e, precision: p) + BigFloat.power2(e - 2040, precision: p)
    }

    @Test("a fail bound opens an undecided zone between it and the bound; one on the claim's side changes nothing")
    func failBound() {
        #expect(Comparison.decide(2, .atLeast, 0.5, 0.1, failBound: 0).0 == .holds)
        #expect(Comparison.decide(0.3, .atLeast, 0.5, 0.01, failBound: 0).0 == .undecided)
        #expect(Comparison.decide(0.3, .atLeast, 0.5, 0.01).0 == .fails)
        #expect(Comparison.decide(-0.2, .atLeast, 0.5, 0.01, failBound: 0).0 == .fails)
        #expect(Comparison.decide(2e-8, .atMost, 1e-8, 1e-10, failBound: 1e-6).0 == .undecided)
        #expect(Comparison.decide(2e-6, .atMost, 1e-8, 1e-10, failBound: 1e-6).0 == .fails)
        #expect(Comparison.decide(0.3, .atLeast, 0.5, 0.01, failBound: 1).0 == .fails)
        let c = Comparison(quantity: "rate", measured: 0.3, relation: .atLeast, bound: 0.5, boundReason: "chosen",
                           uncertainty: 0.01, uncertaintySource: "fit", failBound: 0)
        #expect(c.verdict == .undecided && c.failBoundText == "0.0" && c.failBound == 0)
    }

    @Test("2,048 bits: measured 2^−2000 against claim 1's bound 2^(−p+20) = 2^−1990 holds by 3 orders; doubles flush both to 0")
    func wideHolds() throws {
        let c = Comparison(quantity: "drift", measured: Self.wide(-2000), relation: .atMost,
                           bound: BigFloat.power2(-(2048 - 58), precision: try Precision(bits: 2048)), boundReason: "2^(−p+58)",
                           uncertainty: Self.wide(-2010), uncertaintySource: "|x(2048) − x(2080)|")
        #expect(c.verdict == .holds)
        let margin = try #require(c.marginDigits)
        let expected: Double = log10(1024.0 / (1.0 + 1.0 / 1024.0))
        #expect(abs(margin - expected) < 1e-6)
        // The doubles would misstate every value, so the report carries none of them …
        #expect(c.measured == nil && c.bound == nil && c.uncertainty == nil)
        // … and the texts read back as the exact values.
        #expect(try BigFloat(parsing: c.boundText, precision: Precision(bits: 2048)) == BigFloat.power2(-1990, precision: Precision(bits: 2048)))
        #expect(try BigFloat(parsing: c.measuredText, precision: Precision(bits: 2048)) == Self.wide(-2000))
        // The old rule on doubles: everything is 0, and 0 ≤ 0 "holds" with no margin at all.
        let old = Comparison.decide(Self.wide(-2000).doubleValue, .atMost, pow2(-1990), Self.wide(-2010).doubleValue)
        #expect(old.0 == .holds && old.1 == nil)
    }

    @Test("2,048 bits, hypothesis broken: measured 2^−1980 above the bound 2^−1990 fails; on doubles it would hold")
    func wideFails() throws {
        let p = try Precision(bits: 2048)
        let c = Comparison(quantity: "drift", measured: Self.wide(-1980), relation: .atMost, bound: BigFloat.power2(-1990, precision: p),
                           boundReason: "2^(−p+58)", uncertainty: Self.wide(-2010), uncertaintySource: "|x(2048) − x(2080)|")
        #expect(c.verdict == .fails)
        let expected: Double = -10 * log10(2.0)
        #expect(abs((c.marginDigits ?? 0) - expected) < 1e-3)
        #expect(Comparison.decide(Self.wide(-1980).doubleValue, .atMost, pow2(-1990), Self.wide(-2010).doubleValue).0 == .holds)
        // Within its uncertainty of the bound: undecided, on either side.
        let near = Comparison(quantity: "drift", measured: Self.wide(-1990), relation: .atMost, bound: BigFloat.power2(-1990, precision: p),
                              boundReason: "b", uncertainty: Self.wide(-2000), uncertaintySource: "u")
        #expect(near.verdict == .undecided)
        let atLeast = Comparison(quantity: "separation", measured: Self.wide(-1995), relation: .atLeast, bound: BigFloat.power2(-1990, precision: p),
                                 boundReason: "b", uncertainty: Self.wide(-2010), uncertaintySource: "u")
        #expect(atLeast.verdict == .fails)
    }

    @Test("a rounding never decides: m + u is rounded up, so a value one unit under the bound with u one unit is undecided")
    func directedRounding() throws {
        let p = try Precision(bits: 64)
        let bound = BigFloat(1, precision: p)
        let below = BigFloat(1, precision: p) - BigFloat.power2(-64, precision: p)  // 1 − 2^−64, exact at 64 bits
        let tiny = BigFloat.power2(-200, precision: p)
        // 1 − 2^−64 + 2^−200 rounds to nearest as 1 − 2^−64 (≤ 1); upward it is still ≤ 1 → holds.
        #expect(Comparison.decide(below, .atMost, bound, tiny).0 == .holds)
        // 1 + 2^−200 is above 1; to nearest it would read as 1 ≤ 1 and hold.
        #expect(Comparison.decide(bound, .atMost, bound, tiny).0 == .undecided)
    }

    @Test("measured uncertainty: |x(p) − x(p + 32)| + |x(tol 2^−p) − x(tol 2^−(p−8))|, named after its runs")
    func uncertaintyRuns() throws {
        let runs = UncertaintyRuns(main: Rung(bits: 256))
        #expect(runs.settings.map(\.rung.bits) == [256, 288, 256])
        #expect(runs.settings.map(\.toleranceBits) == [nil, nil, 248])
        #expect(runs.source == "|x(256) − x(288)| + |x(tol 2^−256) − x(tol 2^−248)|")
        #expect(UncertaintyRuns(main: Rung(bits: 53)).source == "|x(double) − x(85)| + |x(tol 2^−47) − x(tol 2^−39)|")
        let values: [UncertaintyRuns.Setting: Double] = [runs.settings[0]: 1e-80, runs.settings[1]: 3e-80, runs.settings[2]: -2e-80]
        let m = runs.measure { [BigFloat(values[$0]!)] }[0]
        #expect(m.value.doubleValue == 1e-80)
        #expect(abs(m.uncertainty.doubleValue - 5e-80) < 1e-94)
        // An unstable measurement (the runs disagree by more than the distance to the bound) decides nothing.
        let c = Comparison(quantity: "drift", measured: m, relation: .atMost, bound: BigFloat(4e-80), boundReason: "b")
        #expect(c.verdict == .undecided)
        #expect(c.uncertaintySource == runs.source)
        // A run that returns NaN leaves the uncertainty NaN: undecided.
        let broken = runs.measure { $0 == runs.settings[2] ? [BigFloat(Double.nan)] : [BigFloat(1e-90)] }[0]
        #expect(Comparison(quantity: "drift", measured: broken, relation: .atMost, bound: BigFloat(1), boundReason: "b").verdict == .undecided)
    }

    @Test("combining: any fails → fails, all hold → holds, else undecided; exit codes 0/1/2")
    func combining() {
        #expect(Verdict.combining([.holds, .holds]) == .holds)
        #expect(Verdict.combining([.holds, .undecided]) == .undecided)
        #expect(Verdict.combining([.undecided, .fails, .holds]) == .fails)
        #expect(Verdict.combining([Verdict]()) == .undecided)
        #expect([Verdict.holds, .fails, .undecided].map(\.exitCode) == [0, 1, 2])
    }

    @Test("ladder text: 53 is double, rungs sorted and deduplicated, bad text rejected")
    func ladder() {
        #expect(Rung.ladder(parsing: "256,53,128,256") == [53, 128, 256].map(Rung.init(bits:)))
        #expect(Rung.ladder(parsing: "53,x") == nil)
        #expect(Rung.ladder(parsing: "1") == nil)
        #expect(Rung.ladder(parsing: "") == nil)
    }
}
