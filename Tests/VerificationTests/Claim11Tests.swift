import Foundation
import Testing
import TwoLayerNet
@testable import Verification

@Suite("Claim 11: only some neurons stay active")
struct Claim11Tests {
    /// d = 3, m = 3, n samples (Gaussian, seed 5), target a* = 1, w* = e_1, in double.
    static func problem(n: Int) throws -> Problem<Double> {
        try Experiment.standard(d: 3, m: 3, n: n, dataSeed: 5, scale: "1e-4").instantiate(precision: .double)
    }

    /// The target neuron (1, e_1) beside a cancelling pair (a, v), (−a, v), v ≠ ±e_1: a point of
    /// Q* \ Q*_al (f ≡ f* since a tanh(vᵀx) − a tanh(vᵀx) ≡ 0).
    static let cancelling: [Double] = [1, 1, 0, 0, 0.5, 0.3, -0.8, 0.6, -0.5, 0.3, -0.8, 0.6]

    @Test("hypothesis broken: a hand-built cancelling-pair limit is recovered but certified off Q*_al, so the check fails")
    func cancellingPairFails() throws {
        let problem = try Self.problem(n: 6)
        // Independent: the network function equals the target (Monte Carlo risk at rounding level).
        #expect(Independent.tanhRisk(Self.cancelling, d: 3, m: 3, samples: 2_000).mean < 1e-28)
        let verdict = RecoveryVerdict.decide(state: Self.cancelling, problem: problem)
        #expect(verdict.outcome == .recovered, "\(verdict.reason)")
        let test = try #require(CancellingExcess(verdict))
        #expect(test.nearestHasGroup)
        // The nearest point of Q*_al silences the pair: distance √(0.5² + 0.5²), by hand.
        #expect(abs(test.excess - 0.5.squareRoot()) < 1e-9)
        #expect(test.comparison("hand-built").verdict == .fails)
        // The count over draws fails as soon as one recovered limit is cancelling.
        let draws = RandomDraws(width: 3, seeds: [1], verdicts: [verdict])
        #expect(draws.comparison.verdict == .fails)
        #expect(draws.comparison.measuredText.contains("1 cancelling"))
    }

    @Test("an aligned hand-built limit (split target, a silent third neuron) holds, and no recovered limit decides nothing")
    func alignedHolds() throws {
        // n = 4 = d + 1: J has full row rank at this point, so the verdict bounds the motion.
        let split: [Double] = [0.25, 1, 0, 0, 0.75, 1, 0, 0, 0, 0.2, 0.4, -0.1]
        let verdict = RecoveryVerdict.decide(state: split, problem: try Self.problem(n: 4))
        #expect(verdict.outcome == .recovered, "\(verdict.reason)")
        let test = try #require(CancellingExcess(verdict))
        #expect(!test.nearestHasGroup)
        #expect(test.comparison("hand-built").verdict == .holds)
        // One aligned limit bounds the cancelling rate by 0.975 only: undecided at the default
        // level 0.1, holds at level 0.99.
        #expect(RandomDraws(width: 3, seeds: [1], verdicts: [verdict]).comparison.verdict == .undecided)
        #expect(RandomDraws(width: 3, seeds: [1], verdicts: [verdict], level: 0.99).comparison.verdict == .holds)
        #expect(RandomDraws(width: 3, seeds: [], verdicts: []).comparison.verdict == .undecided)
    }

    @Test("holds under its hypotheses on a few quick draws (m = 2 angles, m = 3 draws), with a Clopper–Pearson interval")
    func holdsQuick() throws {
        var check = ActiveNeurons()
        check.quickAngles = [45, 90]
        check.drawWidths = [3]
        check.quickDrawSeeds = [1, 2, 3, 4]
        // One or two runs per count: read "never" at level 0.99 (0 of 1 bounds the rate by 0.975 only).
        check.unattainableLevel = 0.99
        let outcome = try check.check(CheckContext(precision: Rung(bits: 53), quick: true))
        let all = outcome.readings.flatMap(\.comparisons)
        #expect(Verdict.combining(all.map(\.verdict)) == .holds)
        let b = try #require(outcome.readings.first { $0.id == "11b" }?.comparisons.first)
        #expect(b.measuredText.contains("Clopper–Pearson"))
        // φ = 90°: neuron 1 starts at exactly 0 and stays there; neuron 2 alone recovers.
        let records = try check.measure(CheckContext(precision: Rung(bits: 53), quick: true))
        let c90 = records[1].limit.state
        #expect(c90[0..<4].allSatisfy { $0 == 0 })
        #expect(abs(abs(c90[4]) - 1) < 1e-6)
        // Independent Monte Carlo: the recovered m = 2 limits have risk indistinguishable from 0.
        for r in records where r.limit.recovery.outcome == .recovered {
            #expect(Independent.tanhRisk(r.limit.state, d: 3, m: 2, samples: 20_000).mean < 1e-10)
        }
    }

    @Test("hypothesis broken: n = 2 < d does not recover (claim 7 span argument), so nothing holds")
    func unrecoveredIsNotHolds() throws {
        var check = ActiveNeurons()
        check.sampleCount = 2
        check.drawSampleCount = 2
        check.quickAngles = [45]
        check.drawWidths = [3]
        check.quickDrawSeeds = [1, 2]
        let outcome = try check.check(CheckContext(precision: Rung(bits: 53), quick: true))
        #expect(Verdict.combining(outcome.readings.flatMap(\.comparisons).map(\.verdict)) != .holds)
        let records = try check.measure(CheckContext(precision: Rung(bits: 53), quick: true))
        for r in records {
            #expect(r.limit.recovery.outcome != .recovered)
            let mc = Independent.tanhRisk(r.limit.state, d: 3, m: 2, samples: 20_000)
            #expect(mc.mean > 10 * mc.standardError)
        }
    }
}
