import Foundation
import TwoLayerNet

/// Claim 10 (proofs/claim-10.md): smaller initialization generalizes better.
///
/// Readings tested (proofs/claim-10.md): (10a) per direction θ̂₀, R(ε) = R(θ∞(ε)) does not
/// increase as ε decreases along the ladder, judged pair by pair against the risks'
/// uncertainties; (10b) R(ε) converges as ε → 0 (successive increments shrink at a rate of at
/// least ε^½); (10c) the seed average of R(ε) does not increase, against the standard error of
/// the paired differences. The claim's verdict combines all three (THEORY.md states (10a)).
public struct SmallerInitializationGeneralizesBetter: ClaimCheck {
    public var dimension = 5
    public var width = 2
    public var sampleCount = 8
    public var dataSeed: UInt64 = 1
    /// Seeds of the Gaussian directions θ̂₀ (layer ratio 1), full and quick.
    public var seeds: [UInt64] = Array(2...31)
    public var quickSeeds: [UInt64] = [2, 3]
    /// The ε ladder, decreasing (decimal text), full and quick.
    public var ladder = ["1e-1", "1e-2", "1e-3", "1e-4", "1e-5", "1e-6"]
    public var quickLadder = ["1e-2", "1e-3", "1e-4"]
    public var activation: Activation = .tanh
    /// The smallest convergence rate (log–log slope of |ΔR| against ε) counted as convergence.
    public var minimumRate = 0.5

    public init() {}
    public var cost: Double { 4 }
    public let info = ClaimInfo(
        id: 10, title: "Smaller initialization generalizes better", status: .paper,
        statement: "For a fixed direction θ̂₀ (Gaussian, several seeds) the population risk R(ε) of the converged limit does not increase as ε decreases along the ladder, beyond the risks' uncertainties (10a); R(ε) converges as ε → 0, its increments shrinking at least like ε^½ (10b); the seed-averaged risk does not increase beyond the standard error of the paired differences (10c).",
        latex: #"\varepsilon_1 < \varepsilon_2 \Rightarrow R(\theta_\infty^{\varepsilon_1}) \le R(\theta_\infty^{\varepsilon_2}),\qquad R(\theta_\infty^{\varepsilon}) \to R_0"#,
        hypotheses: ["tanh", "fixed θ̂₀, ε small (ladder from 1e-1 down)", "runs converged; risk by quadrature with its error estimate"],
        quantities: ["R(ε) on an ε ladder per direction", "increments between rungs against their uncertainty", "rate of the increments (convergence)", "seed average of the increments"])

    /// R(ε_j) for one direction: the limits along the ladder.
    public struct Direction: Sendable {
        public var seed: UInt64
        public var scales: [Double]
        public var limits: [ConvergedLimit]
        public var risks: [Double] { limits.map(\.risk) }
        /// Uncertainty of R(ε_j); a limit whose risk is at its floor (recovered) counts as 0 ± F.
        public var uncertainties: [Double] { limits.map { Swift.max($0.riskUncertainty, $0.recovery.outcome == .recovered ? $0.recovery.floor : 0) } }
    }

    public func spec(seed: UInt64, scale: String) -> ProblemSpec {
        Experiment.standard(d: dimension, m: width, n: sampleCount, activation: activation, dataSeed: dataSeed,
                            initialization: .gaussian(seed: seed, layerScaleRatio: "1"), scale: scale)
    }

    public func measure(_ context: CheckContext) throws -> [Direction] {
        let rungs = context.quick ? quickLadder : ladder
        return try (context.quick ? quickSeeds : seeds).map { seed in
            context.progress("claim-10: direction seed \(seed)")
            let limits = try rungs.map { try ConvergedLimit(spec(seed: seed, scale: $0)) }
            return Direction(seed: seed, scales: rungs.map { Double($0) ?? .nan }, limits: limits)
        }
    }

    public var withoutLadder: String? { Self.convergedRunsReason }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        let directions = try measure(context)
        var outcome = ClaimOutcome()
        for dir in directions { outcome.comparisons += comparisons(dir) }
        if let avg = averaged(directions) { outcome.comparisons.append(avg) }
        let rungs = context.quick ? quickLadder : ladder
        outcome.notes.append("Setting: \(activation.name), d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1; Gaussian θ̂₀ (layer ratio 1) with seeds \(directions.map { "\($0.seed)" }.joined(separator: ", ")); ε ladder \(rungs.joined(separator: ", ")). Every run in double to convergence (flow-time guard 1e7) and again at a looser gradient tolerance (2^-\(ConvergedLimit.looseGradientBits)).")
        outcome.notes.append("Uncertainty of R(ε): Gauss–Hermite error estimate (orders 64/96) + change of R between the two tolerances; an unconverged run has infinite uncertainty; a recovered limit (R at its floor F, `Recovery`) is 0 ± F. Uncertainty of an increment R(ε_{j+1}) − R(ε_j): its own change between the quadrature orders (the two risks' quadrature errors are correlated, nearly the same θ∞), plus both risks' changes between tolerances, plus F for a recovered limit. A pair whose limits both recovered has equal risk 0 and is not a counterexample.")
        outcome.notes.append("Readings: (10a) per direction, the pair with the worst verdict is reported (fails if some increment R(ε_{j+1}) − R(ε_j) exceeds its uncertainty; holds if every one is below minus its uncertainty); (10b) the rate log(|ΔR_j|/|ΔR_{j+1}|)/log(ε_j/ε_{j+1}) of the last two resolved increments ≥ \(minimumRate); (10c) the seed mean of the increments ≤ 0 against the standard error of the mean plus the mean uncertainty. THEORY.md states (10a); the paper's \"associated with\" may mean (10c).")
        // Certified increases, pair by pair (ε_j → ε_{j+1}).
        let increases: [(seed: UInt64, pairs: [String], smallOnly: Bool)] = directions.compactMap { d in
            let js = (0..<(d.scales.count - 1)).filter { j in
                let both = d.limits[j].recovery.outcome == .recovered && d.limits[j + 1].recovery.outcome == .recovered
                return !both && d.risks[j + 1] - d.risks[j] > Self.incrementUncertainty(d.limits[j], d.limits[j + 1])
            }
            guard !js.isEmpty else { return nil }
            return (d.seed, js.map { String(format: "%g → %g", d.scales[$0], d.scales[$0 + 1]) },
                    js.contains { d.scales[$0] <= 1e-2 })
        }
        outcome.notes.append("(10a) directions with a certified increase of R as ε decreases: \(increases.count) of \(directions.count)" + (increases.isEmpty ? "." : ": " + increases.map { "seed \($0.seed) (\($0.pairs.joined(separator: ", ")))" }.joined(separator: "; ") + ". With ε ≤ 1e-2 on both rungs: \(increases.filter(\.smallOnly).count) of \(directions.count)."))
        if directions.count >= 2, let rungCount = directions.first?.scales.count {
            let k = Double(directions.count)
            let means = (0..<(rungCount - 1)).map { j -> String in
                let deltas = directions.map { $0.risks[j + 1] - $0.risks[j] }
                let mean = deltas.reduce(0, +) / k
                let sem = (deltas.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1) / k).squareRoot()
                return String(format: "%g → %g: %.3e ± %.1e", directions[0].scales[j], directions[0].scales[j + 1], mean, sem)
            }
            outcome.notes.append("(10c) seed mean of the increments ± standard error: " + means.joined(separator: "; ") + ".")
        }
        for dir in directions {
            let text = zip(dir.scales, zip(dir.risks, dir.uncertainties)).map { "R(\(Comparison.text($0.0))) = \(Comparison.text($0.1.0)) ± \(Comparison.text($0.1.1))" }
            outcome.notes.append("seed \(dir.seed): " + text.joined(separator: "; "))
        }
        outcome.figures.append(Figure(
            id: "claim-10-risk-ladder", title: "Risk of the limit R(ε) per direction θ̂₀",
            xLabel: "ε", yLabel: "R(θ∞(ε))", xScale: .log, yScale: .log,
            series: directions.map { d in
                Figure.Series(label: "seed \(d.seed)", points: zip(d.scales, d.risks).map { ($0, Swift.max($1, 1e-18)) })
            },
            caption: "The claim (10a) says each curve does not rise towards small ε (to the left)."))
        outcome.figures.append(Figure(
            id: "claim-10-increments", title: "Increments |R(ε_{j+1}) − R(ε_j)| against ε_{j+1}",
            xLabel: "ε", yLabel: "|ΔR|", xScale: .log, yScale: .log,
            series: directions.map { d in
                Figure.Series(label: "seed \(d.seed)", style: .points,
                              points: (0..<(d.scales.count - 1)).map { (d.scales[$0 + 1], Swift.abs(d.risks[$0 + 1] - d.risks[$0])) })
            } + [Figure.Series(label: "∝ ε", style: .reference, points: rungs.compactMap(Double.init).map { ($0, 1e-3 * $0) })],
            caption: "Convergence (10b): the increments shrink along the ladder, about like ε."))
        return outcome
    }

    /// (10a) and (10b) for one direction.
    func comparisons(_ dir: Direction) -> [Comparison] {
        let R = dir.risks, u = dir.uncertainties, eps = dir.scales
        var pairs: [Comparison] = []
        for j in 0..<(R.count - 1) {
            let recoveredBoth = dir.limits[j].recovery.outcome == .recovered && dir.limits[j + 1].recovery.outcome == .recovered
            let delta = recoveredBoth ? 0 : R[j + 1] - R[j]
            let uncertainty = SmallerInitializationGeneralizesBetter.incrementUncertainty(dir.limits[j], dir.limits[j + 1])
            pairs.append(Comparison(
                quantity: "(10a) seed \(dir.seed): R(ε = \(Comparison.text(eps[j + 1]))) − R(ε = \(Comparison.text(eps[j])))\(recoveredBoth ? " (both limits recovered: 0)" : "")",
                measured: delta, relation: .atMost, bound: 0,
                boundReason: "non-increase as ε decreases",
                uncertainty: recoveredBoth ? 0 : uncertainty,
                uncertaintySource: "quadrature error of the increment (its change between orders 64 and 96) + both risks' changes between tolerances (+ the floor F of a recovered limit)"))
        }
        var out: [Comparison] = []
        // The weakest pair: the worst verdict, and among those the largest increment.
        if let worst = pairs.max(by: { ($0.verdict, $0.measured ?? .infinity) < ($1.verdict, $1.measured ?? .infinity) }) {
            out.append(worst)
        }
        // (10b): the last two increments resolved above their uncertainty.
        let resolved: [Int] = (0..<(R.count - 1)).filter { (i: Int) -> Bool in
            let step: Double = Swift.abs(R[i + 1] - R[i])
            return step > Self.incrementUncertainty(dir.limits[i], dir.limits[i + 1])
        }
        if resolved.count >= 2 {
            let j = resolved[resolved.count - 2], k = resolved[resolved.count - 1]
            let dj: Double = Swift.abs(R[j + 1] - R[j]), dk: Double = Swift.abs(R[k + 1] - R[k])
            let uj: Double = Self.incrementUncertainty(dir.limits[j], dir.limits[j + 1])
            let uk: Double = Self.incrementUncertainty(dir.limits[k], dir.limits[k + 1])
            let span: Double = Foundation.log(eps[j + 1] / eps[k + 1])
            let rate: Double = Foundation.log(dj / dk) / span
            let lowRatio: Double = Swift.max(dj - uj, Double.leastNonzeroMagnitude) / (dk + uk)
            let highRatio: Double = (dj + uj) / Swift.max(dk - uk, Double.leastNonzeroMagnitude)
            let low: Double = Foundation.log(lowRatio) / span
            let high: Double = Foundation.log(highRatio) / span
            out.append(Comparison(
                quantity: "(10b) seed \(dir.seed): rate of |ΔR| between ε = \(Comparison.text(eps[j + 1])) and \(Comparison.text(eps[k + 1]))",
                measured: rate, relation: .atLeast, bound: minimumRate,
                boundReason: "increments shrinking at least like ε^\(minimumRate): R(ε) is Cauchy on the geometric ladder",
                uncertainty: Swift.max(rate - low, high - rate),
                uncertaintySource: "the increments' uncertainties propagated through the logarithms"))
        } else {
            // Fewer than two resolved increments: converged if the last one is below its
            // uncertainty; otherwise too few rungs to tell (undecided).
            let last = R.count - 1
            let u = Self.incrementUncertainty(dir.limits[last - 1], dir.limits[last])
            let step = Swift.abs(R[last] - R[last - 1])
            out.append(Comparison(
                quantity: "(10b) seed \(dir.seed): |R(ε_min) − R(ε_prev)| (fewer than two increments resolved)",
                measured: step <= u ? step : .nan, relation: .atMost, bound: u,
                boundReason: "converged to within the increment's uncertainty",
                uncertainty: 0, uncertaintySource: "the bound is the uncertainty; a resolved last increment with no second one decides nothing"))
        }
        return out
    }

    /// The uncertainty of R(ε_{j+1}) − R(ε_j): the increment's change between the quadrature
    /// orders, the two risks' changes between tolerances, and the floor of a recovered limit.
    static func incrementUncertainty(_ x: ConvergedLimit, _ y: ConvergedLimit) -> Double {
        let quadrature = Swift.abs((y.risk - x.risk) - (y.lowOrderRisk - x.lowOrderRisk))
        var u = quadrature + x.riskToleranceChange + y.riskToleranceChange
        for l in [x, y] where l.recovery.outcome == .recovered { u += l.recovery.floor }
        return u
    }

    /// (10c): the seed mean of each increment, the worst rung pair.
    func averaged(_ directions: [Direction]) -> Comparison? {
        guard directions.count >= 2, let rungs = directions.first?.scales.count, rungs >= 2 else { return nil }
        var worst: Comparison?
        for j in 0..<(rungs - 1) {
            let deltas = directions.map { $0.risks[j + 1] - $0.risks[j] }
            let us = directions.map { SmallerInitializationGeneralizesBetter.incrementUncertainty($0.limits[j], $0.limits[j + 1]) }
            let k = Double(deltas.count)
            let mean = deltas.reduce(0, +) / k
            let variance = deltas.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1)
            let sem = (variance / k).squareRoot()
            let c = Comparison(
                quantity: "(10c) seed mean of R(ε = \(Comparison.text(directions[0].scales[j + 1]))) − R(ε = \(Comparison.text(directions[0].scales[j]))) over \(deltas.count) directions",
                measured: mean, relation: .atMost, bound: 0, boundReason: "non-increase of the averaged risk",
                uncertainty: sem + us.reduce(0, +) / k,
                uncertaintySource: "standard error of the mean over directions + mean numerical uncertainty")
            if worst == nil || (c.verdict, -(c.marginDigits ?? 0)) > (worst!.verdict, -(worst!.marginDigits ?? 0)) { worst = c }
        }
        return worst
    }
}
