import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 6 (proofs/claim-06.md): the small-initialization limit, compared at converged limits.
///
/// Every run goes to convergence (`ConvergedLimit`: double, at two gradient tolerances), and two
/// limit points are compared modulo the symmetries of the network (per-neuron sign flip of odd
/// σ and permutation of neurons, `symmetricDistance`): D = dist_G(θ∞_A, θ∞_B), uncertainty its
/// change between the two tolerances plus the numerical floor measured on mirrored pairs (a
/// direction at 3ε against 3 × its own image under G at ε).
///
/// - (6L) only p̂ matters (step 1): pairs with equal p̂ and different Ĉ (`EqualGrowthPair`:
///   w_k^⊥ redrawn); D must fall with ε at a fitted rate D ∝ ε^r, r ≥ `minimumRate` beyond the
///   rate's uncertainty (`LogLogRate`).
/// - (6C) the paper's statement: when the first layer starts negligible, ‖w_k(0)‖ = o(|a_k(0)|),
///   equal Ĉ gives the same limit. Read as a joint limit: pairs of different initializations with
///   equal Ĉ (`EqualImbalancePair`: independent Gaussian draws, matched neuron by neuron) at tilt
///   τ_j and scale ε_j, both decreasing along a ladder; D must fall with them at a fitted rate
///   D ∝ τ^r, r ≥ `minimumRate` beyond the rate's uncertainty.
/// - (6U) the counterexample to the unconditional reading: a Gaussian θ̂_A and θ̂_B = θ̂_A with the
///   first layer negated (w_k → −w_k keeps C_k exactly, turns p_k into (a_k − ẑᵀw_k)/2) have
///   equal Ĉ, different p̂ (modulo the symmetries) and limits whose distance stays at least
///   `separationBound` as ε → 0, beyond its uncertainty (change from the previous ε rung plus
///   the tolerance change and the floor).
public struct SmallInitializationLimit: ClaimCheck {
    /// One rung of (6C)'s joint ladder: the tilt τ and the scale ε.
    public struct TiltRung: Sendable {
        public var tilt: Double
        public var scale: DecimalNumber
        public init(tilt: Double, scale: DecimalNumber) {
            self.tilt = tilt
            self.scale = scale
        }
    }

    public var dimension = 5
    public var width = 2
    public var sampleCount = 8
    public var dataSeed: UInt64 = 1
    /// (6L): the equal-p̂ pairs and their ε ladder (decreasing), full and quick.
    public var equalGrowthPairs = [EqualGrowthPair(seeds: (11, 12)), EqualGrowthPair(seeds: (13, 14))]
    public var quickEqualGrowthPairs = [EqualGrowthPair(seeds: (11, 12))]
    public var equalGrowthLadder: [DecimalNumber] = ["1e-2", "1e-3", "1e-4", "1e-5"]
    public var quickEqualGrowthLadder: [DecimalNumber] = ["1e-2", "1e-3", "1e-4"]
    /// (6C): the pairs, full and quick.
    public var pairs = [EqualImbalancePair(seeds: (3, 4)), EqualImbalancePair(seeds: (5, 6)), EqualImbalancePair(seeds: (7, 8))]
    public var quickPairs = [EqualImbalancePair(seeds: (3, 4))]
    /// (6C): the joint ladder (τ_j, ε_j), τ and ε decreasing together (ε = τ/10).
    public var tiltLadder: [TiltRung] = [(1e-1, "1e-2"), (3e-2, "3e-3"), (1e-2, "1e-3"), (3e-3, "3e-4"), (1e-3, "1e-4")]
        .map { TiltRung(tilt: $0.0, scale: $0.1) }
    public var quickTiltLadder: [TiltRung] = [(1e-1, "1e-2"), (1e-2, "1e-3"), (1e-3, "1e-4")]
        .map { TiltRung(tilt: $0.0, scale: $0.1) }
    /// (6U): the Gaussian direction and its ε ladder (decreasing), full and quick.
    public var counterexampleSeed: UInt64 = 2
    public var counterexampleLadder: [DecimalNumber] = ["1e-2", "1e-3", "1e-4", "1e-5"]
    public var quickCounterexampleLadder: [DecimalNumber] = ["1e-3", "1e-4"]
    /// (6L), (6C): the smallest rate of D ∝ ε^r, D ∝ τ^r counted as "falls".
    public var minimumRate = 0.5
    /// (6U): the smallest difference of limits (and of p̂) counted as "different".
    public var separationBound = 1e-3

    public init() {}
    public var cost: Double { 6 }
    public var withoutLadder: String? { Self.convergedRunsReason }
    public let info = ClaimInfo(
        id: 6, title: "Small-initialization limit", status: .paper,
        statement: "The limit of the flow from ε θ̂₀ as ε → 0 depends only on p̂ = p(θ̂₀)/‖p(θ̂₀)‖, up to the per-neuron sign symmetry of odd σ (and the order of the neurons); limits are compared as converged points modulo these symmetries. (6L) Pairs with equal p̂ and different Ĉ: the distance between their limits falls with ε at a fitted rate D ∝ ε^r, r ≥ 0.5 beyond its uncertainty. (6C, the paper's statement) When the first layer starts negligible, ‖w_k(0)‖ = o(|a_k(0)|), equal Ĉ = C(θ₀)/‖C(θ₀)‖₂ gives the same limit: for pairs of different initializations with equal Ĉ and first-layer tilt τ, the distance between their limits falls as τ and ε decrease together, at a fitted rate D ∝ τ^r with r ≥ 0.5 beyond its uncertainty. (6U, the counterexample) For general initializations equal Ĉ does not fix the limit: a Gaussian direction and the same with its first layer negated have equal Ĉ, different p̂ and limits that stay apart as ε → 0.",
        latex: #"\lim_{\varepsilon\to0}\theta^\infty_\varepsilon(\hat\theta_0) = \Theta^\infty_{\hat p}\ \text{(mod signs, permutations)},\qquad \|w_k(0)\| = o(|a_k(0)|) \Rightarrow |\hat p_k| \to \sqrt{\hat C_k}\big/\big(\textstyle\sum_l \hat C_l\big)^{1/2}"#,
        hypotheses: ["σ analytic, odd, σ(0) = 0, σ'(0) = 1 (tanh)", "p(θ̂₀) ≠ 0", "(6L): equal p̂", "(6C): equal Ĉ, first-layer tilt τ → 0 with ε", "runs converged (two gradient tolerances)"],
        quantities: ["(6L) D(ε) = dist_G(θ∞_A, θ∞_B) for equal p̂ on an ε ladder and its fitted rate", "(6C) D(τ, ε) = dist_G(θ∞_A, θ∞_B) on a joint (τ, ε) ladder and its fitted rate against τ", "(6U) D(ε) for equal Ĉ, different p̂, at the smallest ε", "Ĉ_A = Ĉ_B; dist_G(p̂_A, p̂_B)"])

    static let onlyGrowth = (id: "6L", title: "only p̂ matters",
                             meaning: "Different initializations with equal p̂ (and different Ĉ) have the same limit as ε → 0 (modulo signs and permutations): the distance between their limits falls with ε.")
    static let conditional = (id: "6C", title: "equal Ĉ, first layer negligible",
                              meaning: "Different initializations with equal Ĉ and ‖w_k(0)‖ = o(|a_k(0)|) have the same limit (modulo signs and permutations): the distance between their limits falls as τ and ε decrease.")
    static let counterexample = (id: "6U", title: "counterexample: Ĉ alone does not fix the limit",
                                 meaning: "A Gaussian initialization and the same with its first layer negated have equal Ĉ, different p̂ and limits that stay apart as ε → 0.")

    public func spec(_ direction: [Double], scale: DecimalNumber) throws -> ProblemSpec {
        Experiment.standard(d: dimension, m: width, n: sampleCount, dataSeed: dataSeed,
                            initialization: try EqualImbalancePair.family(direction), scale: scale)
    }

    public var network: TwoLayerNetwork {
        TwoLayerNetwork(width: width, inputDimension: dimension, hasBias: false, activation: .tanh)
    }

    /// (6U): the Gaussian direction and the same with its first layer negated.
    public func counterexampleDirections() throws -> (first: [Double], second: [Double]) {
        let theta: [Double] = try Initialization(family: .gaussian(seed: counterexampleSeed, layerScaleRatio: "1"), scale: "1")
            .direction(for: network, precision: .double)
        let q = network.neuronBlockSize
        return (theta, theta.enumerated().map { j, x in j % q == 0 ? x : -x })
    }

    /// Every pair of runs, the runs shared out over the cores.
    public struct Measurement: Sendable {
        /// (6L) per pair along its ε ladder; (6C) per pair along the joint ladder; (6U) along its ε ladder.
        public var equalGrowth: [[LimitPair]]
        public var conditional: [[LimitPair]]
        public var counterexample: [LimitPair]
        /// The first direction of every pair at 3ε_min against 3 × its image under G (neurons
        /// swapped, signs flipped) at ε_min: the same flow relabelled, reached through different
        /// roundings, so their D is the runs' numerical floor (it sees the integrator's error,
        /// which the change of the gradient tolerance does not).
        public var mirrors: [LimitPair]
        /// D's numerical floor, the largest mirrored D, added to every D's uncertainty (infinite if
        /// a mirrored run did not converge or none was made).
        public var floor: Double {
            mirrors.isEmpty || !mirrors.allSatisfy({ $0.converged && $0.distance.isFinite }) ? .infinity : mirrors.map(\.distance).max()!
        }
    }

    /// Every pair of runs of the three readings and the mirrored pairs, made in one batch shared
    /// out over the cores (quick mode: the quick pairs and ladders).
    public func measure(_ context: CheckContext) throws -> Measurement {
        let growthPairs = context.quick ? quickEqualGrowthPairs : equalGrowthPairs
        let growthScales = context.quick ? quickEqualGrowthLadder : equalGrowthLadder
        let chosen = context.quick ? quickPairs : pairs
        let rungs = context.quick ? quickTiltLadder : tiltLadder
        let scales = context.quick ? quickCounterexampleLadder : counterexampleLadder
        let zHat = try linearDirection()
        var jobs: [LimitPair.Job] = [], mirrors: [LimitPair.Job] = []
        for pair in growthPairs {
            let (a, b) = try pair.directions(zHat: zHat, network: network)
            jobs += growthScales.map { LimitPair.Job(tilt: nil, scale: $0, directions: (a, b)) }
            if !growthScales.isEmpty, let last = jobs.last { mirrors.append(try mirrorJob(last)) }
        }
        for pair in chosen {
            for rung in rungs {
                let (a, b) = try pair.directions(tilt: rung.tilt, network: network)
                jobs.append(LimitPair.Job(tilt: rung.tilt, scale: rung.scale, directions: (a, b)))
            }
            if !rungs.isEmpty, let last = jobs.last { mirrors.append(try mirrorJob(last)) }
        }
        let (u, v) = try counterexampleDirections()
        jobs += scales.map { LimitPair.Job(tilt: nil, scale: $0, directions: (u, v)) }
        if !scales.isEmpty, let last = jobs.last { mirrors.append(try mirrorJob(last)) }
        jobs += mirrors
        context.progress("claim-06: \(jobs.count) pairs of runs to convergence")
        var measured = try LimitPair.run(jobs, check: self)[...]
        func take(_ n: Int) -> [LimitPair] { defer { measured = measured.dropFirst(n) }; return Array(measured.prefix(n)) }
        let growth = growthPairs.map { _ in take(growthScales.count) }
        let conditional = chosen.map { _ in take(rungs.count) }
        let counter = take(scales.count)
        return Measurement(equalGrowth: growth, conditional: conditional, counterexample: counter, mirrors: Array(measured))
    }

    /// A job's first direction at 3ε against 3 × its image under G at ε.
    func mirrorJob(_ job: LimitPair.Job) throws -> LimitPair.Job {
        LimitPair.Job(tilt: job.tilt, scale: try DecimalNumber(String(format: "%.6g", 3 * job.scale.doubleValue)),
                      directions: (job.directions.first, mirrored(job.directions.first).map { 3 * $0 }), secondScale: job.scale)
    }

    /// θ's image under G: the neurons in reverse order, each with its sign flipped.
    func mirrored(_ theta: [Double]) -> [Double] {
        let q = network.neuronBlockSize
        return (0..<width).reversed().flatMap { k in theta[(k * q)..<(k * q + q)].map { -$0 } }
    }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        let m = try measure(context)
        var outcome = ClaimOutcome()
        outcome.readings = [
            Reading.Draft(id: Self.onlyGrowth.id, title: Self.onlyGrowth.title, meaning: Self.onlyGrowth.meaning,
                          comparisons: equalGrowthComparisons(m.equalGrowth, floor: m.floor)),
            Reading.Draft(id: Self.conditional.id, title: Self.conditional.title, meaning: Self.conditional.meaning,
                          comparisons: conditionalComparisons(m.conditional, floor: m.floor)),
            Reading.Draft(id: Self.counterexample.id, title: Self.counterexample.title, meaning: Self.counterexample.meaning,
                          comparisons: counterexampleComparisons(m.counterexample, floor: m.floor)),
        ]
        outcome.notes = notes(m, quick: context.quick)
        outcome.figures = figures(m)
        return outcome
    }

    /// (6L): equal p̂ (the hypothesis), different Ĉ, then one rate against ε per pair.
    func equalGrowthComparisons(_ measured: [[LimitPair]], floor: Double) -> [Comparison] {
        let all = measured.flatMap { $0 }
        var out = [Comparison(
            quantity: "(6L) max ‖p̂_A − p̂_B‖₂ over \(all.count) rungs (hypothesis: equal p̂)",
            measured: all.map(\.growthGap).max() ?? .nan, relation: .atMost, bound: pow2(-45),
            boundReason: "2^(−45): equal up to rounding in double", uncertainty: 0, uncertaintySource: "computed from the directions")]
        out.append(Comparison(
            quantity: "(6L) min ‖Ĉ_A − Ĉ_B‖₂ (the pair differs in Ĉ: only p̂ is shared)",
            measured: all.map(\.imbalanceGap).min() ?? .nan, relation: .atLeast, bound: separationBound,
            boundReason: "a Ĉ difference well above rounding", uncertainty: 0, uncertaintySource: "computed from the directions"))
        for (i, ladder) in measured.enumerated() {
            out.append(rateComparison("(6L) pair \(i + 1): rate r of D(ε) ∝ ε^r as ε → 0", ladder.map(\.scale.doubleValue), ladder, floor: floor,
                                      reason: "D → 0 at least like ε^\(minimumRate) (our choice: positive with margin; step 1's frozen ε w^⊥ gives ε¹)"))
        }
        return out
    }

    /// (6C): equal Ĉ on every rung (the hypothesis), then one rate against τ per pair.
    func conditionalComparisons(_ measured: [[LimitPair]], floor: Double) -> [Comparison] {
        var out = [imbalanceComparison("(6C)", measured.flatMap { $0 })]
        for (i, ladder) in measured.enumerated() {
            out.append(rateComparison("(6C) pair \(i + 1): rate r of D(τ, ε) ∝ τ^r on the joint ladder (τ, ε) → 0", ladder.map { $0.tilt ?? .nan }, ladder, floor: floor,
                                      reason: "D → 0 at least like τ^\(minimumRate) (our choice: positive with margin; a smooth dependence on p̂ gives τ¹)"))
        }
        return out
    }

    /// The fitted rate of D against x along a ladder, at least `minimumRate` beyond its uncertainty.
    func rateComparison(_ name: String, _ x: [Double], _ ladder: [LimitPair], floor: Double, reason: String) -> Comparison {
        let fit = LogLogRate(zip(x, ladder).map { (x: $0, value: $1.distance, uncertainty: $1.uncertainty + floor) })
        return Comparison(
            quantity: "\(name) (least squares over \(fit?.points ?? 0) resolved rungs)",
            measured: fit?.rate ?? .nan, relation: .atLeast, bound: minimumRate, boundReason: reason,
            uncertainty: fit?.uncertainty ?? .infinity,
            uncertaintySource: "t(0.975, N−2) × the slope's standard error + the slope's change under each rung's uncertainty (tolerance change + the mirrored pairs' numerical floor)")
    }

    /// (6U): equal Ĉ, p̂ different modulo the symmetries, and the limits apart at the smallest ε.
    func counterexampleComparisons(_ measured: [LimitPair], floor: Double) -> [Comparison] {
        var out = [imbalanceComparison("(6U)", measured)]
        guard let last = measured.last else { return out }
        out.append(Comparison(
            quantity: "(6U) dist_G(p̂_A, p̂_B) (the pair differs in p̂ modulo signs and permutations)",
            measured: last.growthDistance, relation: .atLeast, bound: separationBound,
            boundReason: "a p̂ difference well above rounding", uncertainty: 0, uncertaintySource: "computed from the directions"))
        let previous = measured.count >= 2 ? measured[measured.count - 2].distance : .infinity
        out.append(Comparison(
            quantity: "(6U) D(ε_min = \(last.scale)) = dist_G(θ∞_A, θ∞_B) for equal Ĉ, different p̂",
            measured: last.distance, relation: .atLeast, bound: separationBound,
            boundReason: "limits apart by at least 1e-3 (O(1) states; our choice)",
            uncertainty: Swift.abs(last.distance - previous) + last.uncertainty + floor,
            uncertaintySource: "change of D from the previous ε rung (distance to the ε → 0 value) + change between gradient tolerances + the mirrored pairs' numerical floor"))
        return out
    }

    /// max ‖Ĉ_A − Ĉ_B‖₂ over the rungs against rounding in double.
    func imbalanceComparison(_ name: String, _ measured: [LimitPair]) -> Comparison {
        Comparison(
            quantity: "\(name) max ‖Ĉ_A − Ĉ_B‖₂ over \(measured.count) rungs (hypothesis: equal Ĉ)",
            measured: measured.map(\.imbalanceGap).max() ?? .nan, relation: .atMost, bound: pow2(-45),
            boundReason: "2^(−45): equal up to rounding in double", uncertainty: 0, uncertaintySource: "computed from the directions")
    }
}
