import GradientFlow
import MultiPrecision
import TwoLayerNet

/// One small-initialization run to convergence in `Double`, judged by `Recovery` (claims 7–9:
/// the sweeps run in double, THEORY.md §5's P2-like runs converging in about 0.1 s).
public struct RecoveryRun: Sendable {
    public var d: Int
    public var m: Int
    public var n: Int
    public var activation: Activation = .tanh
    public var dataSeed: UInt64
    public var initialization: InitializationFamily
    /// ε (decimal text).
    public var scale: String
    /// The flow-time guard: convergence to degenerate minima (a neuron shrinking to 0) is
    /// algebraic, measured to need t ≈ 1.4e9 at d = 3, m = 2, n = 7; later than this the run is
    /// undecided.
    public var maximumTime: String = "1e12"

    public init(d: Int, m: Int, n: Int, activation: Activation = .tanh, dataSeed: UInt64,
                initialization: InitializationFamily, scale: String, maximumTime: String = "1e12") {
        self.d = d; self.m = m; self.n = n; self.activation = activation; self.dataSeed = dataSeed
        self.initialization = initialization; self.scale = scale; self.maximumTime = maximumTime
    }

    public var experiment: Experiment {
        Experiment(spec: Experiment.standard(d: d, m: m, n: n, activation: activation, dataSeed: dataSeed,
                                             initialization: initialization, scale: scale),
                   options: .until(nil, escapeRadius: nil, maximumTime: maximumTime))
    }

    /// Integrates in double and judges the limit.
    public func flow() throws -> Flow<Double> { try experiment.run(Double.self, .double) }
    public func recovery() throws -> Recovery { Recovery(try flow()) }
}
