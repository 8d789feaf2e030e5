import MultiPrecision
import TwoLayerNet

/// A quantity at the escape of P1 (ε = 1e-30, δ = 1e-2) that claims 2, 3 and 5 follow up the
/// precision ladder; the runs are shared with claim 4's ladder through `EscapeRun.shared`.
struct EscapeQuantity: LadderQuantity {
    enum Kind: Sendable {
        /// Claim 2: C₁(T_esc) − C₁(0).
        case drift
        /// Claim 3: ‖θ(T_esc) − θ_lin(T_esc)‖/‖θ(T_esc)‖.
        case deviation
        /// Claim 5: max_k ‖w_k⟂‖/‖w_k‖ at T_esc.
        case misalignment
    }

    let kind: Kind
    let spec: ProblemSpec
    let radius: DecimalNumber

    var name: String {
        let eps = spec.initialization.scale
        switch kind {
        case .drift: return "C₁(T_esc) − C₁(0) at ε = \(eps), δ = \(radius)"
        case .deviation: return "‖θ − θ_lin‖/‖θ‖ at T_esc, ε = \(eps), δ = \(radius)"
        case .misalignment: return "max_k ‖w_k⟂‖/‖w_k‖ at T_esc, ε = \(eps), δ = \(radius)"
        }
    }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        let run = try EscapeRun<S>.shared(spec, radius: radius, p, toleranceBits: toleranceBits)
        let net = run.flow.network, start = run.flow.problem.initialParameters
        let value: S
        switch kind {
        case .drift:
            value = net.imbalance(of: run.state)[0] - net.imbalance(of: start)[0]
        case .deviation:
            let linear = run.prediction.state(at: run.time, from: start)
            value = euclideanNorm(zip(run.state, linear).map { $0 - $1 }, precision: p) / euclideanNorm(run.state, precision: p)
        case .misalignment:
            value = run.misalignments(of: run.state).reduce(S(0, precision: p)) { $0 > $1 ? $0 : $1 }
        }
        return LadderMeasurement(value, toleranceBits: run.flow.trajectory.toleranceBits)
    }
}
