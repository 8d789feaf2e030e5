import Dispatch
import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 10 (proofs/claim-10.md): smaller initialization generalizes better.
///
/// Three readings, each with its own verdict (`Reading`; proofs/claim-10.md "Statement"):
/// (10a) per direction θ̂₀, R(ε) = R(θ∞(ε)) does not increase as ε decreases along the ladder,
/// judged pair by pair against the risks' uncertainties; (10b) R(ε) converges as ε → 0
/// (successive increments shrink at a rate of at least ε^½); (10c) the mean of R(ε) over random
/// directions does not increase, each increment's mean judged against its 95 % Student-t
/// interval plus the mean numerical uncertainty (`MeanInterval`). The claim's verdict is
/// `Reading.rule` (a failing reading fails it); the report says which reading fails.
public struct SmallerInitializationGeneralizesBetter: ClaimCheck {
    public var dimension = 5
    public var width = 2
    public var sampleCount = 8
    public var dataSeed: UInt64 = 1
    /// Seeds of the Gaussian directions θ̂₀ (layer ratio 1), full and quick: 200 directions, so
    /// that the averaged reading (10c) has an interval narrow enough to decide.
    public var seeds: [UInt64] = Array(2...201)
    public var quickSeeds: [UInt64] = Array(2...9)
    /// The ε ladder, decreasing, full and quick.
    public var ladder: [DecimalNumber] = ["1e-1", "1e-2", "1e-3", "1e-4", "1e-5", "1e-6"]
    public var quickLadder: [DecimalNumber] = ["1e-2", "1e-3", "1e-4"]
    public var activation: Activation = .tanh
    /// The smallest convergence rate (log–log slope of |ΔR| against ε) counted as convergence.
    public var minimumRate = 0.5
    /// Directions drawn in the figures (all of them enter the comparisons).
    public var plottedDirections = 12

    public init() {}
    /// Relative cost: 1,200 converged limits (200 directions × 6 rungs, two runs each), the most of any claim.
    public var cost: Double { 27 }
    public let info = ClaimInfo(
        id: 10, title: "Smaller initialization generalizes better", status: .paper,
        statement: "Three readings, each with its own verdict. (10a) For a fixed direction θ̂₀ (Gaussian, many seeds) the population risk R(ε) of the converged limit does not increase as ε decreases along the ladder, beyond the risks' uncertainties. (10b) R(ε) converges as ε → 0, its increments shrinking at least like ε^½. (10c) The risk averaged over random directions does not increase as ε decreases, beyond a 95 % interval of the mean. The claim fails if any reading fails.",
        latex: #"\text{(10a)}\ \varepsilon_1 < \varepsilon_2 \Rightarrow R(\theta_\infty^{\varepsilon_1}) \le R(\theta_\infty^{\varepsilon_2}),\quad \text{(10b)}\ R(\theta_\infty^{\varepsilon}) \to R_0,\quad \text{(10c)}\ \varepsilon_1 < \varepsilon_2 \Rightarrow E_{\hat\theta_0} R(\theta_\infty^{\varepsilon_1}) \le E_{\hat\theta_0} R(\theta_\infty^{\varepsilon_2})"#,
        hypotheses: ["tanh", "fixed θ̂₀, ε small (ladder from 1e-1 down)", "runs converged; risk by quadrature with its error estimate", "(10c): directions drawn independently (one Gaussian seed each)"],
        quantities: ["R(ε) on an ε ladder per direction", "increments between rungs against their uncertainty", "rate of the increments (convergence)", "mean increment over directions with its 95 % interval"])

    /// The three readings' names and meanings (proofs/claim-10.md "Statement").
    static let perDirection = (id: "10a", title: "per direction, monotone",
                               meaning: "For every fixed direction θ̂₀, the risk of the limit does not increase as ε decreases.")
    static let convergence = (id: "10b", title: "convergence",
                              meaning: "For every fixed direction θ̂₀, the risk of the limit converges as ε → 0.")
    static let averaged = (id: "10c", title: "averaged over directions",
                           meaning: "The risk of the limit, averaged over random directions θ̂₀, does not increase as ε decreases (one reading of the abstract's \"associated with\").")

    /// R(ε_j) for one direction: the limits along the ladder.
    public struct Direction: Sendable {
        public var seed: UInt64
        public var scales: [Double]
        public var limits: [ConvergedLimit]
        public var risks: [Double] { limits.map(\.risk) }
        /// Uncertainty of R(ε_j); a limit whose risk is at its floor (recovered) counts as 0 ± F.
        public var uncertainties: [Double] { limits.map { Swift.max($0.riskUncertainty, $0.recovery.outcome == .recovered ? $0.recovery.floor : 0) } }
        /// Both limits of the pair (j, j+1) recovered: equal risk 0, not a counterexample.
        func bothRecovered(_ j: Int) -> Bool {
            limits[j].recovery.outcome == .recovered && limits[j + 1].recovery.outcome == .recovered
        }
        /// R(ε_{j+1}) − R(ε_j) (0 when both recovered) and its uncertainty.
        func increment(_ j: Int) -> (value: Double, uncertainty: Double) {
            bothRecovered(j) ? (0, 0)
                : (risks[j + 1] - risks[j], SmallerInitializationGeneralizesBetter.incrementUncertainty(limits[j], limits[j + 1]))
        }
        var converged: Bool { limits.allSatisfy(\.converged) }
    }

    public func spec(seed: UInt64, scale: DecimalNumber) -> ProblemSpec {
        Experiment.standard(d: dimension, m: width, n: sampleCount, activation: activation, dataSeed: dataSeed,
                            initialization: .gaussian(seed: seed, layerScaleRatio: "1"), scale: scale)
    }

    /// Every direction's ladder, the directions shared out over the cores.
    public func measure(_ context: CheckContext) throws -> [Direction] {
        let rungs = context.quick ? quickLadder : ladder
        let chosen = context.quick ? quickSeeds : seeds
        let slots = DirectionSlots(count: chosen.count)
        DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
            if i % 20 == 0 { context.progress("claim-10: directions \(i + 1)–\(Swift.min(i + 20, chosen.count)) of \(chosen.count)") }
            slots.set(i, Result {
                let limits = try rungs.map { try ConvergedLimit(spec(seed: chosen[i], scale: $0)) }
                return Direction(seed: chosen[i], scales: rungs.map(\.doubleValue), limits: limits)
            })
        }
        return try slots.values.map { try $0.get() }
    }

    /// The precision ladder's run: the first direction at the smallest ε, to this flow time
    /// (past the escape).
    public var precisionLadderTime: DecimalNumber = "50"

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        let directions = try measure(context)
        let rungs = context.quick ? quickLadder : ladder
        var outcome = ClaimOutcome()
        if let seed = (context.quick ? quickSeeds : seeds).first, let smallest = rungs.last {
            outcome.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(
                StateLadder(spec: spec(seed: seed, scale: smallest), time: precisionLadderTime, reading: .loss,
                            run: "initialization seed \(seed), ε = \(smallest)"))
        }
        let perDirection = directions.map(comparisons)
        outcome.readings = [
            Reading.Draft(id: Self.perDirection.id, title: Self.perDirection.title, meaning: Self.perDirection.meaning,
                          comparisons: Self.weakest(perDirection.map(\.monotone)).map { [$0] } ?? []),
            Reading.Draft(id: Self.convergence.id, title: Self.convergence.title, meaning: Self.convergence.meaning,
                          comparisons: Self.weakest(perDirection.map(\.convergence)).map { [$0] } ?? []),
            Reading.Draft(id: Self.averaged.id, title: Self.averaged.title, meaning: Self.averaged.meaning,
                          comparisons: averaged(directions)),
        ]
        outcome.notes.append("Setting: \(activation.name), d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1; \(directions.count) Gaussian directions θ̂₀ (layer ratio 1), seeds \(directions.first.map { "\($0.seed)" } ?? "–")–\(directions.last.map { "\($0.seed)" } ?? "–")\(context.quick ? " (quick mode: fewer directions and rungs; the averaged reading (10c) is wider than in the full run)" : ""); ε ladder \(rungs.map(\.text).joined(separator: ", ")). Every run in double to convergence (flow-time guard 1e7) and again at a looser gradient tolerance (2^-\(ConvergedLimit.looseGradientBits)).")
        outcome.notes.append("Uncertainty of R(ε): Gauss–Hermite error estimate (orders 64/96) + change of R between the two tolerances; an unconverged run has infinite uncertainty; a recovered limit (R at its floor F, `Recovery`) is 0 ± F. Uncertainty of an increment R(ε_{j+1}) − R(ε_j): its own change between the quadrature orders (the two risks' quadrature errors are correlated, nearly the same θ∞), plus both risks' changes between tolerances, plus F for a recovered limit. A pair whose limits both recovered has equal risk 0 and is not a counterexample.")
        outcome.notes.append("How each reading is shown: (10a) and (10b) by the direction with the worst verdict (and among those the smallest margin); every direction enters the reading's verdict, and the counts below say how many directions fall each way. (10c) by one comparison per rung pair. \(Reading.rule)")
        outcome.notes += countNotes(directions, perDirection)
        outcome.figures = figures(directions, rungs: rungs)
        return outcome
    }

    /// The counts behind (10a) and (10b): directions with a certified increase (with their
    /// Clopper–Pearson interval as a fraction of directions) and the rate verdicts.
    func countNotes(_ directions: [Direction], _ perDirection: [(monotone: Comparison?, convergence: Comparison?)]) -> [String] {
        let n = directions.count
        guard n > 0 else { return [] }
        let increasing = directions.filter { d in (0..<(d.scales.count - 1)).contains { j in
            let inc = d.increment(j); return inc.value > inc.uncertainty } }
        let smallOnly = increasing.filter { d in (0..<(d.scales.count - 1)).contains { j in
            let inc = d.increment(j); return inc.value > inc.uncertainty && d.scales[j] <= 1e-2 } }
        let interval = ClopperPearson(successes: increasing.count, trials: n)
        func tally(_ cs: [Comparison?]) -> String {
            Verdict.allCases.map { v in "\(cs.filter { $0?.verdict == v }.count) \(v.rawValue)" }.joined(separator: ", ")
        }
        let unconverged = directions.filter { !$0.converged }.count
        return [
            "(10a) directions with a certified increase of R as ε decreases: \(increasing.count) of \(n) (95 % Clopper–Pearson interval of the fraction: \(String(format: "%.3f", interval.lower))–\(String(format: "%.3f", interval.upper))); with both rungs ≤ 1e-2: \(smallOnly.count) of \(n). Per-direction verdicts: \(tally(perDirection.map(\.monotone)))." + (increasing.isEmpty ? "" : " Seeds with an increase: " + increasing.map { "\($0.seed)" }.joined(separator: ", ") + "."),
            "(10b) per-direction verdicts of the rate: \(tally(perDirection.map(\.convergence))).",
            "Directions with a run that did not converge: \(unconverged) of \(n) (their increments have infinite uncertainty; they are left out of the mean of (10c)).",
        ]
    }

    /// The comparison with the worst verdict, and among those the smallest margin.
    static func weakest(_ comparisons: [Comparison?]) -> Comparison? {
        comparisons.compactMap { $0 }.max { a, b in
            (a.verdict, -(a.marginDigits ?? .infinity)) < (b.verdict, -(b.marginDigits ?? .infinity))
        }
    }

    /// R(ε) of the first directions (lines) with the mean over all directions, and every
    /// direction's increments split by sign.
    func figures(_ directions: [Direction], rungs: [DecimalNumber]) -> [Figure] {
        guard let scales = directions.first?.scales else { return [] }
        let mean = scales.indices.map { j in directions.map { $0.risks[j] }.reduce(0, +) / Double(directions.count) }
        let shown = directions.prefix(plottedDirections)
        var increases: [(Double, Double)] = [], decreases: [(Double, Double)] = []
        for d in directions {
            for j in 0..<(d.scales.count - 1) {
                let inc = d.increment(j).value
                if inc > 0 { increases.append((d.scales[j + 1], inc)) } else if inc < 0 { decreases.append((d.scales[j + 1], -inc)) }
            }
        }
        return [
            Figure(id: "claim-10-risk-ladder", title: "Risk of the limit R(ε): \(shown.count) directions θ̂₀ and the mean over \(directions.count)",
                   xLabel: "ε", yLabel: "R(θ∞(ε))", xScale: .log, yScale: .log,
                   series: shown.map { d in
                       Figure.Series(label: "seed \(d.seed)", points: zip(d.scales, d.risks).map { ($0, Swift.max($1, 1e-18)) })
                   } + [Figure.Series(label: "mean over \(directions.count) directions", style: .reference,
                                      points: zip(scales, mean).map { ($0, Swift.max($1, 1e-18)) })],
                   caption: "Reading (10a) says each curve does not rise towards small ε (to the left); (10c) says the mean does not."),
            Figure(id: "claim-10-increments", title: "Increments |R(ε_{j+1}) − R(ε_j)| against ε_{j+1}, all \(directions.count) directions",
                   xLabel: "ε", yLabel: "|ΔR|", xScale: .log, yScale: .log,
                   series: [Figure.Series(label: "increase (R rises as ε decreases)", style: .points, points: increases),
                            Figure.Series(label: "decrease", style: .points, points: decreases),
                            Figure.Series(label: "∝ ε", style: .reference, points: rungs.map { ($0.doubleValue, 1e-3 * $0.doubleValue) })],
                   caption: "Reading (10b) says the increments shrink along the ladder (the dashed line is ∝ ε, for the eye); increases, against decreases, are what (10a) and (10c) count."),
        ]
    }

    /// (10a) and (10b) for one direction: its weakest pair, and the rate of its increments.
    func comparisons(_ dir: Direction) -> (monotone: Comparison?, convergence: Comparison?) {
        let eps = dir.scales
        var pairs: [Comparison] = []
        for j in 0..<(eps.count - 1) {
            let inc = dir.increment(j)
            pairs.append(Comparison(
                quantity: "(10a) seed \(dir.seed): R(ε = \(Comparison.text(eps[j + 1]))) − R(ε = \(Comparison.text(eps[j])))\(dir.bothRecovered(j) ? " (both limits recovered: 0)" : "")",
                measured: inc.value, relation: .atMost, bound: 0,
                boundReason: "non-increase as ε decreases",
                uncertainty: inc.uncertainty,
                uncertaintySource: "quadrature error of the increment (its change between orders 64 and 96) + both risks' changes between tolerances (+ the floor F of a recovered limit)"))
        }
        // The weakest pair: the worst verdict, and among those the largest increment.
        let worst = pairs.max(by: { ($0.verdict, $0.measured ?? .infinity) < ($1.verdict, $1.measured ?? .infinity) })
        return (worst, rate(dir))
    }

    /// (10b): the rate of the last two increments resolved above their uncertainty.
    func rate(_ dir: Direction) -> Comparison? {
        let eps = dir.scales
        guard eps.count >= 2 else { return nil }
        let resolved = (0..<(eps.count - 1)).filter { Swift.abs(dir.increment($0).value) > dir.increment($0).uncertainty }
        guard resolved.count >= 2 else {
            // Fewer than two resolved increments: converged if the last one is below its
            // uncertainty; otherwise too few rungs to tell (undecided).
            let last = dir.increment(eps.count - 2)
            let step = Swift.abs(last.value)
            return Comparison(
                quantity: "(10b) seed \(dir.seed): |R(ε_min) − R(ε_prev)| (fewer than two increments resolved)",
                measured: step <= last.uncertainty ? step : .nan, relation: .atMost, bound: last.uncertainty,
                boundReason: "converged to within the increment's uncertainty",
                uncertainty: 0, uncertaintySource: "the bound is the uncertainty; a resolved last increment with no second one decides nothing")
        }
        let j = resolved[resolved.count - 2], k = resolved[resolved.count - 1]
        let (dj, uj) = (Swift.abs(dir.increment(j).value), dir.increment(j).uncertainty)
        let (dk, uk) = (Swift.abs(dir.increment(k).value), dir.increment(k).uncertainty)
        let span = Foundation.log(eps[j + 1] / eps[k + 1])
        let rate = Foundation.log(dj / dk) / span
        let low = Foundation.log(Swift.max(dj - uj, Double.leastNonzeroMagnitude) / (dk + uk)) / span
        let high = Foundation.log((dj + uj) / Swift.max(dk - uk, Double.leastNonzeroMagnitude)) / span
        return Comparison(
            quantity: "(10b) seed \(dir.seed): rate of |ΔR| between ε = \(Comparison.text(eps[j + 1])) and \(Comparison.text(eps[k + 1]))",
            measured: rate, relation: .atLeast, bound: minimumRate,
            boundReason: "increments shrinking at least like ε^\(minimumRate): R(ε) is Cauchy on the geometric ladder",
            uncertainty: Swift.max(rate - low, high - rate),
            uncertaintySource: "the increments' uncertainties propagated through the logarithms")
    }

    /// The uncertainty of R(ε_{j+1}) − R(ε_j): the increment's change between the quadrature
    /// orders, the two risks' changes between tolerances, and the floor of a recovered limit.
    static func incrementUncertainty(_ x: ConvergedLimit, _ y: ConvergedLimit) -> Double {
        let quadrature = Swift.abs((y.risk - x.risk) - (y.lowOrderRisk - x.lowOrderRisk))
        var u = quadrature + x.riskToleranceChange + y.riskToleranceChange
        for l in [x, y] where l.recovery.outcome == .recovered { u += l.recovery.floor }
        return u
    }

    /// (10c): for each rung pair, the mean increment over the converged directions.
    func averaged(_ directions: [Direction]) -> [Comparison] {
        let converged = directions.filter(\.converged)
        guard let scales = converged.first?.scales, scales.count >= 2 else { return [] }
        let left = directions.count - converged.count
        return (0..<(scales.count - 1)).map { j in
            Self.meanIncrement(converged.map { $0.increment(j) },
                               quantity: "(10c) mean over \(converged.count) directions of R(ε = \(Comparison.text(scales[j + 1]))) − R(ε = \(Comparison.text(scales[j])))"
                                   + (left > 0 ? " (\(left) unconverged left out)" : ""))
        }
    }

    /// The mean of paired increments against 0: its 95 % Student-t half-width over directions plus
    /// the mean numerical uncertainty of the increments (proofs/claim-10.md, reading (10c)).
    static func meanIncrement(_ increments: [(value: Double, uncertainty: Double)], quantity: String) -> Comparison {
        guard let interval = MeanInterval(increments.map(\.value)) else {
            return Comparison(quantity: quantity, measured: .nan, relation: .atMost, bound: 0,
                              boundReason: "non-increase of the averaged risk", uncertainty: .infinity,
                              uncertaintySource: "fewer than two finite increments: no interval")
        }
        let numerical = increments.map(\.uncertainty).reduce(0, +) / Double(increments.count)
        let t = MeanInterval.studentQuantile975(degreesOfFreedom: interval.count - 1)
        return Comparison(
            quantity: quantity, measured: interval.mean, relation: .atMost, bound: 0,
            boundReason: "non-increase of the averaged risk",
            uncertainty: interval.halfWidth + numerical,
            uncertaintySource: "95 % Student-t half-width over \(interval.count) directions (t = \(String(format: "%.3f", t)) × standard error \(Comparison.text(interval.standardError))) + mean numerical uncertainty of the increments \(Comparison.text(numerical))")
    }
}

/// The directions of `measure`, filled in by concurrent workers.
private final class DirectionSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<SmallerInitializationGeneralizesBetter.Direction, any Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<SmallerInitializationGeneralizesBetter.Direction, any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    var values: [Result<SmallerInitializationGeneralizesBetter.Direction, any Error>] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}
