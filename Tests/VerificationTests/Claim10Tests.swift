import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

@Suite("Claim 10: smaller initialization generalizes better")
struct Claim10Tests {
    /// One direction of the P2 problem (d = 5, m = 2, n = 8) on a short ladder.
    static func small(_ ladder: [DecimalNumber], seed: UInt64) -> SmallerInitializationGeneralizesBetter {
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
        #expect(comparisons.monotone?.verdict == .holds)
        #expect(comparisons.convergence?.verdict != .fails)
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
        let comparisons = check.comparisons(direction)
        #expect(Verdict.combining([comparisons.monotone, comparisons.convergence].compactMap { $0?.verdict }) != .holds)
        #expect(comparisons.monotone?.verdict == .fails)
        // Independent: at ε = 1 the limit recovers (Monte Carlo risk ≈ 0), at ε = 0.3 it does not.
        let r1 = Independent.tanhRisk(direction.limits[0].state, d: 5, m: 2)
        let r3 = Independent.tanhRisk(direction.limits[1].state, d: 5, m: 2)
        #expect(r1.mean < 1e-10)
        #expect(r3.mean > 10 * r3.standardError + r1.mean)
    }

    /// The check's certified increase for seed 3 from ε = 0.1 to 0.01 (proofs/claim-10.md,
    /// "Finding"), confirmed by a computation that shares neither the integrator setting nor the
    /// quadrature: linearly implicit extrapolation only, at local tolerance 2^−40 and gradient
    /// tolerance 2^−40 (the check: automatic method, 2^−47 and 2^−45 / 2^−35), the risks by
    /// Gauss–Hermite at orders 40 and 128 (the check: 64 and 96) and by a paired Monte Carlo
    /// estimate (the same samples for both limits, so the increment's error is the error of a
    /// mean of differences).
    @Test("a per-direction increase (seed 3, ε = 0.1 → 0.01) confirmed by another method, tolerance, quadrature order and Monte Carlo")
    func increaseConfirmedIndependently() throws {
        let check = Claim10Tests.small(["1e-1", "1e-2"], seed: 3)
        let direction = try #require(try check.measure(CheckContext(precision: Rung(bits: 53))).first)
        let increment = direction.increment(0)
        #expect(increment.value > increment.uncertainty, "the check certifies an increase")
        #expect(check.comparisons(direction).monotone?.verdict == .fails)

        var options = FlowOptions.until(nil, escapeRadius: nil, maximumTime: "1e7")
        options.method = .linearlyImplicitMidpoint
        options.toleranceBits = 40
        options.gradientToleranceBits = 40
        let flows = try ["1e-1", "1e-2"].map { try Experiment(spec: check.spec(seed: 3, scale: $0), options: options).run(Double.self, .double) }
        #expect(flows[0].converged && flows[1].converged)
        var evaluator = PopulationRiskEvaluator<Double>(network: flows[0].network, precision: .double, orders: (40, 128))
        let risks = flows.map { evaluator.risk(of: $0.final, target: $0.problem.target) }
        let independent = risks[1].value - risks[0].value
        let quadratureError = risks[0].errorEstimate + risks[1].errorEstimate
        #expect(independent > 10 * quadratureError, "another quadrature order: \(independent) ± \(quadratureError)")
        #expect(abs(independent - increment.value) <= 0.05 * increment.value,
                "independent \(independent) vs the check's \(increment.value)")
        let mc = Claim10Tests.pairedMonteCarlo(flows[0].final, flows[1].final, d: 5, m: 2)
        #expect(mc.mean > 5 * mc.standardError, "Monte Carlo increment \(mc.mean) ± \(mc.standardError)")
        #expect(abs(mc.mean - increment.value) <= 5 * mc.standardError + 0.05 * increment.value)
    }

    @Test("(10c) decides by the interval: a clear mean increase fails, a clear decrease holds, few or noisy directions stay undecided")
    func averagedReadingDecides() {
        func increments(_ values: [Double]) -> [(value: Double, uncertainty: Double)] { values.map { ($0, 1e-9) } }
        // 200 directions with increments 1e-5 ± 2e-6 (a deterministic spread): the mean is far above its interval.
        let spread = (0..<200).map { 2e-6 * sin(Double($0)) }
        let up = SmallerInitializationGeneralizesBetter.meanIncrement(increments(spread.map { 1e-5 + $0 }), quantity: "up")
        #expect(up.verdict == .fails)
        let down = SmallerInitializationGeneralizesBetter.meanIncrement(increments(spread.map { -1e-5 + $0 }), quantity: "down")
        #expect(down.verdict == .holds)
        // The same mean from 3 directions with a spread as large as the mean: undecided.
        let few = SmallerInitializationGeneralizesBetter.meanIncrement(increments([2e-5, -1e-5, 2e-5]), quantity: "few")
        #expect(few.verdict == .undecided)
        // A numerical uncertainty larger than the mean: undecided even with many directions.
        let noisy = SmallerInitializationGeneralizesBetter.meanIncrement(spread.map { (1e-5 + $0, 1e-4) }, quantity: "noisy")
        #expect(noisy.verdict == .undecided)
        let none = SmallerInitializationGeneralizesBetter.meanIncrement(increments([1e-5]), quantity: "one")
        #expect(none.verdict == .undecided)
    }

    @Test("Student-t quantiles: the table's ends and the expansion beyond it")
    func studentQuantiles() {
        #expect(abs(MeanInterval.studentQuantile975(degreesOfFreedom: 1) - 12.706) < 1e-3)
        #expect(abs(MeanInterval.studentQuantile975(degreesOfFreedom: 30) - 2.042) < 1e-3)
        // Published values: t(0.975, 40) = 2.021, t(0.975, 60) = 2.000, t(0.975, 120) = 1.980.
        #expect(abs(MeanInterval.studentQuantile975(degreesOfFreedom: 40) - 2.021) < 1e-3)
        #expect(abs(MeanInterval.studentQuantile975(degreesOfFreedom: 60) - 2.000) < 1e-3)
        #expect(abs(MeanInterval.studentQuantile975(degreesOfFreedom: 120) - 1.980) < 1e-3)
        let m = MeanInterval([1, 2, 3, 4])!
        #expect(m.mean == 2.5)
        #expect(abs(m.standardError - (5.0 / 3.0 / 4.0).squareRoot()) < 1e-15)
    }

    @Test("the quick check reports the three readings, each with its verdict, and a sentence naming the failing one")
    func readingsInTheResult() throws {
        var check = SmallerInitializationGeneralizesBetter()
        check.quickSeeds = [2, 3, 4]
        let context = CheckContext(precision: Rung(bits: 53), quick: true)
        let result = ClaimResult(claim: check.info, outcome: try check.check(context), precision: context.precision, seconds: 0)
        let readings = try #require(result.readings)
        #expect(readings.map(\.id) == ["10a", "10b", "10c"])
        #expect(readings.allSatisfy { !$0.comparisons.isEmpty })
        #expect(result.verdict == Verdict.combining(readings.map(\.verdict)))
        for r in readings {
            #expect(r.verdict == Verdict.combining(r.comparisons.map { result.comparisons[$0].verdict }))
            #expect(r.comparisons.allSatisfy { result.comparisons[$0].quantity.hasPrefix("(\(r.id))") })
        }
        let sentence = try #require(result.verdictSummary)
        for r in readings where r.verdict == .fails { #expect(sentence.contains(r.id)) }
    }

    /// E[(f(θ₂, x) − f*)² − (f(θ₁, x) − f*)²] by Monte Carlo on the same samples, with its
    /// standard error (plain Double code, no library risk code).
    static func pairedMonteCarlo(_ theta1: [Double], _ theta2: [Double], d: Int, m: Int,
                                 samples: Int = 200_000, seed: UInt64 = 7) -> (mean: Double, standardError: Double) {
        var g = PortableGaussian(seed: seed)
        var x = [Double](repeating: 0, count: d)
        func f(_ theta: [Double]) -> Double {
            var sum = 0.0
            for k in 0..<m {
                var u = 0.0
                for j in 0..<d { u += theta[k * (d + 1) + 1 + j] * x[j] }
                sum += theta[k * (d + 1)] * tanh(u)
            }
            return sum
        }
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            for j in 0..<d { x[j] = g.next() }
            let y = tanh(x[0])
            let diff = (f(theta2) - y) * (f(theta2) - y) - (f(theta1) - y) * (f(theta1) - y)
            sum += diff
            sumSquares += diff * diff
        }
        let n = Double(samples), mean = sum / n
        return (mean, ((sumSquares / n - mean * mean) / (n - 1)).squareRoot())
    }
}
