import Dispatch
import GradientFlow
import MultiPrecision
import TwoLayerNet

/// A gradient-flow run set up by a check: a problem (the same object a problem file decodes
/// to, so every experiment can be exported and rerun with `flowverify run`) and the options.
public struct Experiment: Sendable {
    public var spec: ProblemSpec
    public var options: FlowOptions

    public init(spec: ProblemSpec, options: FlowOptions = FlowOptions()) {
        self.spec = spec
        self.options = options
    }

    /// The reference family of problems/P1.json and problems/P2.json: Gaussian data x_i ~ N(0, I_d) with
    /// `dataSeed`, target a* = 1, w* = e_1, Gaussian initialization (seed 2, layer ratio 1) at
    /// scale ε, unless another family is given.
    public static func standard(d: Int, m: Int, n: Int, activation: Activation = .tanh, bias: Bool = false,
                                dataSeed: UInt64 = 1,
                                initialization: InitializationFamily = .gaussian(seed: 2, layerScaleRatio: "1"),
                                scale: DecimalNumber) -> ProblemSpec {
        ProblemSpec(name: "d\(d)-m\(m)-n\(n)-\(activation.name)-\(initialization.name)-eps\(scale)",
                    network: TwoLayerNetwork(width: m, inputDimension: d, hasBias: bias, activation: activation),
                    data: .gaussian(sampleCount: n, seed: dataSeed),
                    initialization: Initialization(family: initialization, scale: scale))
    }

    /// Integrates at `S`/`p` and returns the problem with its trajectory.
    public func run<S: Scalar>(_ type: S.Type, _ p: Precision) throws -> Flow<S> {
        let problem: Problem<S> = try spec.instantiate(precision: p)
        var integrator = GradientFlowIntegrator(network: problem.network, data: problem.data, options: options)
        let start = DispatchTime.now()
        let trajectory = try integrator.integrate(from: problem.initialParameters)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Flow(problem: problem, trajectory: trajectory, seconds: seconds)
    }
}

/// A finished run: its problem at the run's precision and its trajectory.
public struct Flow<S: Scalar> {
    public let problem: Problem<S>
    public let trajectory: Trajectory<S>
    public let seconds: Double

    public var network: TwoLayerNetwork { problem.network }
    public var final: [S] { trajectory.final.state }
    public var escape: FlowEvent<S>? { trajectory.firstEvent(.escape) }
    public var converged: Bool { trajectory.status == .converged }
}

extension FlowOptions {
    /// Options for a check: stop at time `until` (decimal text) or at convergence.
    public static func until(_ t: DecimalNumber?, escapeRadius: DecimalNumber? = "1e-2", maximumTime: DecimalNumber = "1e6") -> FlowOptions {
        var o = FlowOptions()
        if let t { o.stop = .time(t) } else { o.stop = .converged; o.maximumTime = maximumTime }
        o.escapeRadius = escapeRadius
        return o
    }
}
