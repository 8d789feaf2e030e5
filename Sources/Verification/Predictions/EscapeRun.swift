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

    /// Integrates `spec` at `S`/`p` with escape radius `delta` until just past the predicted
    /// escape; throws when no escape is seen.
    init(_ spec: ProblemSpec, radius delta: String, _ p: Precision, toleranceBits: Int? = nil) throws {
        let problem: Problem<S> = try spec.instantiate(precision: p)
        let prediction = try LinearPhasePrediction(network: problem.network, data: problem.data, start: problem.initialParameters)
        let predicted = prediction.escapeTime(radius: try S(parsing: delta, precision: p))
        // Past the prediction by 10% and 2/s: the O(δ²) and O(ε²/δ²) remainders are far smaller.
        let horizon = predicted.doubleValue * 1.1 + 2 / prediction.rate.doubleValue
        var options = FlowOptions.until(String(horizon), escapeRadius: delta)
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
}
