/// The methods that take the integrator's steps. Every step is counted under the method that
/// took it (`FlowStatistics`), and events, progress and `RunRecord` name methods by `rawValue`.
public enum FlowMethod: String, Sendable, CaseIterable, Hashable, Codable {
    /// The Taylor method with jets by recurrence (`TaylorStepper`; two-layer networks with a
    /// hand-written activation).
    case taylor
    /// Gragg's explicit midpoint rule with extrapolation (`ExtrapolationStepper`).
    case explicitMidpoint = "explicit-midpoint-extrapolation"
    /// Bader and Deuflhard's linearly implicit midpoint rule with extrapolation.
    case linearlyImplicitMidpoint = "linearly-implicit-midpoint-extrapolation"
    /// Deuflhard's linearly implicit Euler rule with extrapolation.
    case linearlyImplicitEuler = "linearly-implicit-euler-extrapolation"
    /// Exponential collocation on the Hessian's eigendecomposition
    /// (`ExponentialCollocationStepper`; BigFloat only).
    case exponentialCollocation = "exponential-collocation"

    /// True for the methods for the stiff tail (they use the P × P Hessian).
    public var isStiff: Bool { self != .taylor && self != .explicitMidpoint }

    /// The base rule of the extrapolation methods.
    var extrapolationRule: ExtrapolationRule? {
        switch self {
        case .explicitMidpoint: return .explicitMidpoint
        case .linearlyImplicitMidpoint: return .linearlyImplicitMidpoint
        case .linearlyImplicitEuler: return .linearlyImplicitEuler
        case .taylor, .exponentialCollocation: return nil
        }
    }

    /// Position in `allCases` (the index of the per-method counters).
    var index: Int {
        switch self {
        case .taylor: return 0
        case .explicitMidpoint: return 1
        case .linearlyImplicitMidpoint: return 2
        case .linearlyImplicitEuler: return 3
        case .exponentialCollocation: return 4
        }
    }

    /// A description for `RunRecord.provenance.integrator`.
    public var title: String {
        switch self {
        case .taylor: return "Taylor (jets by recurrence)"
        case .explicitMidpoint: return "explicit midpoint extrapolation"
        case .linearlyImplicitMidpoint: return "linearly implicit midpoint extrapolation (analytic Hessian)"
        case .linearlyImplicitEuler: return "linearly implicit Euler extrapolation (analytic Hessian)"
        case .exponentialCollocation: return "exponential collocation (Hessian eigendecomposition)"
        }
    }
}
