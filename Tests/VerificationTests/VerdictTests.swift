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
