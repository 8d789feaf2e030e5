import GradientFlow
import MultiPrecision
import TwoLayerNet

/// A run from εθ̂₀ to its escape (‖θ‖₂ = δ, claims 2, 4, 5): the escape time and state, with
/// the linear-phase prediction of the same problem at the same precision.
struct EscapeRun<S: Scalar> {
    let flow: Flow<S>
    let prediction: LinearPhasePrediction<S>
    let time: S
    let state: [S]

    /// The escape of `spec` at `S`/`p`, computed once per process (`RunCache`).
    static func shared(_ spec: ProblemSpec, radius delta: DecimalNumber, _ p: Precision, toleranceBits: Int? = nil) throws -> EscapeRun {
        let key = "escape to \(delta), \(RunCache.key(p, toleranceBits: toleranceBits)), \(RunCache.key(spec))"
        return try RunCache.shared.value(key) { try EscapeRun(spec, radius: delta, p, toleranceBits: toleranceBits) }
    }

    /// The escape at one of `UncertaintyRuns`' settings.
    static func shared(_ spec: ProblemSpec, radius delta: DecimalNumber, _ setting: UncertaintyRuns.Setting) throws -> EscapeRun {
        try shared(spec, radius: delta, setting.rung.precision, toleranceBits: setting.toleranceBits)
    }

    /// Integrates `spec` at `S`/`p` with escape radius `delta` until just past the predicted
    /// escape; throws when no escape is seen.
    init(_ spec: ProblemSpec, radius delta: DecimalNumber, _ p: Precision, toleranceBits: Int? = nil) throws {
        let problem: Problem<S> = try spec.instantiate(precision: p)
        let prediction = try LinearPhasePrediction(network: problem.network, data: problem.data, start: problem.initialParameters)
        let predicted = prediction.escapeTime(radius: delta.value(at: p))
        // Past the prediction by 10% and 2/s: the O(δ²) and O(ε²/δ²) remainders are far smaller.
        let horizon = predicted.doubleValue * 1.1 + 2 / prediction.rate.doubleValue
        guard let end = DecimalNumber(horizon) else { throw VerificationError.runIncomplete("no finite escape-time prediction for δ = \(delta)") }
        var options = FlowOptions.until(end, escapeRadius: delta)
        options.toleranceBits = toleranceBits
        options.maximumSamples = 256
        let flow = try Experiment(spec: spec, options: options).run(S.self, p)
        guard let escape = flow.escape else {
            throw VerificationError.runIncomplete("no escape to δ = \(delta) by t = \(horizon) (\(spec.name ?? "problem"))")
        }
        self.flow = flow
        self.prediction = prediction
        time = escape.time
        state = escape.state
    }

    /// ‖w_k⟂‖/‖w_k‖ per neuron, ⟂ to ẑ (claim 5's misalignment).
    func misalignments(of theta: [S]) -> [S] {
        let net = flow.network, q = net.neuronBlockSize, D = net.extendedInputDimension
        let p = prediction.precision, zHat = prediction.direction
        return (0..<net.width).map { k in
            let w = Array(theta[(k * q + 1)..<(k * q + 1 + D)])
            let along = zip(w, zHat).reduce(S(0, precision: p)) { $0 + $1.0 * $1.1 }
            let norm2 = w.reduce(S(0, precision: p)) { $0 + $1 * $1 }
            let perp2 = w.enumerated().reduce(S(0, precision: p)) { acc, e in
                let r = e.element - along * zHat[e.offset]
                return acc + r * r
            }
            return S.sqrt(perp2 / norm2)
        }
    }
}
