import Testing
import TwoLayerNet
@testable import Verification

@Suite("Claim 8: measure-zero recovery at n_opt")
struct MeasureZeroRecoveryTests {
    @Test("identical neurons at n = d + 1 end at the closed-form symmetric target point a_k = a*/m, w_k = w*")
    func identicalLimit() throws {
        let d = 3, m = 2
        let flow = try RecoveryRun(d: d, m: m, n: d + 1, dataSeed: 2,
                                   initialization: .identicalNeurons(seed: 2, perturbation: "0"), scale: "1e-6").flow()
        #expect(flow.converged)
        // Up to the per-neuron sign symmetry of odd σ: (a_k, w_k) = ±(1/2, e_1).
        let q = d + 1, th = flow.final
        for k in 0..<m {
            let s: Double = th[k * q] < 0 ? -1 : 1
            #expect(abs(s * th[k * q] - 0.5) < 1e-6)
            #expect(abs(s * th[k * q + 1] - 1) < 1e-6)
            for j in 2...d { #expect(abs(th[k * q + j]) < 1e-6) }
        }
    }

    @Test("least-squares log–log slope recovers an exact power law")
    func slope() throws {
        let pts = [1e-1, 5e-2, 2e-2, 1e-2].map { ($0, 3 * $0 * $0 * $0 * $0) }
        let fit = try #require(MeasureZeroRecovery.logLogSlope(pts))
        #expect(abs(fit.slope - 4) < 1e-12 && fit.standardError < 1e-10)
    }

    @Test("holds under its hypotheses at d = 3 on a draw where identical neurons recover")
    func holdsSmall() throws {
        var check = MeasureZeroRecovery()
        check.quickDataSeeds = [2]
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(Verdict.combining(outcome.comparisons.map(\.verdict)) == .holds)
        #expect(outcome.figures.first?.xScale == .log && outcome.figures.first?.yScale == .log)
    }

    @Test("hypothesis broken: a non-identical (Gaussian) start at n = d + 1 does not recover, so the verdict is not holds")
    func brokenStart() throws {
        var check = MeasureZeroRecovery()
        check.quickDataSeeds = [2]
        check.quickDeltas = ["1e-1"]
        check.identicalStart = false
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(Verdict.combining(outcome.comparisons.map(\.verdict)) != .holds)
    }
}
