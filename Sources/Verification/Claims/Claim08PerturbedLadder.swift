import Foundation
import TwoLayerNet

/// Claim 8 (8b): one perturbed run, θ̂₀ = θ̂_D + δ g/‖g‖, judged by the certified verdict.
///
/// R's uncertainty: the quadrature error estimate plus the change of R over the remaining
/// motion B. √R is Lipschitz in θ with constant G = (E‖∇_θ f‖²)^½ ≤ (Σ_k 1 + d·a_k²)^½ (tanh:
/// |∂f/∂a_k| ≤ 1, |∂f/∂w_kj| ≤ |a_k||x_j|, E x_j² = 1), so |R(θ∞) − R(θ_T)| ≤ 2√R·G·B + (G·B)²;
/// G is taken with |a_k| + 1 from the double run's end (covering an escalated run's end too).
struct PerturbedPoint: Sendable {
    let delta: Double
    let verdict: RecoveryVerdict
    let lipschitz: Double

    var risk: Double { Double(verdict.evidence.risk) ?? .nan }
    var motion: Double { verdict.evidence.remainingMotion ?? .infinity }
    var distance: Double { verdict.evidence.distanceToTargetSet ?? .nan }
    var riskUncertainty: Double {
        let gb = lipschitz * motion
        return (Double(verdict.evidence.riskError) ?? .infinity) + 2 * risk.squareRoot() * gb + gb * gb
    }

    /// Decides `spec` under `RecoveryPolicy.claims` (double first, escalating when double cannot
    /// decide); G from the double attempt's end.
    static func measure(_ spec: ProblemSpec, delta: Double) throws -> PerturbedPoint {
        var lipschitz = Double.nan
        let verdict = try RecoveryVerdict.decide(spec, policy: .claims) { flow in
            let net = flow.network
            lipschitz = (0..<net.width).reduce(0.0) { s, k in
                let a = abs(flow.final[k * net.neuronBlockSize]) + 1
                return s + 1 + Double(net.inputDimension) * a * a
            }.squareRoot()
        }
        return PerturbedPoint(delta: delta, verdict: verdict, lipschitz: lipschitz)
    }
}

/// (8b) along one direction g_j: the runs on the δ ladder and the fitted rates of R and of
/// dist(θ∞, Q*) over the `tail` smallest resolved δ (the limit δ → 0 is what the claim is about;
/// the large-δ end can lie before the asymptotic regime, proofs/claim-08.md step 6).
struct PerturbedDirection: Sendable {
    let seed: UInt64
    let points: [PerturbedPoint]
    let tail: Int

    var riskRate: LogLogRate? { LogLogRate(tail: tail, points.map { (x: $0.delta, value: $0.risk, uncertainty: $0.riskUncertainty) }) }
    var distanceRate: LogLogRate? { LogLogRate(tail: tail, points.map { (x: $0.delta, value: $0.distance, uncertainty: $0.motion) }) }
}

extension MeasureZeroRecovery {
    /// Every direction's ladder on data draw `seed`, the directions shared out over the cores. A
    /// direction's ladder stops after the first δ whose R is below `riskFloor` (smaller δ give
    /// no resolved point in double).
    func perturbedLadders(d: Int, seed: UInt64, context: CheckContext) throws -> [PerturbedDirection] {
        let directions = context.quick ? quickDirectionSeeds : directionSeeds
        let ladder = (context.quick ? quickDeltas : deltas).compactMap(Double.init)
        context.progress("claim-08 d = \(d): \(directions.count) directions × up to \(ladder.count) δ")
        return try ConcurrentRuns.map(directions.count) { i in
            var points: [PerturbedPoint] = []
            for delta in ladder {
                let start = try perturbedStart(d: d, directionSeed: directions[i], delta: delta)
                points.append(try PerturbedPoint.measure(spec(d: d, seed: seed, initialization: start), delta: delta))
                if points.last!.risk < riskFloor { break }
            }
            return PerturbedDirection(seed: directions[i], points: points, tail: tailPoints)
        }
    }

    /// (8b): no perturbed run recovers; along each direction R ∝ δ^r with r ≥ `minimumRate`.
    func perturbedComparisonsFor(_ directions: [PerturbedDirection], label: String) -> [Comparison] {
        let all = directions.flatMap(\.points)
        var out = [RecoveryTally(all.map(\.verdict.outcome)).noneRecovered(
            "perturbed runs that recover (8b, \(label), \(directions.count) directions × δ ∈ [\(Comparison.text(all.map(\.delta).min() ?? .nan)), \(Comparison.text(all.map(\.delta).max() ?? .nan))])", level: unattainableLevel)]
        for direction in directions {
            out.append(Self.riskRateComparison(direction.riskRate, minimumRate: minimumRate,
                                               label: "along direction g_\(direction.seed) (\(label)", of: direction.points.count))
        }
        return out
    }

    /// "R(δ) → 0" read from the fitted rate r ± u of R ∝ δ^r: holds when r − u ≥ `minimumRate`;
    /// fails only when R is shown to rise as δ falls (r + u < 0, the comparison's fail bound 0);
    /// in between undecided (R falls more slowly over the ladder than the chosen rate, or stays
    /// flat there: not evidence that R stays away from 0 as δ → 0, proofs/claim-08.md step 6).
    static func riskRateComparison(_ fit: LogLogRate?, minimumRate: Double, label: String, of count: Int) -> Comparison {
        Comparison(
            quantity: "(8b) rate r of R(δ) ∝ δ^r \(label); least squares over the \(fit?.points ?? 0) smallest resolved δ of \(count))",
            measured: fit?.rate ?? .nan, relation: .atLeast, bound: minimumRate,
            boundReason: "R(δ) → 0 as δ → 0, at least like δ^\(minimumRate) (our choice: positive with margin); fails only below 0 (R does not fall): a rate between 0 and \(minimumRate) is undecided (a slow fall, proofs/claim-08.md step 6)",
            uncertainty: fit?.uncertainty ?? .infinity,
            uncertaintySource: "t(0.975, N−2) × the slope's standard error + the slope's change under each point's uncertainty (quadrature error estimate + change of R over the verdict's remaining motion B)",
            failBound: 0)
    }

    func perturbedNotes(_ directions: [PerturbedDirection], label: String) -> [String] {
        let e = { (x: Double) in String(format: "%.3e", x) }
        return directions.map { dir in
            var line = "Claim 8, \(label), (8b) direction g_\(dir.seed): " + dir.points.map {
                "δ = \(e($0.delta)): \($0.verdict.outcome.rawValue) at \($0.verdict.evidence.decidingBits) bits, R = \(e($0.risk)) ± \(e($0.riskUncertainty)), dist(θ∞, Q*) = \(e($0.distance)) ± \(e($0.motion))"
            }.joined(separator: "; ")
            if let r = dir.riskRate { line += String(format: "; R ∝ δ^r, r = %.3f ± %.3f (SE %.3f, %d points)", r.rate, r.uncertainty, r.standardError, r.points) }
            if let r = dir.distanceRate { line += String(format: "; dist ∝ δ^r, r = %.3f ± %.3f (%d points)", r.rate, r.uncertainty, r.points) }
            return line + "."
        }
    }

    func figure(_ directions: [PerturbedDirection], d: Int, seed: UInt64) -> Figure {
        var series: [Figure.Series] = []
        for dir in directions {
            series.append(Figure.Series(label: "R(δ), g_\(dir.seed)", style: .line,
                                        points: dir.points.filter { $0.risk > 0 }.map { ($0.delta, $0.risk) }))
            if let fit = dir.riskRate {
                series.append(Figure.Series(label: String(format: "fit ∝ δ^%.2f, g_\(dir.seed)", fit.rate), style: .reference,
                                            points: dir.points.filter { $0.delta <= fit.largestX }.map { ($0.delta, fit.value(at: $0.delta)) }))
            }
        }
        return Figure(
            id: "claim-08-risk-d\(d)", title: "(8b) population risk of the perturbed limits against δ (d = \(d), n = d + 1 + \(sampleOffset), data seed \(seed))",
            xLabel: "δ (distance of θ̂₀ from the diagonal)", yLabel: "R(θ∞(δ))", xScale: .log, yScale: .log, series: series,
            caption: "Each solid line is one random direction g_j; the dashed lines are the power laws fitted over the smallest resolved δ, whose slopes decide (8b). Recovery is decided by the certified verdict (proofs/recovery.md), not by R.")
    }
}
