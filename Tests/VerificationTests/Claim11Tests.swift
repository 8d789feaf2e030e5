import Foundation
import Testing
@testable import Verification

@Suite("Claim 11: only some neurons stay active")
struct Claim11Tests {
    @Test("recovered limits (d = 3, n = 10) lie in Q*_al: Ĉ = (0, 1) keeps neuron 1 at zero, Ĉ ∝ (1, 1) keeps both")
    func holdsUnderHypotheses() throws {
        var check = ActiveNeurons()
        check.angles = [45, 90]
        let context = CheckContext(precision: Rung(bits: 53))
        let outcome = try check.check(context)
        #expect(outcome.comparisons.count == 2)
        #expect(Verdict.combining(outcome.comparisons.map(\.verdict)) == .holds)
        // Independent facts on the limits themselves (θ order: a_1, w_1, a_2, w_2; d = 3).
        let records = try check.measure(context)
        let (c45, c90) = (records[0].limit.state, records[1].limit.state)
        // φ = 90°: neuron 1 starts at exactly 0, a fixed point of its own dynamics (a' ∝ tanh(0),
        // w' ∝ a); neuron 2 alone recovers: |a_2| = 1, w_2 = sign(a_2) e_1.
        #expect(c90[0..<4].allSatisfy { $0 == 0 })
        #expect(abs(abs(c90[4]) - 1) < 1e-6)
        #expect(abs(c90[5] - (c90[4] > 0 ? 1 : -1)) < 1e-6 && abs(c90[6]) < 1e-6 && abs(c90[7]) < 1e-6)
        // φ = 45°: a recovered limit with both neurons along ±e_1 and Σ sign(w_k1) a_k = 1.
        #expect(abs(abs(c45[1]) - 1) < 1e-6 && abs(abs(c45[5]) - 1) < 1e-6)
        #expect(abs(c45[0] * c45[1] + c45[4] * c45[5] - 1) < 1e-6)
        // Monte Carlo: both limits recover (risk indistinguishable from 0).
        for theta in [c45, c90] { #expect(Independent.tanhRisk(theta, d: 3, m: 2, samples: 20_000).mean < 1e-10) }
    }

    @Test("hypothesis broken: n < d does not recover (claim 7 span argument); the aligned distance is far above the floor, never holds")
    func unrecoveredBreaks() throws {
        var check = ActiveNeurons()
        check.sampleCount = 2
        check.angles = [45, 120]
        let context = CheckContext(precision: Rung(bits: 53))
        let records = try check.measure(context)
        for r in records {
            #expect(r.limit.recovery.outcome != .recovered)
            let d = try #require(r.limit.recovery.alignedDistance)
            #expect(d > 5 * ActiveNeurons.distanceBound(floor: r.limit.recovery.floor))
            // Independent: the limit's risk is clearly positive by Monte Carlo.
            let mc = Independent.tanhRisk(r.limit.state, d: 3, m: 2, samples: 20_000)
            #expect(mc.mean > 10 * mc.standardError)
        }
        // The claim's reading: nothing recovered, nothing decided.
        let conditional = try check.check(context)
        #expect(Verdict.combining(conditional.comparisons.map(\.verdict)) != .holds)
        // The unconditional reading (every converged limit in Q*_al) fails.
        check.onlyRecoveredLimits = false
        let unconditional = try check.check(context)
        #expect(Verdict.combining(unconditional.comparisons.map(\.verdict)) != .holds)
    }
}
