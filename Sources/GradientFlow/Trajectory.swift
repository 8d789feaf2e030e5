import MultiPrecision

/// Something that happened along the flow, located to working precision.
public enum FlowEventKind: Sendable, Equatable {
    /// ‖θ‖₂ reached the escape radius δ (claim 4).
    case escape
    /// ‖∇L‖ fell below the gradient tolerance, or the loss reached the precision floor.
    case convergence
    /// A switching function changed sign: for ReLU-type activations, the pattern of sample i at
    /// neuron k (index i·m + k).
    case activationPatternChange(index: Int)
    /// The integrator changed base method (stiffness detected or gone).
    case methodSwitch(to: ExtrapolationMethod)
}

public struct FlowEvent<S: Scalar> {
    public var kind: FlowEventKind
    public var time: S
    public var state: [S]
}

/// A state on the trajectory.
public struct FlowSample<S: Scalar> {
    public var time: S
    public var state: [S]
    public var loss: S
}

/// How a run ended.
public enum FlowStatus: String, Sendable {
    case reachedTime = "reached-time"
    case converged
    /// The flow-time guard of a `.converged` run.
    case timeLimit = "not-converged-time-limit"
    case stepLimit = "not-converged-step-limit"
    case wallClockLimit = "not-converged-wall-clock-limit"
    /// The step size fell below what the precision can resolve.
    case stepSizeUnderflow = "failed-step-size-underflow"
}

/// Counters of the integration work.
public struct FlowStatistics: Sendable {
    public var acceptedSteps = 0
    public var rejectedSteps = 0
    public var fieldEvaluations = 0
    public var jacobianEvaluations = 0
    /// Steps of the explicit midpoint extrapolation, the Taylor method, the implicit method.
    public var explicitSteps = 0
    public var taylorSteps = 0
    public var implicitSteps = 0
    /// The linearly implicit base rule of the implicit steps: "midpoint" or "Euler".
    public var stiffMethod = "midpoint"
    /// Steps of exponential collocation (`ExponentialCollocationStepper`).
    public var collocationSteps = 0
    public var wallSeconds = 0.0
    public init() {}
}

/// The result of a gradient-flow run.
public struct Trajectory<S: Scalar> {
    public var samples: [FlowSample<S>]
    public var events: [FlowEvent<S>]
    public var final: FlowSample<S>
    public var status: FlowStatus
    public var statistics: FlowStatistics
    /// The local tolerance used, 2^(−toleranceBits) relative to ‖θ‖∞.
    public var toleranceBits: Int

    /// The first event of a kind, if any.
    public func firstEvent(_ kind: FlowEventKind) -> FlowEvent<S>? { events.first { $0.kind == kind } }
}

/// Progress of a running integration, for display.
public struct FlowProgress: Sendable {
    public var time: Double
    public var loss: Double
    public var steps: Int
    /// "taylor" or the extrapolation method's name.
    public var method: String
}
