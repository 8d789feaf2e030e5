import GradientFlow
import MultiPrecision
import TwoLayerNet

/// Claim 1 (proofs/claim-01.md): imbalance conservation for 1-homogeneous σ.
///
/// Check: the reference problem P1 (d = 5, m = 2, n = 8, Gaussian data seed 1, Gaussian
/// initialization seed 2) with a 1-homogeneous σ, integrated from ε = 1e-30 past the escape.
/// C_k = a_k² − ‖w_k‖² ≈ ε² is a difference of terms of size a_k² + ‖w_k‖² = O(1) after escape,
/// so precision p can keep it only to about 2^(−p)·(a_k² + ‖w_k‖²) absolutely (proofs/THEORY.md §4).
/// Compared: max_k |C_k(T) − C_k(0)| / (a_k² + ‖w_k‖²)(T) ≤ 2^(−p+20), with the escape observed;
/// the uncertainty measured from runs at p + 32 bits and at a looser tolerance (`UncertaintyRuns`);
/// reported: the digits of C_k kept, −log10 |ΔC_k / C_k(0)|. The ladder follows C_1(T) (linear σ)
/// against the conserved C_1(0) at every rung, and measures the precision needed against
/// proofs/THEORY.md §4's q + 2·log10(1/ε) digits. A σ that is not 1-homogeneous (tanh) breaks the
/// hypothesis: C then drifts at O(1) scale (claim 2) and the check fails.
public struct ImbalanceConservation: ClaimCheck {
    /// The activations checked, each with its horizon (past its escape from `scale`).
    public var cases: [(activation: Activation, until: DecimalNumber)] = [(.linear, "40"), (.relu, "800")]
    public var scale: DecimalNumber = "1e-30"
    /// The digits of C asked for in the precision-needed study.
    public var digitsWanted = 15.0

    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 1, title: "Imbalance conservation", status: .derived,
        statement: "dC_k/dt = −(2a_k/n) Σ_i e_i [σ(u_ik) − u_ik σ'(u_ik)]; for 1-homogeneous σ (linear, ReLU, leaky ReLU) σ(u) = uσ'(u), so C(θ) = (a_k² − ‖w_k‖²)_k is exactly conserved along the flow.",
        latex: #"\frac{dC_k}{dt} = -\frac{2a_k}{n}\sum_{i=1}^n e_i\left[\sigma(u_{ik}) - u_{ik}\sigma'(u_{ik})\right] = 0 \quad\text{for } \sigma(u) = u\,\sigma'(u)"#,
        hypotheses: ["σ 1-homogeneous: linear, ReLU, leaky ReLU"],
        quantities: ["max_k |C_k(T) − C_k(0)| / (a_k² + ‖w_k‖²)(T) after escape from ε = 1e-30", "digits of C_k kept"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var outcome = ClaimOutcome()
        let p = context.precision, runs = UncertaintyRuns(context)
        for (activation, until) in cases {
            let run = ImbalanceAfterEscape(activation: activation, scale: scale, until: until)
            let measured = try runs.measure { [try run.drift($0).relativeToTerms] }[0]
            let r = try run.drift(runs.settings[0])
            outcome.comparisons.append(Comparison(
                quantity: "max_k |C_k(T) − C_k(0)| / (a_k² + ‖w_k‖²)(T), \(activation.name), ε = \(scale), T = \(until)",
                measured: measured, relation: .atMost, bound: BigFloat.power2(-(p.bits - 20)),
                boundReason: "chosen: 2^(−p+20), p = \(p.bits); C is exactly conserved (claim 1), so every positive bound is implied; 20 bits of room for the tolerance 2^(−p) summed over the steps and the rounding of O(1) terms",
                reference: "C_k(0), conserved",
                agreementDigits: r.digitsOfC))
            if activation.name == "linear" || outcome.figures.isEmpty {
                let double = try run.drift(UncertaintyRuns.Setting(rung: Rung(bits: 53), toleranceBits: nil))
                outcome.figures.append(Figure(
                    id: "claim-01-imbalance-\(activation.name)", title: "Claim 1: |C₁(t)| along the flow (\(activation.name) σ, ε = \(scale))",
                    xLabel: "t", yLabel: "|C₁(t)|", yScale: .log, series: [
                        Figure.Series(label: "\(p)", points: r.history),
                        Figure.Series(label: "double", points: double.history),
                        Figure.Series(label: "C₁(0) (conserved)", style: .reference,
                                      points: [(0, r.initial), (r.history.last?.0 ?? 1, r.initial)]),
                    ], caption: "After the escape a_k² and ‖w_k‖² are O(1) while C_k stays ≈ ε²: double loses it to cancellation, \(p) keeps it."))
            }
        }
        outcome.ladder = try ladder(context)
        outcome.notes.append("Problem: P1's data and initialization direction (d = 5, m = 2, n = 8, Gaussian data seed 1, Gaussian initialization seed 2), σ ∈ {\(cases.map(\.activation.name).joined(separator: ", "))}, ε = \(scale); escape at ‖θ‖₂ = 1e-2 required before T.")
        return outcome
    }

    /// C_1(T) up the ladder (linear σ or the first case), and the precision needed per ε.
    func ladder(_ context: CheckContext) throws -> LadderResult {
        let (activation, until) = cases[0]
        let rungs = context.ladder
        let base = ImbalanceAfterEscape(activation: activation, scale: scale, until: until)
        let top = rungs.max() ?? Rung(bits: 256)
        var needs: [PrecisionNeed] = []
        let scales: [DecimalNumber] = context.quick ? ["1e-10", "1e-30"] : ["1e-10", "1e-30", "1e-60"]
        for eps in scales {
            let q = ImbalanceAfterEscape(activation: activation, scale: eps, until: base.horizon(for: eps))
            var found: Int?
            for rung in rungs.sorted() {
                let r = try q.drift(UncertaintyRuns.Setting(rung: rung, toleranceBits: nil))
                if r.digitsOfC >= digitsWanted { found = rung.bits; break }
            }
            let log10Inverse = -eps.log10Magnitude
            needs.append(PrecisionNeed(scale: eps.text, digitsWanted: digitsWanted, measuredBits: found, log10InverseScale: log10Inverse))
        }
        let sweepRung = rungs.filter { !$0.isDouble && $0.bits <= 512 }.max()
        let runner = context.quick ? LadderRunner(rungs: rungs, progress: context.progress)
            : LadderRunner(rungs: rungs, fixedToleranceBits: context.precision.isDouble ? nil : context.precision.bits, fixedPrecision: sweepRung,
                           toleranceSweep: sweepRung.map { p in [p.bits / 4, p.bits / 2, 3 * p.bits / 4, p.bits] } ?? [],
                                  progress: context.progress)
        return try runner.run(base, reference: (base.initialImbalance(bits: top.bits + 64), "C₁(0) (conserved), at \(top.bits + 64) bits"),
                              precisionNeeded: needs)
    }
}

/// A run of claim 1's problem past the escape, and C(θ) along it.
struct ImbalanceAfterEscape: LadderQuantity {
    let activation: Activation
    let scale: DecimalNumber
    let until: DecimalNumber
    var name: String { "C₁(T), \(activation.name) σ, ε = \(scale), T = \(until)" }

    var spec: ProblemSpec { Experiment.standard(d: 5, m: 2, n: 8, activation: activation, scale: scale) }

    /// A horizon past the escape from ε for the linear case: T(1e-30) scaled with ln(1/ε).
    func horizon(for eps: DecimalNumber) -> DecimalNumber {
        DecimalNumber(Int(until.doubleValue * max(-eps.log10Magnitude, 10) / 30) + 10)
    }

    struct Drift {
        /// max_k |ΔC_k| / (a_k² + ‖w_k‖²)(T), at the run's precision.
        var relativeToTerms: BigFloat
        /// min_k −log10 |ΔC_k / C_k(0)|.
        var digitsOfC: Double
        var initial: Double
        var history: [(Double, Double)]
    }

    /// The run at `S`/`p` with tolerance 2^(−toleranceBits) (nil: the default), made once per
    /// process (`RunCache`): the ladder, the precision-needed study and the comparisons'
    /// uncertainty runs share it.
    func run<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int? = nil) throws -> Flow<S> {
        let key = "claim 1 to T = \(until), \(RunCache.key(p, toleranceBits: toleranceBits)), \(RunCache.key(spec))"
        return try RunCache.shared.value(key) { try integrate(S.self, p, toleranceBits: toleranceBits) }
    }

    func integrate<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> Flow<S> {
        var options = FlowOptions.until(until)
        options.toleranceBits = toleranceBits
        options.maximumSamples = 128
        let flow = try Experiment(spec: spec, options: options).run(S.self, p)
        guard flow.escape != nil else { throw VerificationError.runIncomplete("claim 1: no escape by T = \(until) (\(activation.name), ε = \(scale))") }
        guard flow.trajectory.status == .reachedTime else { throw VerificationError.runIncomplete("claim 1: run ended \(flow.trajectory.status.rawValue)") }
        return flow
    }

    func drift(_ setting: UncertaintyRuns.Setting) throws -> Drift {
        setting.rung.isDouble ? try drift(Double.self, .double, toleranceBits: setting.toleranceBits)
            : try drift(BigFloat.self, setting.precision, toleranceBits: setting.toleranceBits)
    }

    func drift<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> Drift {
        let flow = try run(S.self, p, toleranceBits: toleranceBits)
        let net = flow.network, q = net.neuronBlockSize
        let c0 = net.imbalance(of: flow.problem.initialParameters), c1 = net.imbalance(of: flow.final)
        var relative = S(0, precision: p), digits = Double.infinity
        for k in 0..<net.width {
            let terms = flow.final[(k * q)..<((k + 1) * q)].reduce(S(0, precision: p)) { $0 + $1 * $1 }
            let change = S.abs(c1[k] - c0[k])
            relative = Swift.max(relative, change / terms)
            digits = min(digits, agreementDigits(relativeError: (change / S.abs(c0[k])).doubleValue, cap: p.decimalDigits))
        }
        let history = flow.trajectory.samples.map { ($0.time.doubleValue, S.abs(net.imbalance(of: $0.state)[0]).doubleValue) }
        return Drift(relativeToTerms: BigFloat.exactly(relative), digitsOfC: digits, initial: S.abs(c0[0]).doubleValue, history: history)
    }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        let flow = try run(S.self, p, toleranceBits: toleranceBits)
        let net = flow.network
        let c0 = net.imbalance(of: flow.problem.initialParameters), c1 = net.imbalance(of: flow.final)
        var flags: [String] = []
        if S.self == Double.self {
            let q = net.neuronBlockSize
            let terms = flow.final[0..<q].reduce(S(0, precision: p)) { $0 + $1 * $1 }
            if (terms * S(Double.ulpOfOne, precision: p)).doubleValue > S.abs(c0[0]).doubleValue { flags.append("cancellation") }
            var kernel = flow.problem.makeLossKernel()
            var outputs: [S] = TwoLayerNetwork.registers(flow.problem.data.sampleCount, precision: p)
            kernel.outputs(at: flow.problem.initialParameters, into: &outputs)
            if zip(outputs, flow.problem.data.labels).contains(where: { !$1.isZero && S.abs($0).doubleValue < Double.ulpOfOne * S.abs($1).doubleValue }) {
                flags.append("absorption")
            }
            if c0[0].isZero { flags.append("underflow") }
        }
        return LadderMeasurement(c1[0], toleranceBits: flow.trajectory.toleranceBits, flags: flags)
    }

    /// C₁(θ₀) as decimal text at `bits`: the conserved value (ε² times the direction's C₁).
    func initialImbalance(bits: Int) throws -> String {
        let p = try Precision(bits: bits)
        let problem: Problem<BigFloat> = try spec.instantiate(precision: p)
        return problem.network.imbalance(of: problem.initialParameters)[0].description
    }
}
