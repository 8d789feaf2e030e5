import GradientFlow
import MultiPrecision
import TwoLayerNet

/// One small-initialization run to convergence, judged by `RecoveryVerdict` (claims 7–9): in
/// double first (proofs/THEORY.md §5's P2-like runs converge in about 0.1 s), escalating along
/// `policy.precisions` only when double cannot decide.
public struct RecoveryRun: Sendable {
    public var d: Int
    public var m: Int
    public var n: Int
    public var activation: Activation = .tanh
    public var dataSeed: UInt64
    public var initialization: InitializationFamily
    /// ε.
    public var scale: DecimalNumber
    /// The flow-time guard: convergence to degenerate minima (a neuron shrinking to 0) is
    /// algebraic, measured to need t ≈ 1.4e9 at d = 3, m = 2, n = 7; later than this the run is
    /// undecided.
    public var maximumTime: DecimalNumber = "1e12"
    /// The precisions tried in order (53 = double).
    public var precisions: [Int] = [53, 256]

    public init(d: Int, m: Int, n: Int, activation: Activation = .tanh, dataSeed: UInt64,
                initialization: InitializationFamily, scale: DecimalNumber, maximumTime: DecimalNumber = "1e12",
                precisions: [Int] = [53, 256]) {
        self.d = d; self.m = m; self.n = n; self.activation = activation; self.dataSeed = dataSeed
        self.initialization = initialization; self.scale = scale; self.maximumTime = maximumTime
        self.precisions = precisions
    }

    public var spec: ProblemSpec {
        Experiment.standard(d: d, m: m, n: n, activation: activation, dataSeed: dataSeed,
                            initialization: initialization, scale: scale)
    }

    public var experiment: Experiment {
        Experiment(spec: spec, options: RecoveryVerdict.flowOptions(maximumTime: maximumTime))
    }

    /// Integrates in double.
    public func flow() throws -> Flow<Double> { try experiment.run(Double.self, .double) }
    /// The verdict, escalating along `precisions`.
    public func verdict() throws -> RecoveryVerdict {
        try RecoveryVerdict.decide(spec, policy: RecoveryPolicy(precisions: precisions, maximumTime: maximumTime))
    }
    public func recovery() throws -> Recovery { Recovery(try verdict()) }
}
