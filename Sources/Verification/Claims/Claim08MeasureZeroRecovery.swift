import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 8 (proofs/claim-08.md): recovery at n_opt only on a measure-zero set, in two readings.
///
/// (8a) On some data draw, the run from identical neurons (the `identical_neurons` family, δ = 0)
/// recovers. (8b) On such a draw, the start moved off the diagonal by δ along each of several
/// random unit directions g_j, θ̂₀ = θ̂_D + δ g_j, does not recover for any δ of the ladder, and
/// R(δ) → 0: the least-squares rate r of R(δ) ∝ δ^r over the `tailPoints` smallest resolved δ
/// along each direction is at least `minimumRate` beyond its uncertainty (fails only when
/// r + u < 0; a rate in between is undecided) (`LogLogRate`: the slope's 95 % Student-t half-width plus
/// its change under each point's uncertainty). R's uncertainty at a point: the quadrature error
/// estimate plus the change of R over the remaining motion B of the verdict.
public struct MeasureZeroRecovery: ClaimCheck {
    public var dimensions = [3, 5]
    public var quickDimensions = [3]
    /// m ≥ 2 (m = 1 makes (8b) vacuous).
    public var width = 2
    public var activation: Activation = .tanh
    /// n = d + 1 + sampleOffset; the claim is about sampleOffset = 0 (n = n_opt).
    public var sampleOffset = 0
    /// The data draws of (8a) (Gaussian, one seed each) and the initialization seed of θ̂_D.
    public var dataSeeds: [UInt64] = [1, 2, 3, 4]
    public var quickDataSeeds: [UInt64] = [2, 3]
    public var initializationSeed: UInt64 = 2
    /// (8b): the data draw of the perturbed runs (nil: the first draw of (8a) that recovers).
    public var perturbedDataSeed: UInt64? = nil
    /// (8b): seeds of the random directions g_j (standard normal in R^P, normalized), full and quick.
    public var directionSeeds: [UInt64] = Array(101...108)
    public var quickDirectionSeeds: [UInt64] = Array(101...104)
    /// (8b): the δ ladder, decreasing (decimal text), full and quick; a direction's ladder stops
    /// after the first δ with R < `riskFloor`. It ends at 1e-10: off the diagonal the flow can
    /// amplify a perturbation by many orders (proofs/claim-08.md step 6), and with it double's own
    /// step errors, which then compete with δ.
    public var deltas = ["1e-1", "3e-2", "1e-2", "3e-3", "1e-3", "3e-4", "1e-5", "1e-6", "1e-7", "1e-8", "1e-9", "1e-10"]
    public var quickDeltas = ["1e-1", "1e-2", "1e-3"]
    /// (8b): below this R, smaller δ add no resolved point in double (R's quadrature error is
    /// about 1e-16).
    public var riskFloor = 1e-14
    /// (8b): the rate is fitted over this many smallest resolved δ.
    public var tailPoints = 4
    public var scale: DecimalNumber = "1e-6"
    /// "Never" read from counts: the rate is ≤ this level with 95 % confidence
    /// (proofs/counts.md; reported in each such comparison).
    public var unattainableLevel = RecoveryTally.unattainableLevel
    /// The smallest rate r of R(δ) ∝ δ^r counted as "R → 0".
    public var minimumRate = 0.5
    /// True: the unperturbed start has identical neurons (the hypothesis). False: a Gaussian
    /// start with the same seed (breaks it).
    public var identicalStart = true

    public init() {}
    public var cost: Double { 5 }
    /// The ladder's run: (8a)'s first dimension and data seed from identical neurons, to this
    /// flow time (past the escape).
    public var ladderTime: DecimalNumber = "50"
    public var info = ClaimInfo(
        id: 8, title: "Measure-zero recovery at n_opt", status: .paper,
        statement: "At n = d + 1 and m ≥ 2 recovery is attainable but only from a measure-zero set. (8a) On some data draw, initializations with identical neurons (an invariant manifold on which the flow is a single-neuron flow with layer rates (m, 1/m)) recover. (8b) On such a draw, moving the start off the diagonal by δ along any of several random directions gives a limit that does not recover, for every δ of a ladder from 1e-1 down to 1e-10 (1e-3 in --quick; a direction stops once R < 1e-14), and its population risk R(δ) tends to 0 with δ: the rate r of R ∝ δ^r fitted over the four smallest resolved δ is at least 0.5 beyond its uncertainty, along every direction (a rate between 0 and 0.5 is undecided, not a failure; it fails only when R rises as δ falls). Draws on which identical neurons do not recover are reported, not counted against the claim.",
        latex: #"n = d+1:\quad \text{(8a)}\ \theta_\infty(\hat\theta_D) \in Q^*,\qquad \text{(8b)}\ \theta_\infty(\hat\theta_D + \delta g) \notin Q^*,\ R(\delta) \propto \delta^{r},\ r > 0"#,
        hypotheses: ["tanh", "n = d + 1, m ≥ 2", "identical-neuron initialization θ̂_D, perturbation δ along random unit directions", "(8b): a data draw on which the identical-neuron flow recovers"],
        quantities: ["(8a) recovery from identical neurons per data draw (certified verdict, proofs/recovery.md)",
                     "(8b) recovery of the perturbed runs per δ and direction",
                     "(8b) fitted rate of R(δ) ∝ δ^r per direction, with its uncertainty"])

    static let identical = (id: "8a", title: "identical neurons recover",
                            meaning: "On some data draw at n = d + 1, the flow from identical neurons recovers.")
    static let perturbed = (id: "8b", title: "perturbed starts do not recover, R(δ) → 0",
                            meaning: "On a draw where (8a) recovers, starts moved off the diagonal by δ along random directions do not recover, and the risk of their limits tends to 0 with δ.")

    /// The unperturbed direction θ̂_D (identical neurons, or the broken Gaussian start).
    var start: InitializationFamily {
        identicalStart ? .identicalNeurons(seed: initializationSeed, perturbation: "0")
            : .gaussian(seed: initializationSeed, layerScaleRatio: "1")
    }

    func spec(d: Int, seed: UInt64, initialization: InitializationFamily) -> ProblemSpec {
        Experiment.standard(d: d, m: width, n: d + 1 + sampleOffset, activation: activation, dataSeed: seed,
                            initialization: initialization, scale: scale)
    }

    /// θ̂_D + δ g/‖g‖, g standard normal from `directionSeed` (double, written in full).
    func perturbedStart(d: Int, directionSeed: UInt64, delta: Double) throws -> InitializationFamily {
        let network = TwoLayerNetwork(width: width, inputDimension: d, activation: activation)
        let base: [Double] = try Initialization(family: start, scale: "1").direction(for: network, precision: .double)
        var gen = PortableGaussian(seed: directionSeed)
        let g = base.map { _ in gen.next() }
        let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return .explicit(direction: try zip(base, g).map { try DecimalNumber.seventeenDigits($0 + delta * $1 / norm) })
    }


    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var out = ClaimOutcome()
        var identicalComparisons: [Comparison] = [], perturbedComparisons: [Comparison] = []
        for d in context.quick ? quickDimensions : dimensions {
            let seeds = context.quick ? quickDataSeeds : dataSeeds
            let label = "d = \(d), m = \(width), n = \(d + 1 + sampleOffset)"
            context.progress("claim-08 \(label): \(seeds.count) unperturbed runs")
            let bases = try ConcurrentRuns.decide(seeds.map { spec(d: d, seed: $0, initialization: start) }, policy: .claims)
            let tally = RecoveryTally(bases.map(\.outcome))
            identicalComparisons.append(tally.someRecovered("data draws on which \(identicalStart ? "identical neurons" : "the (non-identical) start") recover (8a, \(label))"))
            out.notes.append("Claim 8, \(label), (8a): " + zip(seeds, bases).map { "data seed \($0): \($1.outcome.rawValue) (\($1.reason))" }.joined(separator: "; ") + ".")
            guard let seed = perturbedDataSeed ?? zip(seeds, bases).first(where: { $0.1.outcome == .recovered })?.0 else {
                out.notes.append("Claim 8, \(label): no data draw recovered in (8a), so (8b) was not run.")
                continue
            }
            let ladder = try perturbedLadders(d: d, seed: seed, context: context)
            perturbedComparisons += perturbedComparisonsFor(ladder, label: "\(label), data seed \(seed)")
            out.notes += perturbedNotes(ladder, label: "\(label), data seed \(seed)")
            out.figures.append(figure(ladder, d: d, seed: seed))
        }
        if let d = (context.quick ? quickDimensions : dimensions).first, let seed = (context.quick ? quickDataSeeds : dataSeeds).first {
            out.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(
                StateLadder(spec: spec(d: d, seed: seed, initialization: start), time: ladderTime, reading: .targetSetDistance,
                            run: "(8a) d = \(d), m = \(width), n = \(d + 1 + sampleOffset), data seed \(seed), \(identicalStart ? "identical neurons" : "Gaussian start")"))
        }
        out.readings = [
            Reading.Draft(id: Self.identical.id, title: Self.identical.title, meaning: Self.identical.meaning, comparisons: identicalComparisons),
            Reading.Draft(id: Self.perturbed.id, title: Self.perturbed.title, meaning: Self.perturbed.meaning, comparisons: perturbedComparisons),
        ]
        out.notes.append("Runs: double precision, ε = \(scale), identical_neurons family (seed \(initializationSeed)) at δ = 0; the perturbed starts θ̂_D + δ g_j/‖g_j‖ (explicit directions, g_j standard normal from seed j ∈ \(context.quick ? quickDirectionSeeds : directionSeeds)), δ ∈ \(context.quick ? quickDeltas : deltas); m = \(width), σ = \(activation), to convergence, \(RecoveryPolicy.claims.text). \(Recovery.criterion).")
        out.notes.append("Readings: (8a) on some data draw (not every draw: see the per-draw notes); (8b) on the first draw where (8a) recovers; \"R(δ) → 0\" tested as a fitted power law R ∝ δ^r with r ≥ \(minimumRate) beyond its uncertainty (our choice: positive with margin), along every direction, not as monotonicity at every δ. \(Reading.rule)")
        return out
    }
}
