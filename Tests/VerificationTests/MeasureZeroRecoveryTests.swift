import Foundation
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

    @Test("a perturbed start lies δ from the identical-neuron start, along a different direction per seed")
    func perturbedStart() throws {
        let check = MeasureZeroRecovery(), d = 3
        let network = TwoLayerNetwork(width: 2, inputDimension: d)
        func direction(_ family: InitializationFamily) throws -> [Double] {
            try Initialization(family: family, scale: "1").direction(for: network, precision: .double)
        }
        let base = try direction(.identicalNeurons(seed: check.initializationSeed, perturbation: "0"))
        #expect(base[0..<4] == base[4..<8])
        var steps: [[Double]] = []
        for seed: UInt64 in [101, 102] {
            let moved = try direction(try check.perturbedStart(d: d, directionSeed: seed, delta: 1e-3))
            let step = zip(moved, base).map { $0 - $1 }
            #expect(abs(step.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1e-3) < 1e-15)
            steps.append(step)
        }
        let cosine = zip(steps[0], steps[1]).reduce(0) { $0 + $1.0 * $1.1 } / 1e-6
        #expect(abs(cosine) < 0.99)
    }

    @Test("holds under its hypotheses at d = 3 on a draw where identical neurons recover; R(δ) falls along every direction")
    func holdsSmall() throws {
        var check = MeasureZeroRecovery()
        check.quickDataSeeds = [2]
        check.quickDirectionSeeds = [101, 102]
        // One or two runs per count: read "never" at level 0.99 (0 of 1 bounds the rate by 0.975 only).
        check.unattainableLevel = 0.99
        let outcome = try check.check(CheckContext(precision: Rung(bits: 53), quick: true))
        let all = outcome.readings.flatMap(\.comparisons)
        #expect(Verdict.combining(all.map(\.verdict)) == .holds)
        #expect(all.filter { $0.quantity.hasPrefix("(8b) rate") }.count == 2)
        #expect(outcome.figures.first?.xScale == .log && outcome.figures.first?.yScale == .log)
    }

    @Test("hypothesis broken: on a draw where identical neurons do not recover, R(δ) tends to R(0) > 0, and the verdict is not holds")
    func brokenDraw() throws {
        var check = MeasureZeroRecovery()
        check.quickDataSeeds = [1]
        check.perturbedDataSeed = 1
        check.quickDirectionSeeds = [101, 102]
        let outcome = try check.check(CheckContext(precision: Rung(bits: 53), quick: true))
        let all = outcome.readings.flatMap(\.comparisons)
        // No recovery on this draw cannot refute "attainable" (proofs/counts.md): not holds.
        #expect(Verdict.combining(all.map(\.verdict)) != .holds)
        // The rates themselves do not hold: R does not fall to 0 with δ.
        let rates = all.filter { $0.quantity.hasPrefix("(8b) rate") }
        #expect(!rates.isEmpty && rates.allSatisfy { $0.verdict != .holds })
    }

    @Test("the (8b) rate reading: a fast fall holds, a slow fall or a flat R is undecided, a rising R fails")
    func rateReading() {
        func verdict(_ r: Double) -> Verdict {
            let deltas = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
            // A power law with a little deterministic scatter, each point known to 1e-3 relative.
            let samples = deltas.enumerated().map { i, x in
                let value = 0.05 * pow(x, r) * (1 + (i % 2 == 0 ? 1e-3 : -1e-3))
                return (x: x, value: value, uncertainty: value * 1e-3)
            }
            return MeasureZeroRecovery.riskRateComparison(LogLogRate(tail: 4, samples), minimumRate: 0.5,
                                                          label: "(test", of: deltas.count).verdict
        }
        #expect(verdict(2) == .holds)
        #expect(verdict(0.1) == .undecided)
        #expect(verdict(0) == .undecided)
        #expect(verdict(-0.2) == .fails)
    }

    @Test("the rate is fitted over the smallest resolved δ only")
    func tailFit() throws {
        // R ∝ δ^0.1 at large δ, ∝ δ^3 at the four smallest: the tail's rate is 3.
        let deltas = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7]
        let samples = deltas.map { x in (x: x, value: x >= 1e-4 ? pow(x, 0.1) : pow(1e-4, 0.1) * pow(x / 1e-4, 3), uncertainty: 0.0) }
        let fit = try #require(LogLogRate(tail: 4, samples))
        #expect(fit.points == 4 && fit.largestX == 1e-4)
        #expect(abs(fit.rate - 3) < 1e-9)
    }
}
