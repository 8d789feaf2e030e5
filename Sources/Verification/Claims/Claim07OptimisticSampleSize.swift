import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 7 (proofs/claim-07.md): the optimistic sample size, n_opt = d + 1 without bias (7a) and
/// d + 2 with a bias b_k in every neuron (7b), each reading with its own verdict.
///
/// Per reading, with D = d (7a) or d + 1 (7b) the length of w̃_k: (i) the model rank of J at the
/// one-neuron point θ° (neuron 1 = (a*, w̃*) = (1, e_1, [0]), the others 0), certified by interval
/// arithmetic (`CertifiedRank`), for n = 1 … 2·n_opt samples, and at other points of Q* (sign
/// flip, split target, a silent or a dead extra neuron); (ii) the dynamics in double (escalating
/// when double cannot decide): no recovery for n = D − 1 (derived: the span argument, with the
/// span invariant and the distance bound dist(θ∞, Q*_al) ≥ dist(w̃*, S) − ε‖ŵ‖ measured) nor
/// n = D = n_opt − 1 (the paper's part), and at n = n_opt
/// recovery for m = 1 and from identical neurons on some draw, not from perturbed identical neurons.
public struct OptimisticSampleSize: ClaimCheck {
    /// The two readings: the network without bias (7a) and with bias (7b).
    public enum Setting: String, Sendable, CaseIterable {
        case withoutBias = "7a"
        case withBias = "7b"

        public var hasBias: Bool { self == .withBias }
        /// n_opt − d.
        var excess: Int { hasBias ? 2 : 1 }
        var nOptText: String { "d + \(excess)" }
        var title: String { hasBias ? "with bias, n_opt = d + 2" : "without bias, n_opt = d + 1" }
        var meaning: String {
            hasBias
                ? "With a bias in every neuron (x̃ = (x, 1), target without bias), the lowest model rank on Q* is d + 2, attained at the one-neuron point; no recovery for n ≤ d (span argument) nor n = d + 1; at n = d + 2 recovery is attainable."
                : "Without bias, the lowest model rank on Q* is d + 1, attained at the one-neuron point; no recovery for n < d (span argument) nor n = d (paper); at n = d + 1 recovery is attainable."
        }
    }

    /// The readings run (a test may run one).
    public var settings = Setting.allCases
    /// Input dimensions d of reading 7a and of reading 7b (quick: the first of each), and widths m.
    public var dimensions = [3, 5]
    public var biasDimensions = [3]
    public var widths = [1, 2]
    /// σ (the hypothesis: tanh; linear breaks it, rank d at θ° without bias, d + 1 with bias).
    public var activation: Activation = .tanh
    /// Data seed of the rank certification (Gaussian inputs).
    public var rankDataSeed: UInt64 = 1
    /// Runs of the dynamics: run s uses data seed s and initialization seed s. 60: 0 of 60, or 1
    /// undecided in 60, bounds the rate below `unattainableLevel` = 0.1 (proofs/counts.md).
    public var dynamicsSeeds: [UInt64] = Array(1...60)
    public var quickDynamicsSeeds: [UInt64] = [1, 2, 3]
    /// ε of the runs (double; the limit's ε-dependence is claim 10's subject).
    public var scale: DecimalNumber = "1e-6"
    /// "Never" read from counts: the rate is ≤ this level with 95 % confidence
    /// (proofs/counts.md; reported in each such comparison).
    public var unattainableLevel = RecoveryTally.unattainableLevel
    /// δ of the perturbed identical-neuron runs at n = n_opt (3e-1: on some draws R(δ) ≈ 1e-3·δ⁴).
    public var perturbation: DecimalNumber = "3e-1"
    /// Rank certification precision (bits; nil: the context's working precision).
    public var rankBits: Int? = nil

    public init() {}
    public var cost: Double { 4 }
    public var info = ClaimInfo(
        id: 7, title: "Optimistic sample size", status: .paperAndDerived,
        statement: "n_opt = d + 1 without bias (7a) and d + 2 with a bias in every neuron (7b), for every width m: the model rank rank J at the one-neuron point (one neuron (a*, w̃*), the others zero) is exactly n_opt (certified: a nonzero n_opt-minor by interval arithmetic, ≤ n_opt by structural zero columns), and no other tested point of Q* has lower rank. Dynamics (double, small ε, escalating when double cannot decide): for n = n_opt − 2 no run recovers (derived: w̃_k − w̃_k(0) stays in span{x̃_i}, which misses w̃*), for n = n_opt − 1 no run recovers (paper), and at n = n_opt recovery is attainable: some data draw recovers for m = 1 and from identical neurons (m ≥ 2), while perturbed identical neurons do not recover.",
        latex: #"n_{\mathrm{opt}} = \min_{\theta\in Q^*}\operatorname{rank} J(\theta) = d + 1\ \text{(7a, no bias)},\quad d + 2\ \text{(7b, bias)},\qquad J_{ij} = \frac{\partial f(x_i;\theta)}{\partial\theta_j}"#,
        hypotheses: ["σ = tanh (analytic, σ(0) = 0, σ'(0) ≠ 0, not linear)", "(7a) no bias; (7b) a bias b_k in every neuron, target without bias", "Gaussian data in general position"],
        quantities: ["rank of J at the one-neuron point, certified by an interval minor and structural zeros",
                     "certified rank at other points of Q*",
                     "span invariant of w̃_k − w̃_k(0) and dist(θ∞, Q*_al) for n = n_opt − 2",
                     "recovery (certified verdict, proofs/recovery.md) for n = n_opt − 2, n_opt − 1 and n_opt"])

    /// θ° and other points of Q*_al for width m (network order), as exact rationals; with bias
    /// every neuron carries b_k = 0 (the target has no bias).
    static func targetSetPoints(d: Int, m: Int, bias: Bool = false) -> [(name: String, theta: [Rational])] {
        let D = d + (bias ? 1 : 0), q = D + 1
        func point(_ neurons: [(Rational, [Rational])]) -> [Rational] {
            var t = [Rational](repeating: 0, count: m * q)
            for (k, (a, w)) in neurons.enumerated() {
                t[k * q] = a
                for j in 0..<D { t[k * q + 1 + j] = w[j] }
            }
            return t
        }
        let e1 = (0..<D).map { Rational($0 == 0 ? 1 : 0) }
        let minusE1 = e1.map { -$0 }
        let zero = [Rational](repeating: 0, count: D)
        // A fixed generic direction for the silent neuron.
        let v = (0..<D).map { Rational(numerator: ($0 % 2 == 0 ? 1 : -1) * ($0 + 1), denominator: $0 + 3) }
        var points = [("one-neuron point θ°", point([(1, e1)])), ("sign flip (−a*, −w̃*)", point([(-1, minusE1)]))]
        if m >= 2 {
            points.append(("split target (1/3, w̃*), (2/3, w̃*)", point([(Rational(numerator: 1, denominator: 3), e1), (Rational(numerator: 2, denominator: 3), e1)])))
            points.append(("θ° plus a silent neuron (0, v)", point([(1, e1), (0, v)])))
            points.append(("θ° plus a dead neuron (1/2, 0)", point([(1, e1), (Rational(numerator: 1, denominator: 2), zero)])))
        }
        return points
    }

    /// The inputs of the Gaussian draw `seed` (n rows of d doubles, the values every precision embeds).
    static func inputs(d: Int, n: Int, seed: UInt64) throws -> [[Double]] {
        let spec = Experiment.standard(d: d, m: 1, n: n, dataSeed: seed, scale: "1")
        let problem: Problem<Double> = try spec.instantiate(precision: .double)
        return (0..<n).map { i in (0..<d).map { problem.data.input(i, $0) } }
    }

    /// The certified rank of J at θ on the inputs (the bias column, when present, is 1).
    func certifiedRank(d: Int, m: Int, bias: Bool = false, theta: [Rational], inputs: [[Double]], precision p: Precision) throws -> CertifiedRank {
        let network = TwoLayerNetwork(width: m, inputDimension: d, hasBias: bias, activation: activation)
        return CertifiedRank(try ModelJacobianEnclosure.enclose(network: network, theta: theta, inputs: inputs, precision: p))
    }

    static func rankComparison(_ quantity: String, _ r: CertifiedRank, _ relation: Comparison.Relation, _ bound: Int, _ setting: Setting) -> Comparison {
        let minorText = r.minor.map { "|minor| ∈ [\($0.lower.decimal(significantDigits: 6)), \($0.upper.decimal(significantDigits: 6))], width \($0.width.decimal(significantDigits: 2))" } ?? "no nonzero minor"
        return Comparison(
            quantity: quantity, measured: Double(r.lower + r.upper) / 2,
            measuredText: "rank ∈ [\(r.lower), \(r.upper)]; \(minorText); upper bound: \(r.upperArgument.rawValue)",
            relation: relation, bound: Double(bound), boundReason: "n_opt = \(setting.nOptText) (claim 7 (i), reading \(setting.rawValue))",
            uncertainty: Double(r.upper - r.lower) / 2,
            uncertaintySource: "certified bounds: lower by a nonzero interval minor, upper by \(r.upperArgument.rawValue)")
    }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var out = ClaimOutcome()
        let p = rankBits.flatMap { try? Precision(bits: $0) } ?? (context.precision.isDouble ? .double : context.precision.precision)
        for setting in settings {
            var part = ClaimOutcome()
            let all = setting.hasBias ? biasDimensions : dimensions
            try measure(setting, dimensions: context.quick ? Array(all.prefix(1)) : all,
                        seeds: context.quick ? quickDynamicsSeeds : dynamicsSeeds, precision: p, context: context, into: &part)
            out.readings.append(Reading.Draft(id: setting.rawValue, title: setting.title, meaning: setting.meaning, comparisons: part.comparisons))
            out.figures += part.figures
            out.notes += part.notes
        }
        if let setting = settings.first, let d0 = (setting.hasBias ? biasDimensions : dimensions).first {
            out.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(CertifiedMinor(
                check: self, d: d0, bias: setting.hasBias,
                inputs: try OptimisticSampleSize.inputs(d: d0, n: 2 * (d0 + setting.excess), seed: rankDataSeed)))
        }
        out.notes.append("Rank certification: MPFI at \(p.bits) bits on the Gaussian inputs of data seed \(rankDataSeed) (exact doubles; with bias the input 1 is appended); θ° = neuron 1 (1, e_1) (with b_1 = 0), others 0; σ = \(activation). Lower bound by interval Gaussian elimination with complete pivoting (each pivot enclosure excludes 0 ⇒ nonzero minor); upper bound by \(CertifiedRank.UpperBoundArgument.structuralZeros.rawValue) for transcendental σ, or \(CertifiedRank.UpperBoundArgument.exact.rawValue).")
        out.notes.append("Dynamics: double precision, ε = \(scale), Gaussian initialization (κ = 1, with bias b_k drawn like w_kj) with seed s and Gaussian data with seed s for s ∈ \(context.quick ? quickDynamicsSeeds : dynamicsSeeds); identical neurons: the identical_neurons family (seed s, δ = 0 and δ = \(perturbation)); runs to convergence, \(RecoveryPolicy.claims.text). \(Recovery.criterion).")
        out.notes.append("Statement refined to the reading tested: rank exactly n_opt at θ° (certified both ways) and ≥ n_opt at the other Q* points tried; \"n = n_opt recovers\" read as \"attainable\" (some data draw recovers), since recovery at n_opt depends on the draw. \(Reading.rule)")
        return out
    }

    /// One reading: the certified rank for each d and m, and the dynamics.
    func measure(_ setting: Setting, dimensions dims: [Int], seeds: [UInt64], precision p: Precision,
                 context: CheckContext, into out: inout ClaimOutcome) throws {
        var rankSeries: [Figure.Series] = []
        for d in dims {
            let nOpt = d + setting.excess, nRank = 2 * nOpt
            let x = try OptimisticSampleSize.inputs(d: d, n: nRank, seed: rankDataSeed)
            for m in widths {
                let points = OptimisticSampleSize.targetSetPoints(d: d, m: m, bias: setting.hasBias)
                let r0 = try certifiedRank(d: d, m: m, bias: setting.hasBias, theta: points[0].theta, inputs: x, precision: p)
                let label = "\(setting.rawValue): d = \(d), m = \(m), n = \(nRank)"
                out.comparisons.append(OptimisticSampleSize.rankComparison("rank J at the one-neuron point ≥ \(setting.nOptText) (\(label))", r0, .atLeast, nOpt, setting))
                out.comparisons.append(OptimisticSampleSize.rankComparison("rank J at the one-neuron point ≤ \(setting.nOptText) (\(label))", r0, .atMost, nOpt, setting))
                let others = try points.dropFirst().map { ($0.name, try certifiedRank(d: d, m: m, bias: setting.hasBias, theta: $0.theta, inputs: x, precision: p)) }
                if let worst = others.min(by: { $0.1.lower < $1.1.lower }) {
                    out.comparisons.append(OptimisticSampleSize.rankComparison(
                        "min rank J over other points of Q* ≥ \(setting.nOptText) (\(label); lowest: \(worst.0))", worst.1, .atLeast, nOpt, setting))
                    out.notes.append("Claim 7, \(label): certified rank at " + others.map { "\($0.0): [\($0.1.lower), \($0.1.upper)]" }.joined(separator: "; ") + ".")
                }
                if m == widths.first {
                    rankSeries += try rankAgainstSamples(d: d, m: m, setting: setting, theta: points[0].theta, inputs: x, precision: p)
                }
                context.progress("claim-07 \(label): rank [\(r0.lower), \(r0.upper)]")
                try dynamics(d: d, m: m, setting: setting, seeds: seeds, into: &out)
            }
        }
        out.figures.append(Figure(
            id: setting.hasBias ? "claim-07-rank-7b" : "claim-07-rank",
            title: "Certified model rank at the one-neuron point against n (\(setting.title))",
            xLabel: "n (samples)", yLabel: "rank J(θ°)", series: rankSeries,
            caption: "Lower bound: a nonzero interval minor; upper bound: structural zero columns (or the exact rational rank when J is known exactly). The reference is min(n, \(setting.nOptText))."))
    }

    /// The certified bounds of rank J(θ°) on the first n inputs, n = 1 … all, and min(n, n_opt).
    func rankAgainstSamples(d: Int, m: Int, setting: Setting, theta: [Rational], inputs x: [[Double]], precision p: Precision) throws -> [Figure.Series] {
        var lo: [(Double, Double)] = [], hi: [(Double, Double)] = [], ref: [(Double, Double)] = []
        for n in 1...x.count {
            let r = try certifiedRank(d: d, m: m, bias: setting.hasBias, theta: theta, inputs: Array(x.prefix(n)), precision: p)
            lo.append((Double(n), Double(r.lower))); hi.append((Double(n), Double(r.upper)))
            ref.append((Double(n), Double(min(n, d + setting.excess))))
        }
        return [Figure.Series(label: "certified lower bound, d = \(d)", style: .points, points: lo),
                Figure.Series(label: "certified upper bound, d = \(d)", style: .points, points: hi),
                Figure.Series(label: "min(n, \(setting.nOptText)), d = \(d)", style: .reference, points: ref)]
    }
}
