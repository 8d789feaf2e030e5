import GradientFlow
import MultiPrecision
import TwoLayerNet

/// Claim 12 (proofs/claim-12.md): the integrator against an exact closed form.
///
/// Problem (proofs/claim-12.md, "Numerical check"): x_i ∈ {(±c, ±c)} (n = 4; c = 1 whitens the
/// data exactly), target a* = 1, w* = (1, 1/2), so v = (1/n)Σ y_i x_i = c²w* and s = ‖v‖;
/// start a(0) = b₀·(1 + imbalance), w(0) = b₀v/s with b₀ = 1/10. The check compares a(t)² at
/// t = 1, 10, 100 with s/(1 + (s/b₀² − 1)e^{−2st}) at every rung of the ladder, relative error
/// ≤ 2^(−p+12), decided at the rung's precision, each rung's uncertainty measured from runs at
/// p + 32 bits and at a looser tolerance (`UncertaintyRuns`). `inputScale ≠ 1` (data not whitened) or `imbalance ≠ 0` (unbalanced start)
/// break the hypotheses on purpose.
public struct IntegratorReference: ClaimCheck {
    /// c: the data are (±c, ±c); whitened only for c = 1.
    public var inputScale = Rational(1)
    /// a(0) = b₀(1 + imbalance); balanced only for 0.
    public var imbalance = Rational(0)
    public var times = [1, 10, 100]

    public init() {}
    public var cost: Double { 1 }
    public let info = ClaimInfo(
        id: 12, title: "Integrator reference", status: .derivedExact,
        statement: "Linear σ, m = 1, whitened data ((1/n)Σ x_i x_iᵀ = I), balanced start a(0) = ẑᵀw(0) = b₀ > 0 with w(0) ∥ v, v = (1/n)Σ y_i x_i, s = ‖v‖: a(t)² = s / (1 + (s/b₀² − 1)e^{−2st}) at any t.",
        latex: #"a(t)^2 = \frac{s}{1 + \left(\frac{s}{b_0^2} - 1\right)e^{-2st}}"#,
        hypotheses: ["σ linear, m = 1", "whitened data", "balanced start a(0) = ẑᵀw(0), w(0) ∥ v"],
        quantities: ["relative error of a(t)² at t = 1, 10, 100 against the closed form, at every rung"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var outcome = ClaimOutcome()
        let rungs = context.ladder, top = rungs.max() ?? Rung(bits: 256), last = times.max() ?? 100
        // The ladder follows a(t)² at the last time; the other times are checked per rung below.
        let sweepRung = rungs.filter { !$0.isDouble && $0.bits <= 512 }.max()
        let runner = LadderRunner(rungs: rungs, fixedToleranceBits: context.precision.isDouble ? nil : context.precision.bits,
                                  fixedPrecision: sweepRung,
                                  toleranceSweep: sweepRung.map { p in [p.bits / 4, p.bits / 2, 3 * p.bits / 4, p.bits] } ?? [],
                                  progress: context.progress)
        let ladder = try runner.run(SquaredOutputWeight(check: self, time: last),
                                    reference: (closedForm(at: last, bits: top.bits + 64),
                                                "closed form s/(1 + (s/b₀² − 1)e^{−2st}) at t = \(last)"))
        outcome.ladder = ladder
        var series: [(Double, Double)] = []
        for rung in rungs {
            let runs = UncertaintyRuns(main: rung, progress: context.progress)
            let referenceBits = runs.otherPrecision.bits + 64
            let references = times.map { closedForm(at: $0, bits: referenceBits) }
            let measured = try runs.measure { [try worstError($0, references, bits: referenceBits)] }[0]
            let digits = agreementDigits(relativeError: measured.value.doubleValue, cap: rung.precision.decimalDigits)
            series.append((Double(rung.bits), digits))
            outcome.comparisons.append(Comparison(
                quantity: "max over t ∈ \(times) of |a(t)² − closed form| / closed form, \(rung)",
                measured: measured, relation: .atMost, bound: BigFloat.power2(-(rung.bits - 12)),
                boundReason: "chosen: 2^(−p+12), p = \(rung.bits); the closed form is exact (claim 12), so every positive bound is implied; 12 bits of room for the tolerance 2^(−p) summed over the steps and the rounding",
                reference: "s/(1 + (s/b₀² − 1)e^{−2st}) at \(referenceBits) bits", agreementDigits: digits))
        }
        outcome.figures.append(Figure(
            id: "claim-12-digits", title: "Claim 12: digits of a(t)² against the closed form",
            xLabel: "precision (bits)", yLabel: "decimal digits", series: [
                Figure.Series(label: "measured (worst of t = \(times))", style: .points, points: series),
                Figure.Series(label: "digits the precision carries", style: .reference,
                              points: zip(rungs, series).map { ($1.0, $0.precision.decimalDigits) }),
            ], caption: "The integrator keeps the closed form to within 12 bits of the working precision at every rung."))
        outcome.notes.append("Data x_i ∈ {(±\(inputScale), ±\(inputScale))}, w* = (1, 1/2), b₀ = 1/10, a(0) = b₀(1 + \(imbalance)); the default integrator (Taylor, implicit when stiff) with its default tolerance 2^(−p) (2^(−47) in double).")
        return outcome
    }

    /// The reference problem at precision p: network, data, θ(0) and s = ‖v‖.
    func problem<S: Scalar>(_ p: Precision) -> (TwoLayerNetwork, Dataset<S>, [S], S) {
        let c = S(inputScale, precision: p)
        let signs: [(Int, Int)] = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
        let inputs = signs.flatMap { [S($0.0, precision: p) * c, S($0.1, precision: p) * c] }
        let half = S(Rational(numerator: 1, denominator: 2), precision: p)
        let labels = stride(from: 0, to: 8, by: 2).map { inputs[$0] + inputs[$0 + 1] * half }
        let data = Dataset(sampleCount: 4, inputDimension: 2, inputs: inputs, labels: labels)
        let network = TwoLayerNetwork(width: 1, inputDimension: 2, activation: .linear)
        // v = (1/n) Σ y_i x_i = c²(1, 1/2); s = c²√5/2.
        let s = c * c * S.sqrt(S(5, precision: p)) / S(2, precision: p)
        let b0 = S(Rational(numerator: 1, denominator: 10), precision: p)
        let v = [c * c, c * c * half]
        let a0 = b0 * S(Rational(1) + imbalance, precision: p)
        return (network, data, [a0, b0 * v[0] / s, b0 * v[1] / s], s)
    }

    /// The closed form at time t as decimal text, evaluated at `bits` (the claim's b₀ = a(0)).
    func closedForm(at t: Int, bits: Int) -> String {
        let p = (try? Precision(bits: bits)) ?? .double
        let (_, _, theta, s): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat], BigFloat) = problem(p)
        let b0 = theta[0], one = BigFloat(1, precision: p)
        let decay = BigFloat.exp(-(BigFloat(2 * t, precision: p) * s))
        return (s / (one + (s / (b0 * b0) - one) * decay)).description
    }

    /// max over `times` of |a(t)² − closed form| / closed form at one setting, against the
    /// closed forms given as text, at `bits`.
    func worstError(_ setting: UncertaintyRuns.Setting, _ references: [String], bits: Int) throws -> BigFloat {
        var worst = BigFloat(0, precision: try Precision(bits: bits))
        for (t, reference) in zip(times, references) {
            let q = SquaredOutputWeight(check: self, time: t)
            let m = setting.rung.isDouble ? try q.measure(Double.self, .double, toleranceBits: setting.toleranceBits)
                : try q.measure(BigFloat.self, setting.precision, toleranceBits: setting.toleranceBits)
            guard let e = Comparer(reference, bits: bits).exactRelativeError(m.text), !e.isNaN else { return BigFloat(Double.nan) }
            worst = Swift.max(worst, e)
        }
        return worst
    }
}

/// a(t)² of claim 12's problem, integrated at `S`/`p`; each run made once per process
/// (`RunCache`: the ladder's runs serve the comparisons' uncertainties).
struct SquaredOutputWeight: LadderQuantity {
    let check: IntegratorReference
    let time: Int
    var name: String { "a(t)² at t = \(time) (claim 12)" }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        let key = "claim 12 a(t)² at t = \(time), c = \(check.inputScale), imbalance \(check.imbalance), \(S.self), \(RunCache.key(p, toleranceBits: toleranceBits))"
        return try RunCache.shared.value(key) { try integrate(S.self, p, toleranceBits: toleranceBits) }
    }

    func integrate<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        let (network, data, theta0, _): (TwoLayerNetwork, Dataset<S>, [S], S) = check.problem(p)
        var options = FlowOptions.until(DecimalNumber(time), escapeRadius: nil)
        options.toleranceBits = toleranceBits
        var integrator = GradientFlowIntegrator(network: network, data: data, options: options)
        let run = try integrator.integrate(from: theta0)
        guard run.status == .reachedTime else { throw VerificationError.runIncomplete("claim 12: run ended \(run.status.rawValue)") }
        let a = run.final.state[0]
        return LadderMeasurement(a * a, toleranceBits: run.toleranceBits)
    }
}
