import Foundation
import GradientFlow
import MultiPrecision
import TwoLayerNet

/// Claim 6 (proofs/claim-06.md): the small-initialization limit.
///
/// Both readings are measured on pairs of directions (θ̂_A, θ̂_B) with equal Ĉ, at a fixed
/// shifted time t₁ of the normalized time-shifted trajectories
/// Θ_ε(t) = θ_ε(t + ln(1/(ε‖π‖))/s), π = p(θ̂₀) (claim 6 step 2: the shift by ln‖π‖/s makes the
/// limit depend on p̂ only), each neuron mapped by sign(π_k) (the odd-σ symmetry, step 3):
/// D(ε) = ‖Θ̃_A,ε(t₁) − Θ̃_B,ε(t₁)‖₂. By continuous dependence on the state, agreement at one
/// time is agreement on every compact interval, at the same rate.
///
/// - (C) conditional reading, the paper's statement: first layer zero (prescribed imbalance,
///   tilt 0) with equal Ĉ — hence equal |p̂| — give the same limit: D(ε) → 0, at a measured
///   rate, and D(ε_min) below a fixed agreement bound.
/// - (U) the unconditional reading is false: a Gaussian θ̂_A and θ̂_B = θ̂_A with the first layer
///   negated (w_k → −w_k keeps C_k = a_k² − ‖w_k‖² exactly, and turns p_k into
///   (a_k − ẑᵀw_k)/2) have equal Ĉ, different |p̂| and limits that differ by at least a bound
///   far above the uncertainty: a comparison with relation `.atLeast`, so the claim as the
///   paper states it can hold while the counterexample is exhibited.
public struct SmallInitializationLimit: ClaimCheck {
    /// One side of a pair: a family, optionally turned into an explicit direction scaled by a
    /// factor λ (the same Ĉ) and/or with its first layer negated (the same C).
    public struct Side: Sendable {
        public var family: InitializationFamily
        public var directionFactor: String
        public var negateFirstLayer: Bool
        public init(_ family: InitializationFamily, directionFactor: String = "1", negateFirstLayer: Bool = false) {
            self.family = family
            self.directionFactor = directionFactor
            self.negateFirstLayer = negateFirstLayer
        }
        var description: String {
            family.name + (directionFactor == "1" ? "" : " × \(directionFactor)") + (negateFirstLayer ? ", first layer negated" : "")
        }
    }

    public struct Pair: Sendable {
        public var first: Side
        public var second: Side
        public init(_ first: Side, _ second: Side) {
            self.first = first
            self.second = second
        }
    }

    public var dimension = 5
    public var width = 2
    public var sampleCount = 8
    public var dataSeed: UInt64 = 1
    /// (C): first layer zero, Ĉ = (0.6, 0.8), two sign patterns, the second direction ×3.
    public var sameLimitPair = Pair(
        Side(.prescribedImbalance(normalizedImbalance: ["0.6", "0.8"], seed: 3, tilt: "0")),
        Side(.prescribedImbalance(normalizedImbalance: ["0.6", "0.8"], seed: 4, tilt: "0"), directionFactor: "3"))
    /// (U): a Gaussian direction and the same with its first layer negated.
    public var counterexamplePair = Pair(
        Side(.gaussian(seed: 2, layerScaleRatio: "1")),
        Side(.gaussian(seed: 2, layerScaleRatio: "1"), negateFirstLayer: true))
    /// The ε ladder run in double and the one run at `context.precision` (decreasing).
    public var doubleLadder = ["1e-2", "1e-3", "1e-4", "1e-5", "1e-6"]
    public var preciseLadder = ["1e-10", "1e-20", "1e-30"]
    public var quickDoubleLadder = ["1e-2", "1e-3", "1e-4"]
    public var quickPreciseLadder = ["1e-30"]
    /// The shifted time t₁ at which the trajectories are compared.
    public var shiftedTime = "30"
    /// (C): the smallest rate of D(ε) ∝ ε^r counted as convergence, and the agreement bound of
    /// D(ε_min). (U): the smallest difference of limits counted as "different".
    public var minimumRate = 0.5
    public var agreementBound = 1e-8
    public var separationBound = 1e-3

    public init() {}
    public var cost: Double { 6 }
    public let info = ClaimInfo(
        id: 6, title: "Small-initialization limit", status: .paper,
        statement: "The normalized time-shifted trajectory θ_ε(t + ln(1/(ε‖π‖))/s), π = p(θ̂₀), with each neuron mapped by sign(π_k) (odd σ), converges as ε → 0 to a limit that depends only on p̂. (C, the paper's statement) With the first layer zero, equal Ĉ = C(θ₀)/‖C(θ₀)‖₂ gives equal |p̂| and the same limit: the difference at a fixed shifted time shrinks as ε → 0 at a measured rate. (U, the unconditional reading, false) Two Gaussian directions with equal Ĉ but different |p̂| (the first layer negated) have limits that differ by far more than the numerical uncertainty.",
        latex: #"\lim_{\varepsilon\to0}\theta_\varepsilon\!\left(t + \tfrac{1}{s}\ln\tfrac{1}{\varepsilon\|\pi\|}\right) = \Theta_{\hat p}(t),\qquad w_k(0) = 0 \Rightarrow |\hat p_k| \propto \sqrt{\hat C_k}"#,
        hypotheses: ["σ analytic, odd, σ(0) = 0, σ'(0) = 1 (tanh)", "p(θ̂₀) ≠ 0", "conditional reading: first-layer-zero initialization"],
        quantities: ["D(ε) = ‖Θ̃_A − Θ̃_B‖ at a shifted time for equal Ĉ, first layer zero (rate, value at ε_min)", "D(ε) for equal Ĉ, different p̂ (counterexample, at least a bound)", "Ĉ_A = Ĉ_B, |p̂_A| vs |p̂_B|"])

    /// D(ε) for one pair at one ε and one arithmetic, with the trajectories for the figures.
    public struct PairMeasurement: Sendable {
        public var scale: Double
        public var scaleText: String
        public var precision: String
        /// D(ε) at the default tolerance and at a looser one.
        public var difference: Double
        public var looseDifference: Double
        /// D(ε) at the default tolerance, as a decimal string at working precision (the ladder's value).
        public var differenceText: String
        /// ‖Ĉ_A − Ĉ_B‖₂ and ‖|p̂_A| − |p̂_B|‖₂; Ĉ and p̂ of both sides.
        public var imbalanceGap: Double
        public var growthGap: Double
        public var imbalances: [[Double]]
        public var growths: [[Double]]
        /// (shifted time, canonical a_k) samples of both sides: [side][neuron].
        public var outputWeights: [[[(Double, Double)]]]
        public var seconds: Double
        /// |D − D_loose|, at least D's rounding to double (2^-52 D).
        public var uncertainty: Double { Swift.max(Swift.abs(difference - looseDifference), difference * 0x1p-52) }
    }

    /// The initialization family of one side (explicit where it is transformed).
    public func family(_ side: Side) throws -> InitializationFamily {
        if side.directionFactor == "1" && !side.negateFirstLayer { return side.family }
        let p = try Precision(bits: 1024)
        let network = TwoLayerNetwork(width: width, inputDimension: dimension, hasBias: false, activation: .tanh)
        let theta: [BigFloat] = try Initialization(family: side.family, scale: "1").direction(for: network, precision: p)
        let factor = try BigFloat(parsing: side.directionFactor, precision: p)
        let q = network.neuronBlockSize
        return .explicit(direction: theta.enumerated().map { j, x in
            var y = x * factor
            if side.negateFirstLayer && j % q != 0 { y = -y }
            return y.decimal(significantDigits: 300)
        })
    }

    func spec(_ family: InitializationFamily, scale: String) -> ProblemSpec {
        Experiment.standard(d: dimension, m: width, n: sampleCount, dataSeed: dataSeed, initialization: family, scale: scale)
    }

    /// Runs both sides of a pair at ε to the shifted time (at two tolerances).
    struct PairRun: AtPrecision {
        let check: SmallInitializationLimit
        let families: (InitializationFamily, InitializationFamily)
        let scale: String
        /// The ladder's variant: one run per side at this tolerance (nil: the default), no loose run.
        var ladderTolerance: Int?? = nil

        func callAsFunction<S: Scalar>(_ type: S.Type, _ p: Precision) throws -> PairMeasurement {
            let defaultBits = p == .double ? 47 : p.bits
            let looseBits = p == .double ? 40 : p.bits - 40
            var sides: [(canonical: [S], loose: [S], c: [Double], g: [Double], a: [[(Double, Double)]])] = []
            var seconds = 0.0
            for family in [families.0, families.1] {
                let spec = check.spec(family, scale: scale)
                let problem: Problem<S> = try spec.instantiate(precision: p)
                let network = problem.network
                let linear = LinearPhaseDirection(network: network, data: problem.data, precision: p)
                guard let zHat = linear.unitDirection else { throw VerificationError.runIncomplete("claim 6: s = 0") }
                let pi = network.growthAmplitudes(of: problem.initialDirection, direction: zHat)
                let piNorm = euclideanNorm(pi, precision: p)
                if piNorm.isZero { throw VerificationError.runIncomplete("claim 6: p(θ̂₀) = 0") }
                // T = t₁ + ln(1/(ε‖π‖))/s at working precision.
                var shift = S.log(problem.scale * piNorm)
                shift.div(-shift, linear.rate)
                let t1: S = try S(parsing: check.shiftedTime, precision: p)
                let horizon = (t1 + shift).decimal(significantDigits: p == .double ? 17 : p.roundTripDigits + 2)
                var states: [[S]] = []
                var samples: [[(Double, Double)]] = Array(repeating: [], count: network.width)
                let tolerances = ladderTolerance.map { [$0 ?? defaultBits] } ?? [defaultBits, looseBits]
                for bits in tolerances {
                    var options = FlowOptions.until(horizon, escapeRadius: nil)
                    options.toleranceBits = bits
                    let flow = try Experiment(spec: spec, options: options).run(S.self, p)
                    guard flow.trajectory.status == .reachedTime else {
                        throw VerificationError.runIncomplete("claim 6: \(spec.name ?? "run") ended \(flow.trajectory.status.rawValue)")
                    }
                    seconds += flow.seconds
                    states.append(canonical(flow.final, pi: pi, network: network))
                    if bits == defaultBits {
                        for s in flow.trajectory.samples {
                            let t = (s.time - shift).doubleValue
                            for k in 0..<network.width {
                                let a = s.state[k * network.neuronBlockSize] * S(pi[k] < S(0, precision: p) ? -1 : 1, precision: p)
                                samples[k].append((t, a.doubleValue))
                            }
                        }
                    }
                }
                let c = network.normalizedImbalance(of: problem.initialDirection)?.map(\.doubleValue) ?? []
                let g = normalized(pi)?.map { Swift.abs($0.doubleValue) } ?? []
                sides.append((states[0], states.last!, c, g, samples))
            }
            let gap = { (x: [Double], y: [Double]) -> Double in
                x.count == y.count ? zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() : .infinity
            }
            let difference = distance(sides[0].canonical, sides[1].canonical, p)
            return PairMeasurement(
                scale: Double(scale) ?? .nan, scaleText: scale, precision: p == .double ? "double" : "\(p.bits) bits",
                difference: difference.doubleValue,
                looseDifference: distance(sides[0].loose, sides[1].loose, p).doubleValue,
                differenceText: difference.description,
                imbalanceGap: gap(sides[0].c, sides[1].c), growthGap: gap(sides[0].g, sides[1].g),
                imbalances: [sides[0].c, sides[1].c], growths: [sides[0].g, sides[1].g],
                outputWeights: [sides[0].a, sides[1].a], seconds: seconds)
        }

        /// Each neuron multiplied by sign(π_k) (the symmetry (a_k, w_k) → (−a_k, −w_k) of odd σ).
        func canonical<S: Scalar>(_ theta: [S], pi: [S], network: TwoLayerNetwork) -> [S] {
            let q = network.neuronBlockSize, zero = S(0, precision: theta[0].precision)
            return theta.enumerated().map { j, x in pi[j / q] < zero ? -x : S(x, precision: x.precision) }
        }

        /// ‖x − y‖₂ at working precision (the states agree to far more digits than double has).
        func distance<S: Scalar>(_ x: [S], _ y: [S], _ p: Precision) -> S {
            euclideanNorm(zip(x, y).map { $0 - $1 }, precision: p)
        }
    }

    /// D(ε) of a pair along the ladder: double rungs, then the precise ones.
    /// In quick mode the counterexample runs in double only (its D is O(1); the precise rung
    /// serves the same-limit pair, whose D falls below double's resolution).
    public func measure(_ pair: Pair, _ context: CheckContext, label: String, precise usePrecise: Bool = true) throws -> [PairMeasurement] {
        let families = (try family(pair.first), try family(pair.second))
        let double = context.quick ? quickDoubleLadder : doubleLadder
        let precise = !usePrecise ? [] : context.quick ? quickPreciseLadder : preciseLadder
        var out: [PairMeasurement] = []
        for eps in double {
            context.progress("claim-06: \(label) ε = \(eps) (double)")
            out.append(try Rung(bits: 53).run(PairRun(check: self, families: families, scale: eps)))
        }
        for eps in precise {
            context.progress("claim-06: \(label) ε = \(eps) (\(context.precision))")
            out.append(try context.precision.run(PairRun(check: self, families: families, scale: eps)))
        }
        return out
    }

    /// Least-squares slope of log D against log ε over the resolved rungs, with its standard error.
    static func fittedRate(_ m: [PairMeasurement]) -> (rate: Double, standardError: Double, points: Int, intercept: Double)? {
        let pts = m.filter { $0.difference > 2 * $0.uncertainty && $0.difference > 0 }.map { (log10($0.scale), log10($0.difference)) }
        guard pts.count >= 2 else { return nil }
        let n = Double(pts.count)
        let mx = pts.map(\.0).reduce(0, +) / n, my = pts.map(\.1).reduce(0, +) / n
        let sxx = pts.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        let sxy = pts.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
        let slope = sxy / sxx
        let residual: Double = pts.map { (pt: (Double, Double)) -> Double in
            let r: Double = pt.1 - (my + slope * (pt.0 - mx))
            return r * r
        }.reduce(0, +)
        let se = pts.count > 2 ? (residual / (n - 2) / sxx).squareRoot() : .infinity
        return (slope, se, pts.count, my - slope * mx)
    }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var outcome = ClaimOutcome()
        let same = try measure(sameLimitPair, context, label: "(C) equal Ĉ, first layer zero")
        let counter = try measure(counterexamplePair, context, label: "(U) equal Ĉ, different p̂", precise: !context.quick)
        let bits = context.precision.isDouble ? 53 : context.precision.bits
        // The ladder: D at ε = 1e-10 (about 1e-20, below double's resolution of O(1) states).
        outcome.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(LimitDifference(
            check: self, families: (try family(sameLimitPair.first), try family(sameLimitPair.second)), scale: "1e-10"))
        let hypothesisBound = pow2(-min(bits, 53) + 8)

        // Hypotheses of both pairs: equal Ĉ; (C) equal |p̂|; (U) different |p̂|.
        for (name, m) in [("(C)", same), ("(U)", counter)] {
            let worst = m.max { $0.imbalanceGap < $1.imbalanceGap }!
            outcome.comparisons.append(Comparison(
                quantity: "\(name) ‖Ĉ_A − Ĉ_B‖₂ (hypothesis: equal Ĉ)", measured: worst.imbalanceGap, relation: .atMost,
                bound: hypothesisBound, boundReason: "2^(−53+8): equal up to rounding in double",
                uncertainty: 0, uncertaintySource: "computed from the directions"))
        }
        let g0 = same.map(\.growthGap).max() ?? .nan
        outcome.comparisons.append(Comparison(
            quantity: "(C) ‖|p̂_A| − |p̂_B|‖₂ (first layer zero: equal Ĉ ⇒ equal |p̂|)", measured: g0, relation: .atMost,
            bound: hypothesisBound, boundReason: "2^(−53+8): equal up to rounding in double",
            uncertainty: 0, uncertaintySource: "computed from the directions"))
        let g1 = counter.map(\.growthGap).min() ?? .nan
        outcome.comparisons.append(Comparison(
            quantity: "(U) ‖|p̂_A| − |p̂_B|‖₂ (the pair differs in p̂)", measured: g1, relation: .atLeast,
            bound: separationBound, boundReason: "a p̂ difference well above rounding",
            uncertainty: 0, uncertaintySource: "computed from the directions"))

        // (C): rate and agreement at ε_min.
        let fit = SmallInitializationLimit.fittedRate(same)
        if let fit {
            outcome.comparisons.append(Comparison(
                quantity: "(C) rate r of D(ε) ∝ ε^r (least squares over \(fit.points) resolved rungs)",
                measured: fit.rate, relation: .atLeast, bound: minimumRate,
                boundReason: "D(ε) → 0 at least like ε^\(minimumRate): the two limits coincide",
                uncertainty: 2 * fit.standardError, uncertaintySource: "2 × the slope's standard error"))
        } else {
            outcome.notes.append("(C): fewer than two rungs with D(ε) above twice its uncertainty: no rate fitted.")
        }
        if let last = same.last {
            outcome.comparisons.append(Comparison(
                quantity: "(C) D(ε_min = \(last.scaleText)) = ‖Θ̃_A − Θ̃_B‖₂ at t₁ = \(shiftedTime) (\(last.precision))",
                measured: last.difference, relation: .atMost, bound: agreementBound,
                boundReason: "the O(1) limit states agree to \(Int(-log10(agreementBound))) digits (fixed bound, our choice)",
                uncertainty: last.uncertainty, uncertaintySource: "difference between integration tolerances"))
        }
        // (U): the limits differ.
        if counter.count >= 1, let last = counter.last {
            let previous = counter.count >= 2 ? counter[counter.count - 2].difference : .infinity
            outcome.comparisons.append(Comparison(
                quantity: "(U) D(ε_min = \(last.scaleText)) for equal Ĉ, different p̂ (counterexample to the unconditional reading)",
                measured: last.difference, relation: .atLeast, bound: separationBound,
                boundReason: "limits different by at least 1e-3 (O(1) states)",
                uncertainty: Swift.abs(last.difference - previous) + last.uncertainty,
                uncertaintySource: "change of D from the previous ε rung (distance to the ε → 0 value) + tolerance difference"))
        }

        // Notes.
        let doubleRungs = (context.quick ? quickDoubleLadder : doubleLadder).joined(separator: ", ")
        let preciseRungs = (context.quick ? quickPreciseLadder : preciseLadder).joined(separator: ", ")
        let rungsText = "double: \(doubleRungs); \(context.precision): \(preciseRungs)"
        outcome.notes.append("Setting: tanh, d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1; shifted time t₁ = \(shiftedTime); ε ladder \(rungsText)\(context.quick ? " ((U) in double only)" : ""). Uncertainty of D(ε): its change between integration tolerances 2^-47 and 2^-40 (double) or 2^-p and 2^-(p−40).")
        outcome.notes.append("(C) pair: A = \(sameLimitPair.first.description), B = \(sameLimitPair.second.description). (U) pair: A = \(counterexamplePair.first.description), B = \(counterexamplePair.second.description).")
        for (name, m) in [("(C)", same), ("(U)", counter)] {
            if let first = m.first {
                let f = { (v: [Double]) in "(" + v.map { String(format: "%.6f", $0) }.joined(separator: ", ") + ")" }
                outcome.notes.append("\(name): Ĉ_A = \(f(first.imbalances[0])), Ĉ_B = \(f(first.imbalances[1])); |p̂_A| = \(f(first.growths[0])), |p̂_B| = \(f(first.growths[1])).")
            }
            outcome.notes.append("\(name) D(ε): " + m.map { "\($0.scaleText) (\($0.precision)): \(Comparison.text($0.difference)) ± \(Comparison.text($0.uncertainty)), \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: "; "))
        }
        if let fit { outcome.notes.append(String(format: "(C) fitted rate r = %.3f ± %.3f (standard error) over %d rungs.", fit.rate, fit.standardError, fit.points)) }
        outcome.notes.append("Readings: (C) is the paper's statement (first layer zero ⇒ Ĉ determines the limit) and is the claim's verdict together with the hypotheses; (U) the unconditional reading \"equal Ĉ ⇒ equal limit\" is shown false by the counterexample, modelled as an `.atLeast` comparison that holds when the limits differ.")
        outcome.notes.append("Time shift normalized by ‖π‖ (proofs/claim-06.md step 2: Θ_π(t) = Θ_p̂(t + ln‖π‖/s)) and neurons mapped by sign(π_k) (step 3), so that D measures the dependence on |p̂| only.")

        // Figures.
        var series: [Figure.Series] = []
        for (name, m) in [("(C) equal Ĉ, first layer zero", same), ("(U) equal Ĉ, different p̂", counter)] {
            series.append(Figure.Series(label: name, style: .points, points: m.map { ($0.scale, $0.difference) }))
        }
        if let fit {
            series.append(Figure.Series(label: String(format: "fit ∝ ε^%.2f", fit.rate), style: .reference,
                                        points: same.map { ($0.scale, pow(10, fit.intercept + fit.rate * log10($0.scale))) }))
        }
        outcome.figures.append(Figure(
            id: "claim-06-limit-difference", title: "Difference of the shifted trajectories at t₁ against ε",
            xLabel: "ε", yLabel: "D(ε) = ‖Θ̃_A − Θ̃_B‖₂", xScale: .log, yScale: .log, series: series,
            caption: "(C) falls with ε at the fitted rate (same limit); (U) stays at O(1) (different limits for equal Ĉ)."))
        var trajectories: [Figure.Series] = []
        for (name, m) in [("(C)", same), ("(U)", counter)] {
            guard let last = m.last else { continue }
            for side in 0..<2 {
                for k in 0..<last.outputWeights[side].count {
                    trajectories.append(Figure.Series(label: "\(name) \(side == 0 ? "A" : "B") a_\(k + 1)",
                                                      style: side == 0 ? .line : .reference,
                                                      points: last.outputWeights[side][k]))
                }
            }
        }
        outcome.figures.append(Figure(
            id: "claim-06-shifted-trajectories", title: "Output weights over the shifted time at ε_min",
            xLabel: "t − ln(1/(ε‖π‖))/s", yLabel: "sign(π_k) a_k", series: trajectories,
            caption: "(C) A and B coincide; (U) the two limits part although Ĉ is equal."))
        return outcome
    }
}

/// Claim 6's ladder: D(ε) of the same-limit pair at one ε, one run per side per rung (the
/// default tolerance, or the sweep's).
struct LimitDifference: LadderQuantity {
    let check: SmallInitializationLimit
    let families: (InitializationFamily, InitializationFamily)
    let scale: String
    var name: String { "D(ε) of the same-limit pair (first layer zero, equal Ĉ) at ε = \(scale), shifted time \(check.shiftedTime)" }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        var run = SmallInitializationLimit.PairRun(check: check, families: families, scale: scale)
        run.ladderTolerance = .some(toleranceBits)
        let m = try run(S.self, p)
        return LadderMeasurement(text: m.differenceText, toleranceBits: toleranceBits ?? (p == .double ? 47 : p.bits))
    }
}
