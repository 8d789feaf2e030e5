import MultiPrecision

/// The outcome of one attempted step of a `FlowStepper`.
public struct FlowStep<S: Scalar> {
    /// True if the local error estimate met the tolerance.
    public var accepted: Bool
    /// The step length taken (accepted steps; the method may shorten the proposed step).
    public var taken: S
    /// The local error estimate over the tolerance (≤ 1: accepted); 0 for the Taylor method,
    /// whose order and step are chosen to meet the tolerance a priori.
    public var errorRatio: Double
    /// The method's proposal for the next step length, as a factor of this one (for a rejected
    /// step: the factor to retry with).
    public var nextFactor: Double
    /// For explicit methods, the step length times the spectral radius ρ(∇²L) above which the
    /// step is stability-limited (about 2 for midpoint extrapolation, 0.34·K for a Taylor step
    /// of order K); nil for the stiff methods.
    public var stabilityBound: Double?
    /// Field and Hessian evaluations spent.
    public var evaluations: Int
    public var jacobians: Int
    /// The index i·m + k of an activation-pattern change the step ended on (Taylor, relu).
    public var patternChange: Int?
    /// The step's work in field-evaluation equivalents, for the stiffness policy's cost model:
    /// the counted evaluations, or for a Taylor step of order K the K²/2 series products of its
    /// jets. A count, never a measured time, so the same run takes the same steps on any machine.
    public var work: Double {
        if let bound = stabilityBound, evaluations == 0 {
            let order = bound / 0.34
            return order * order / 2
        }
        return Double(evaluations)
    }
}

/// One method of the integrator (the split of heyoka's steppers): a step from θ with the field
/// F(θ) known, taken or rejected by the method's own error control, the new state, and a dense
/// output on the step for event location. `GradientFlowIntegrator` drives the steppers;
/// `StiffnessPolicy` picks which one takes the next step.
public protocol FlowStepper {
    associatedtype System: FlowSystem
    /// The method this stepper runs.
    var method: FlowMethod { get }
    /// Attempts θ → θ(t + h) from `y` with `f0` = F(y): h = `proposed` for the methods with a
    /// step controller in the driver, or a step the method chooses (Taylor), h ≤ `maximum`.
    mutating func step(_ system: inout System, from y: [System.Value], field f0: [System.Value],
                       proposed: System.Value, maximum: System.Value, tolerance: System.Value) -> FlowStep<System.Value>
    /// The state at the end of the last accepted step.
    var result: [System.Value] { get }
    /// out ← θ(t + τ) for τ ∈ (0, taken] on the last accepted step from `y` (false if the method
    /// cannot give it to the tolerance). Overwrites `result`.
    mutating func denseOutput(_ system: inout System, from y: [System.Value], field f0: [System.Value],
                              at tau: System.Value, tolerance: System.Value, into out: inout [System.Value]) -> Bool
}
