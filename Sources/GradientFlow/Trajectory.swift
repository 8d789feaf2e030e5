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
    /// The stiffness policy handed the next steps to another method.
    case methodSwitch(to: FlowMethod)
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

/// A quantity of the run that can stop being finite.
public enum FlowQuantity: String, Sendable, Equatable {
    /// θ itself (a step produced NaN or ±∞).
    case state
    /// The field F(θ) = −∇L(θ).
    case gradient
    /// The loss L(θ).
    case loss
    /// The population risk R(θ) at the final state (`ProblemRun`).
    case risk
}

/// How a run ended.
public enum FlowStatus: Sendable, Equatable {
    case reachedTime
    case converged
    /// The flow-time guard of a `.converged` run.
    case timeLimit
    case stepLimit
    case wallClockLimit
    /// The step size fell below what the precision can resolve.
    case stepSizeUnderflow
    /// `quantity` was not finite at flow time `time` (decimal text, 6 digits): the run ends at
    /// the last state where the state, gradient and loss were all finite.
    case nonFinite(FlowQuantity, time: String)

    /// The status as RUN.json writes it: reached-time, converged, not-converged-…, failed-….
    public var rawValue: String {
        switch self {
        case .reachedTime: return "reached-time"
        case .converged: return "converged"
        case .timeLimit: return "not-converged-time-limit"
        case .stepLimit: return "not-converged-step-limit"
        case .wallClockLimit: return "not-converged-wall-clock-limit"
        case .stepSizeUnderflow: return "failed-step-size-underflow"
        case .nonFinite(let quantity, let time): return "\(Self.nonFinitePrefix)\(quantity.rawValue) at t = \(time)"
        }
    }

    static let nonFinitePrefix = "failed-non-finite-"
    static let simple: [FlowStatus] = [.reachedTime, .converged, .timeLimit, .stepLimit, .wallClockLimit, .stepSizeUnderflow]

    /// The status `rawValue` names (nil for any other text).
    public init?(rawValue text: String) {
        if let status = Self.simple.first(where: { $0.rawValue == text }) {
            self = status
            return
        }
        guard text.hasPrefix(Self.nonFinitePrefix) else { return nil }
        let parts = text.dropFirst(Self.nonFinitePrefix.count).split(separator: " at t = ", maxSplits: 1)
        guard parts.count == 2, let quantity = FlowQuantity(rawValue: String(parts[0])) else { return nil }
        self = .nonFinite(quantity, time: String(parts[1]))
    }

    /// The run reached its horizon (time or convergence).
    public var isComplete: Bool { self == .reachedTime || self == .converged }
    /// The run stopped on a limit before its horizon, with finite values (exit status 2).
    public var isIncomplete: Bool { self == .timeLimit || self == .stepLimit || self == .wallClockLimit }
}

extension FlowStatus: Codable {
    /// Encoded as its `rawValue` text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let status = FlowStatus(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown run status \(text)"))
        }
        self = status
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Counters of the integration work, every step counted under the method that took it.
public struct FlowStatistics: Sendable {
    public var acceptedSteps = 0
    public var rejectedSteps = 0
    public var fieldEvaluations = 0
    public var jacobianEvaluations = 0
    public var wallSeconds = 0.0
    var accepted = [Int](repeating: 0, count: FlowMethod.allCases.count)
    var rejected = [Int](repeating: 0, count: FlowMethod.allCases.count)
    public init() {}

    /// Accepted steps taken by `method`.
    public func steps(_ method: FlowMethod) -> Int { accepted[method.index] }
    /// Rejected step attempts of `method`.
    public func rejections(_ method: FlowMethod) -> Int { rejected[method.index] }
    /// The methods that attempted at least one step, in `FlowMethod.allCases` order.
    public var methodsUsed: [FlowMethod] { FlowMethod.allCases.filter { steps($0) + rejections($0) > 0 } }

    public var taylorSteps: Int { steps(.taylor) }
    public var explicitSteps: Int { steps(.explicitMidpoint) }
    /// Steps of the linearly implicit extrapolation methods (midpoint and Euler rules).
    public var implicitSteps: Int { steps(.linearlyImplicitMidpoint) + steps(.linearlyImplicitEuler) }
    public var collocationSteps: Int { steps(.exponentialCollocation) }

    /// Counts one attempt of `method`.
    mutating func count<S>(_ step: FlowStep<S>, by method: FlowMethod) {
        fieldEvaluations += step.evaluations
        jacobianEvaluations += step.jacobians
        if step.accepted { acceptedSteps += 1; accepted[method.index] += 1 } else { rejectedSteps += 1; rejected[method.index] += 1 }
    }
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
    /// The `FlowMethod` raw value of the method that took the last step.
    public var method: String
}
