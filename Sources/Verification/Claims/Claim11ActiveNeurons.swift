import Foundation
import TwoLayerNet

/// Claim 11 (proofs/claim-11.md): only some neurons stay active.
///
/// Reading tested: for tanh, every limit that `Recovery` judges recovered lies in the aligned
/// target set Q*_al (`TargetSetDistance`): dist(θ∞, Q*_al) is at the run's floor, so no
/// neuron with a_k ≠ 0 ≠ w_k points off ±w* (no cancelling pair). The roles at the nearest
/// point (aligned ±w*, silent, dead) and the active (aligned) count are reported against Ĉ and
/// p̂ of θ̂₀, over prescribed-imbalance initializations Ĉ = (cos φ, sin φ) (m = 2).
public struct ActiveNeurons: ClaimCheck {
    /// Input dimension, width, sample size and the data seed of the runs.
    public var dimension = 3
    public var width = 2
    public var sampleCount = 10
    public var dataSeed: UInt64 = 1
    /// Angles φ (degrees) of Ĉ = (cos φ, sin φ) (m = 2), full and quick; seed and tilt of the
    /// prescribed-imbalance family (tilt 0: first layer zero where Ĉ_k ≥ 0).
    public var angles: [Double] = [0, 15, 30, 45, 75, 90, 120]
    public var quickAngles: [Double] = [15, 45, 120]
    public var initializationSeed: UInt64 = 3
    public var tilt = "0"
    /// ε of every run.
    public var scale = "1e-4"
    /// true: the claim's reading (only recovered limits are judged). false: the unconditional
    /// reading "every converged limit lies in Q*_al", which a non-recovering problem breaks.
    public var onlyRecoveredLimits = true

    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 11, title: "Only some neurons stay active", status: .paper,
        statement: "For tanh, a converged small-initialization limit that recovers (the recovery verdict, proofs/recovery.md) lies in the aligned target set Q*_al: dist(θ∞, Q*_al) is at the floor (every neuron with a_k ≠ 0 and w_k ≠ 0 has w_k = ±w*; no cancelling pairs). The roles at the nearest point of Q*_al and the active (aligned) count are reported against Ĉ and p̂ of θ̂₀.",
        latex: #"\theta_\infty \in Q^* \Rightarrow \forall k:\ a_k = 0 \ \lor\ w_k = 0 \ \lor\ w_k = \pm w^*"#,
        hypotheses: ["tanh", "recovered limit (recovery verdict at double, proofs/recovery.md)", "run converged (gradient criterion at two tolerances)", "m ≤ 12 (exhaustive role search)"],
        quantities: ["distance of the limit to the aligned target set Q*_al against F^(1/4)", "active count and roles against Ĉ, p̂"])

    /// One limit of the check: the initialization's Ĉ angle and what its limit is.
    public struct Record: Sendable {
        public var angle: Double
        public var limit: ConvergedLimit
    }

    /// The distance a recovered limit may keep from Q*_al: F^(1/4), with F the run's floor on
    /// the risk. Near Q*_al the risk grows like the squared distance in non-degenerate
    /// directions, but only like its fourth power in degenerate ones (two aligned neurons
    /// trading a_1δw_1 = −a_2δw_2), so R ≤ F allows a distance up to about F^(1/4).
    public static func distanceBound(floor: Double) -> Double { pow(floor, 0.25) }

    public func spec(angle: Double) -> ProblemSpec {
        let c = [cos(angle * .pi / 180), sin(angle * .pi / 180)].map { abs($0) < 1e-15 ? 0 : $0 }
        let texts = c.map { String(format: "%.17g", $0) }
        return Experiment.standard(d: dimension, m: width, n: sampleCount, dataSeed: dataSeed,
                                   initialization: .prescribedImbalance(normalizedImbalance: texts, seed: initializationSeed, tilt: tilt),
                                   scale: scale)
    }

    /// The limits of the check's runs (double, to convergence at two tolerances).
    public func measure(_ context: CheckContext) throws -> [Record] {
        precondition(width == 2, "the Ĉ angles parametrize m = 2")
        return try (context.quick ? quickAngles : angles).map { phi in
            context.progress("claim-11: Ĉ angle \(phi)°")
            return Record(angle: phi, limit: try ConvergedLimit(spec(angle: phi)))
        }
    }

    public var withoutLadder: String? { Self.convergedRunsReason }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        let records = try measure(context)
        var outcome = ClaimOutcome()
        var judged = 0
        for r in records {
            let l = r.limit, rec = l.recovery
            let c = l.normalizedImbalance.map { $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") } ?? "—"
            let p = l.normalizedGrowth.map { $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") } ?? "—"
            let roles = rec.roles.joined(separator: ", ")
            let active = rec.roles.filter { $0.hasPrefix("aligned") }.count
            let finalA = (0..<width).map { String(format: "%.4f", l.state[$0 * (1 + dimension)]) }.joined(separator: ", ")
            outcome.notes.append("φ = \(r.angle)°: Ĉ = (\(c)), p̂ = (\(p)); \(rec.outcome.rawValue) (R = \(Comparison.text(rec.risk)) ± \(Comparison.text(l.riskUncertainty)), floor F = \(Comparison.text(rec.floor)), converged: \(l.converged)); dist(θ∞, Q*_al) = \(rec.alignedDistance.map(Comparison.text) ?? "—"); roles [\(roles)], \(active) active; a∞ = (\(finalA)); \(String(format: "%.2f", l.seconds)) s (default run \(String(format: "%.2f", l.mainSeconds)) s; steps \(l.steps.main) + \(l.steps.loose))")
            guard l.converged else { continue }
            guard rec.outcome == .recovered || !onlyRecoveredLimits else { continue }
            guard let d = rec.alignedDistance else { continue }
            judged += 1
            let bound = ActiveNeurons.distanceBound(floor: rec.floor)
            outcome.comparisons.append(Comparison(
                quantity: "dist(θ∞, Q*_al), Ĉ angle φ = \(r.angle)° (\(rec.outcome.rawValue); roles [\(roles)])",
                measured: d, relation: .atMost, bound: bound,
                boundReason: "F^(1/4), F = \(Comparison.text(rec.floor)) the run's risk floor (degenerate directions: R ∝ distance⁴)",
                uncertainty: l.alignedDistanceUncertainty,
                uncertaintySource: "change of the distance between gradient tolerances 2^-45 and 2^-\(ConvergedLimit.looseGradientBits)"))
        }
        if judged == 0 {
            outcome.notes.append(onlyRecoveredLimits
                ? "No converged limit was judged recovered: the claim's hypothesis is not met by any run, so nothing is decided."
                : "No converged limit: nothing is decided.")
        }
        outcome.notes.append("Setting: tanh, d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1; initialization prescribed_imbalance(Ĉ = (cos φ, sin φ), seed \(initializationSeed), tilt \(tilt)) at ε = \(scale); φ ∈ \((context.quick ? quickAngles : angles).map { "\($0)" }.joined(separator: ", "))°. Runs in double to convergence (flow-time guard 1e7), repeated at a looser gradient tolerance for the uncertainty.")
        outcome.notes.append(Recovery.criterion)
        outcome.notes.append(onlyRecoveredLimits
            ? "Reading: only limits judged recovered are compared with Q*_al (the claim's hypothesis); unconverged or non-recovered limits are listed but not judged."
            : "Reading (hypothesis dropped on purpose): every converged limit is compared with Q*_al, recovered or not.")
        outcome.notes.append("Bound: dist(θ∞, Q*_al) ≤ F^(1/4) (our choice): a recovered limit can sit off Q*_al only along directions where the risk is quartic; a cancelling pair or a non-aligned active neuron puts the distance at O(1).")
        let judgedRecords = records.filter { $0.limit.converged }
        outcome.figures.append(Figure(
            id: "claim-11-active-count", title: "Active neurons in the limit against Ĉ = (cos φ, sin φ)",
            xLabel: "φ (degrees)", yLabel: "count / value",
            series: [
                Figure.Series(label: "active (aligned) neurons, recovered limits", style: .points,
                              points: judgedRecords.filter { $0.limit.recovery.outcome == .recovered }
                                .map { ($0.angle, Double($0.limit.recovery.roles.filter { $0.hasPrefix("aligned") }.count)) }),
                Figure.Series(label: "|p̂_1|", style: .line,
                              points: records.compactMap { r in r.limit.normalizedGrowth.map { (r.angle, abs($0[0])) } }),
                Figure.Series(label: "|a_1(∞)|", style: .points,
                              points: judgedRecords.map { ($0.angle, abs($0.limit.state[0])) }),
            ],
            caption: "Which neurons stay active depends on Ĉ: near-balanced Ĉ keeps both aligned, unbalanced Ĉ silences one (a_k → 0)."))
        outcome.figures.append(Figure(
            id: "claim-11-aligned-distance", title: "Distance of the limit to Q*_al and its bound",
            xLabel: "φ (degrees)", yLabel: "distance", yScale: .log,
            series: [
                Figure.Series(label: "dist(θ∞, Q*_al)", style: .points,
                              points: judgedRecords.compactMap { r in r.limit.recovery.alignedDistance.map { (r.angle, $0) } }),
                Figure.Series(label: "bound F^(1/4)", style: .reference,
                              points: judgedRecords.map { ($0.angle, ActiveNeurons.distanceBound(floor: $0.limit.recovery.floor)) }),
            ],
            caption: "Recovered limits sit at the floor; a cancelling pair would sit at O(1)."))
        return outcome
    }
}
