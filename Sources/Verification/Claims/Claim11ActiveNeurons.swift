import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 11 (proofs/claim-11.md): only some neurons stay active; a recovered limit has no
/// cancelling group.
///
/// Every limit the certified verdict (proofs/recovery.md) judges recovered is tested by
/// `CancellingExcess`: its distance to the aligned target set Q*_al may exceed its distance to
/// Q* by no more than the verdict's bound on the remaining motion. Two readings:
/// (11a) m = 2, prescribed-imbalance initializations Ĉ = (cos φ, sin φ): the roles at the nearest
/// point of Q*_al (aligned ±w*, silent, dead) and the active count are reported against Ĉ and p̂
/// (at m = 2 a cancelling group leaves no neuron for the target, so Q* = Q*_al and the test is
/// the consistency of the two distances); (11b) m = 3 and 4, where Q* \ Q*_al is not empty, on
/// random draws (data and Gaussian initialization with seed s): no recovered limit is cancelling,
/// with the 95 % Clopper–Pearson upper bound on the rate of cancelling limits when none is seen.
public struct ActiveNeurons: ClaimCheck {
    /// Input dimension, sample size and ε of every run.
    public var dimension = 3
    public var sampleCount = 10
    public var scale: DecimalNumber = "1e-4"
    /// "Never" read from counts: the rate is ≤ this level with 95 % confidence
    /// (proofs/counts.md; reported in each such comparison).
    public var unattainableLevel = RecoveryTally.unattainableLevel
    /// (11a): m = 2, data seed, the angles φ (degrees) of Ĉ = (cos φ, sin φ), full and quick; seed
    /// and tilt of the prescribed-imbalance family (tilt 0: first layer zero where Ĉ_k ≥ 0).
    public var dataSeed: UInt64 = 1
    public var angles: [Double] = [0, 15, 30, 45, 75, 90, 120]
    public var quickAngles: [Double] = [15, 45, 120]
    public var initializationSeed: UInt64 = 3
    public var tilt: DecimalNumber = "0"
    /// (11b): the widths, the number of random draws per width (draw s = 1 … N uses data seed s
    /// and Gaussian initialization seed s), the quick seeds, and the flow-time guard of these runs
    /// (double only), full and quick. A count of 0 bounds the cancelling rate below 0.1 only
    /// over more than 36 recovered limits (proofs/counts.md), and only part of the draws are
    /// decided recovered (fewer at m = 4; the shares are in the report's notes). The guard 1e12 lets degenerate limits
    /// (silent neurons shrinking algebraically) reach the verdict's rate branch.
    public var drawWidths = [3, 4]
    public var drawCounts: [Int: Int] = [3: 60, 4: 110]
    public var quickDrawSeeds: [UInt64] = Array(1...6)
    public var drawMaximumTime: DecimalNumber = "1e12"
    public var quickDrawMaximumTime: DecimalNumber = "1e8"
    /// (11b): accepted steps allowed to each draw's double run.
    public var drawSteps = 200_000
    /// (11b): the sample size of the draws.
    public var drawSampleCount = 10

    public init() {}

    /// The seeds of (11b)'s draws at width m.
    func drawSeeds(width m: Int, quick: Bool) -> [UInt64] {
        quick ? quickDrawSeeds : Array(1...UInt64(max(1, drawCounts[m] ?? 60)))
    }
    public var cost: Double { 5 }
    /// The ladder's run: (11a) at this angle, to this flow time (past the escape).
    public var ladderAngle: Double = 45
    public var ladderTime: DecimalNumber = "50"
    public let info = ClaimInfo(
        id: 11, title: "Only some neurons stay active", status: .paper,
        statement: "For tanh, a small-initialization limit that recovers (the certified verdict, proofs/recovery.md) lies in the aligned target set Q*_al: every neuron with a_k ≠ 0 and w_k ≠ 0 has w_k = ±w*, so no group of neurons cancels (w_k = ±v, v ≠ ±w*, Σ s_k a_k = 0). Tested as: dist(θ_T, Q*_al) − dist(θ_T, Q*) is within the verdict's bound on the remaining motion. (11a) m = 2 with prescribed Ĉ, reporting the roles and the active (aligned) count against Ĉ and p̂; (11b) m = 3 and 4, where cancelling groups exist in Q*, on random draws, with a Clopper–Pearson bound on how rare cancelling limits must be when none is seen.",
        latex: #"\theta_\infty \in Q^* \Rightarrow \theta_\infty \in Q^*_{\rm al}:\ \forall k:\ a_k = 0 \ \lor\ w_k = 0 \ \lor\ w_k = \pm w^*"#,
        hypotheses: ["tanh", "recovered limit (certified verdict at double, proofs/recovery.md)", "m ≤ \(FullTargetSetDistance<Double>.maximumWidth) (exhaustive search of Q*)"],
        quantities: ["cancelling excess dist(θ_T, Q*_al) − dist(θ_T, Q*) against the remaining motion B", "(11a) active count and roles against Ĉ, p̂", "(11b) cancelling limits among the recovered ones, with a Clopper–Pearson interval"])

    static let prescribed = (id: "11a", title: "m = 2, prescribed Ĉ",
                             meaning: "Recovered limits from prescribed-imbalance initializations (m = 2) lie in Q*_al; which neurons stay active is reported against Ĉ and p̂.")
    static let random = (id: "11b", title: "m = 3, 4, random draws",
                         meaning: "At widths where Q* contains cancelling groups, no recovered limit of random draws has one.")

    /// One limit of (11a): the initialization's Ĉ angle and its converged limit.
    public struct Record: Sendable {
        public var angle: Double
        public var limit: ConvergedLimit
    }

    public func spec(angle: Double) throws -> ProblemSpec {
        let c = [cos(angle * .pi / 180), sin(angle * .pi / 180)].map { abs($0) < 1e-15 ? 0 : $0 }
        return Experiment.standard(d: dimension, m: 2, n: sampleCount, dataSeed: dataSeed,
                                   initialization: .prescribedImbalance(normalizedImbalance: try c.map(DecimalNumber.seventeenDigits),
                                                                        seed: initializationSeed, tilt: tilt),
                                   scale: scale)
    }

    /// (11a)'s limits (double, to convergence at two tolerances).
    public func measure(_ context: CheckContext) throws -> [Record] {
        let chosen = context.quick ? quickAngles : angles
        context.progress("claim-11: \(chosen.count) Ĉ angles at m = 2")
        let limits = try ConcurrentRuns.map(chosen.count) { try ConvergedLimit(spec(angle: chosen[$0])) }
        return zip(chosen, limits).map { Record(angle: $0, limit: $1) }
    }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var outcome = ClaimOutcome()
        let records = try measure(context)
        var prescribedComparisons: [Comparison] = []
        for r in records {
            outcome.notes.append(note(r))
            guard let judged = CancellingExcess(r.limit.recovery.verdict) else { continue }
            prescribedComparisons.append(judged.comparison("m = 2, Ĉ angle φ = \(r.angle)°"))
        }
        if prescribedComparisons.isEmpty {
            outcome.notes.append("(11a): no limit was judged recovered, so nothing is decided.")
        }
        outcome.figures.append(activeCountFigure(records))
        outcome.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(
            StateLadder(spec: spec(angle: ladderAngle), time: ladderTime, reading: .targetSetDistance, run: "(11a) φ = \(ladderAngle)°"))
        var randomComparisons: [Comparison] = []
        for m in drawWidths {
            let draws = try measureDraws(width: m, context: context)
            randomComparisons.append(draws.comparison)
            outcome.notes += draws.notes
        }
        outcome.readings = [
            Reading.Draft(id: Self.prescribed.id, title: Self.prescribed.title, meaning: Self.prescribed.meaning, comparisons: prescribedComparisons),
            Reading.Draft(id: Self.random.id, title: Self.random.title, meaning: Self.random.meaning, comparisons: randomComparisons),
        ]
        outcome.notes.append("Setting: tanh, d = \(dimension), Gaussian data, target a* = 1, w* = e_1, ε = \(scale). (11a) m = 2, n = \(sampleCount), data seed \(dataSeed), prescribed_imbalance(Ĉ = (cos φ, sin φ), seed \(initializationSeed), tilt \(tilt)), φ ∈ \((context.quick ? quickAngles : angles).map { "\($0)" }.joined(separator: ", "))°, double to convergence (flow-time guard 1e7) and again at a looser gradient tolerance. (11b) m ∈ \(drawWidths), n = \(drawSampleCount), data seed s and Gaussian initialization seed s for s = 1 … \(context.quick ? "\(quickDrawSeeds.count)" : drawWidths.map { "\(drawSeeds(width: $0, quick: false).count) (m = \($0))" }.joined(separator: ", ")), double to convergence (flow-time guard \(context.quick ? quickDrawMaximumTime : drawMaximumTime), at most \(drawSteps) steps), no escalation: what double cannot decide stays undecided and is not judged.")
        outcome.notes.append(Recovery.criterion)
        outcome.notes.append("Test of a recovered limit (`CancellingExcess`): c = dist(θ_T, Q*_al) − dist(θ_T, Q*) against the verdict's bound B on the remaining motion; c > B certifies a cancelling group in θ∞ (fails), c ≤ B puts θ∞ as close to Q*_al as the run resolves Q* (holds). Non-recovered and undecided limits are listed, not judged (the claim's hypothesis is recovery). \(Reading.rule)")
        return outcome
    }

    func note(_ r: Record) -> String {
        let l = r.limit, rec = l.recovery
        let c = l.normalizedImbalance.map { $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") } ?? "—"
        let p = l.normalizedGrowth.map { $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") } ?? "—"
        let active = rec.roles.filter { $0.hasPrefix("aligned") }.count
        let finalA = (0..<2).map { String(format: "%.4f", l.state[$0 * (1 + dimension)]) }.joined(separator: ", ")
        return "(11a) φ = \(r.angle)°: Ĉ = (\(c)), p̂ = (\(p)); \(rec.outcome.rawValue) (\(rec.verdict.reason)); dist(θ∞, Q*_al) = \(rec.alignedDistance.map(Comparison.text) ?? "—"); roles [\(rec.roles.joined(separator: ", "))], \(active) active; a∞ = (\(finalA)); R = \(Comparison.text(rec.risk)) ± \(Comparison.text(l.riskUncertainty)); \(String(format: "%.2f", l.seconds)) s"
    }

    func activeCountFigure(_ records: [Record]) -> Figure {
        let recovered = records.filter { $0.limit.recovery.outcome == .recovered }
        return Figure(
            id: "claim-11-active-count", title: "(11a) active neurons in the limit against Ĉ = (cos φ, sin φ), m = 2",
            xLabel: "φ (degrees)", yLabel: "count / value",
            series: [
                Figure.Series(label: "active (aligned) neurons, recovered limits", style: .points,
                              points: recovered.map { ($0.angle, Double($0.limit.recovery.roles.filter { $0.hasPrefix("aligned") }.count)) }),
                Figure.Series(label: "|p̂_1|", style: .line,
                              points: records.compactMap { r in r.limit.normalizedGrowth.map { (r.angle, abs($0[0])) } }),
                Figure.Series(label: "|a_1(∞)|", style: .points, points: recovered.map { ($0.angle, abs($0.limit.state[0])) }),
            ],
            caption: "Which neurons stay active depends on Ĉ; the roles of every limit are in the notes.")
    }
}
