import GradientFlow
import MultiPrecision
import TwoLayerNet

/// The precision ladder of a claim whose own runs go to convergence in double (claims 8–11;
/// proofs/claim-08.md … claim-11.md, "Numerical check"): one of its runs, integrated over [0, T]
/// at every rung, and a quantity of θ(T) that the claim reads at the limit (the training loss L,
/// or dist(θ, Q*)). Every rung integrates the same flow to the same time, so the digits the rungs
/// share measure how well double resolves the escape and the start of the nonlinear phase that
/// the claim's runs go through (T = 50 in each claim, past their escapes; θ(T) need not be near
/// the limit yet). The tail beyond T, stiff and degenerate, is the certified recovery verdict's
/// business (proofs/recovery.md), which escalates what double cannot decide.
struct StateLadder: LadderQuantity {
    enum Reading: Sendable {
        /// L(θ(T)), the training loss.
        case loss
        /// dist(θ(T), Q*) (tanh, m ≤ `FullTargetSetDistance.maximumWidth`), else dist(θ(T), Q*_al).
        case targetSetDistance
    }

    let spec: ProblemSpec
    let time: DecimalNumber
    let reading: Reading
    /// Which of the claim's runs it is, in words.
    let run: String

    var name: String {
        "\(reading == .loss ? "L(θ(T))" : "dist(θ(T), Q*)") at T = \(time), \(run)"
    }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        var options = FlowOptions.until(time, escapeRadius: nil)
        options.toleranceBits = toleranceBits
        let flow = try Experiment(spec: spec, options: options).run(S.self, p)
        let theta = flow.final, problem = flow.problem
        let value: S?
        switch reading {
        case .loss:
            var kernel = problem.makeLossKernel()
            value = kernel.loss(at: theta)
        case .targetSetDistance:
            value = LimitPoint<S>.distance(theta, problem: problem)
        }
        guard let value else { throw LadderError.noValue(name) }
        return LadderMeasurement(value, toleranceBits: flow.trajectory.toleranceBits)
    }
}

enum LadderError: Error, CustomStringConvertible {
    case noValue(String)
    var description: String {
        switch self {
        case .noValue(let name): return "\(name): not defined for this network (width beyond the exhaustive search)"
        }
    }
}
