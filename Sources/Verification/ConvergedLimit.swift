import GradientFlow
import MultiPrecision
import TwoLayerNet

/// The limit point θ∞ of a run to convergence, with the numerical uncertainty of what is
/// measured on it (claims 10, 11): the run is done twice in double, at the default gradient
/// tolerance (convergence when ‖∇L‖∞ ≤ 2^(−45)‖θ‖∞) and at a looser one, and a quantity's
/// uncertainty is its change between the two stopping points (plus, for the risk, the
/// quadrature error estimate). The stiff tail converges algebraically before it converges
/// geometrically (proofs/THEORY.md §5), so the flow-time guard is generous (1e7 by default). The
/// recovery outcome is the certified verdict at double (`Recovery`, proofs/recovery.md; no
/// escalation here: what double cannot decide stays undecided).
public struct ConvergedLimit: Sendable {
    /// The limit point θ∞ (final state of the default run) and of the loose run, in double.
    public let state: [Double]
    public let looseState: [Double]
    /// The recovery verdict on the default run (`Recovery`, the one rule of claims 7–11).
    public let recovery: Recovery
    /// R(θ∞) of the loose run (for the risk's uncertainty).
    public let looseRisk: Double
    /// R(θ∞) by the lower of the two quadrature orders (`risk` is the higher): the difference
    /// of two risks' increments between the orders estimates the increment's quadrature error,
    /// which is far below the sum of the two risks' errors (the errors are correlated).
    public let lowOrderRisk: Double
    /// dist(θ∞, Q*_al) of the loose run.
    public let looseAlignedDistance: Double?
    /// Both runs met their convergence criterion.
    public let converged: Bool
    public let seconds: Double
    /// Wall time of the default run alone.
    public let mainSeconds: Double
    /// Accepted steps of the default and the loose run.
    public let steps: (main: Int, loose: Int)
    /// Ĉ and p̂ of θ̂₀ (nil when C or p vanish).
    public let normalizedImbalance: [Double]?
    public let normalizedGrowth: [Double]?

    /// The looser gradient tolerance, in bits (the default in double is 45).
    public static let looseGradientBits = 35

    /// Runs `spec` to convergence twice in double.
    public init(_ spec: ProblemSpec, maximumTime: DecimalNumber = "1e7") throws {
        var options = RecoveryVerdict.flowOptions(maximumTime: maximumTime)
        let main = try Experiment(spec: spec, options: options).run(Double.self, .double)
        options.gradientToleranceBits = ConvergedLimit.looseGradientBits
        let loose = try Experiment(spec: spec, options: options).run(Double.self, .double)
        state = main.final
        looseState = loose.final
        recovery = Recovery(main)
        let looseRecovery = Recovery(loose)
        looseRisk = looseRecovery.risk
        looseAlignedDistance = looseRecovery.alignedDistance
        converged = main.converged && loose.converged
        seconds = main.seconds + loose.seconds
        mainSeconds = main.seconds
        steps = (main.trajectory.statistics.acceptedSteps, loose.trajectory.statistics.acceptedSteps)
        let problem = main.problem
        var evaluator = PopulationRiskEvaluator<Double>(network: problem.network, precision: .double)
        lowOrderRisk = evaluator.quadrature(main.final, target: problem.target, rule: evaluator.lowRule)
        normalizedImbalance = problem.network.normalizedImbalance(of: problem.initialDirection)
        let linear = LinearPhaseDirection(network: problem.network, data: problem.data, precision: .double)
        normalizedGrowth = linear.unitDirection.flatMap {
            problem.network.normalizedGrowthAmplitudes(of: problem.initialDirection, direction: $0)
        }
    }

    /// R(θ∞).
    public var risk: Double { recovery.risk }

    /// The risk's uncertainty: quadrature error + change between the two tolerances; infinite
    /// if a run did not converge (nothing is decided on an unconverged run).
    public var riskUncertainty: Double {
        converged ? recovery.riskError + Swift.abs(recovery.risk - looseRisk) : .infinity
    }

    /// The change of R between the two tolerances (infinite if a run did not converge).
    public var riskToleranceChange: Double { converged ? Swift.abs(recovery.risk - looseRisk) : .infinity }

    /// dist(θ∞, Q*_al)'s uncertainty: its change between the two tolerances (infinite if a run
    /// did not converge or the width is beyond the exhaustive search).
    public var alignedDistanceUncertainty: Double {
        guard converged, let d = recovery.alignedDistance, let l = looseAlignedDistance else { return .infinity }
        return Swift.abs(d - l)
    }
}
