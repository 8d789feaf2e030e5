import Foundation
import Testing
@testable import Verification

@Suite("Claim 9: separation sample size")
struct SeparationSampleSizeTests {
    @Test("Clopper–Pearson: the closed forms at k = 0 and k = N, and the symmetry k ↔ N − k")
    func clopperPearson() {
        for N in [4, 16, 40] {
            let zero = ClopperPearson(successes: 0, trials: N), all = ClopperPearson(successes: N, trials: N)
            #expect(zero.lower == 0 && abs(zero.upper - (1 - pow(0.025, 1 / Double(N)))) < 1e-12)
            #expect(all.upper == 1 && abs(all.lower - pow(0.025, 1 / Double(N))) < 1e-12)
            let a = ClopperPearson(successes: 3, trials: N), b = ClopperPearson(successes: N - 3, trials: N)
            #expect(abs(a.lower - (1 - b.upper)) < 1e-12 && abs(a.upper - (1 - b.lower)) < 1e-12)
        }
        // A tabulated value: k = 1, N = 10 → [0.00253, 0.44502].
        let t = ClopperPearson(successes: 1, trials: 10)
        #expect(abs(t.lower - 0.002529) < 1e-6 && abs(t.upper - 0.445016) < 1e-6)
    }

    @Test("m = 1, d = 3: no recovery at n = d, recovery at n = d + 1 (holds at a small size, read at level 0.75)")
    func holdsSmall() throws {
        var check = SeparationSampleSize()
        check.widths = [1]
        check.quickSeedsPerN = 3
        check.highestN = 5
        // 0 of 3 bounds the recovery probability at n = d by 1 − 0.025^(1/3) ≈ 0.71 only.
        check.unattainableLevel = 0.75
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(Verdict.combining(outcome.comparisons.map(\.verdict)) == .holds)
        #expect(outcome.figures.map(\.id) == ["claim-09-fraction-m1-d3"])
    }

    @Test("hypothesis broken: asserting n_sep = d + 1 for width 2 fails (m = 2 needs more samples)")
    func brokenWidth() throws {
        var check = SeparationSampleSize()
        check.widths = [2]
        check.optimisticWidths = [2]
        check.quickSeedsPerN = 1
        check.highestN = 4
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(Verdict.combining(outcome.comparisons.map(\.verdict)) != .holds)
    }
}
