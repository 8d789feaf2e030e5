/// Which method takes the next step of an automatic run (heyoka's split: the policy apart from
/// the steppers). The explicit method (Taylor, or explicit midpoint extrapolation without
/// jets) runs until its step is stability-limited, H·ρ(∇²L) above its `FlowStep.stabilityBound`
/// in consecutive checks (3 for Taylor, 2 for extrapolation); then a stiff method takes over,
/// until H·ρ < 0.25 in 3 consecutive steps (the stiff step no longer beyond the explicit one's
/// reach). The stiff method: linearly implicit midpoint extrapolation in double (on P2's tail it
/// took far fewer steps than the Euler rule), linearly implicit Euler extrapolation at multiple
/// precision (there its L-stable base step lets the step grow much faster than the midpoint
/// rule's, whose undamped stiff components keep its steps near 1/λ_max), and exponential
/// collocation once no event can occur.
///
/// A stiff step costs dense P × P algebra (a Hessian, factorizations or an eigendecomposition,
/// about 4·P³ multiply-adds) where an explicit step costs field evaluations, so for large P the
/// stiff methods can be slower even where the explicit step is stability-limited (d = 50,
/// m = 20, n = 200 in double, P = 1020: the implicit steps made the run many times slower than
/// Taylor alone; Benchmarks/ measures the ratio). They are considered only when their P × P matrices fit
/// `FlowOptions.denseMatrixBytes` and a stiff step's predicted cost — 4·P³ multiply-adds, in
/// field evaluations of `FlowSystem.fieldOperations` multiply-adds each, plus 20 field
/// evaluations — is at most 16 explicit steps (`FlowStep.work`, field-evaluation equivalents);
/// otherwise ρ is not even estimated. Costs are counted, never timed: a policy priced by the
/// clock would switch at different steps on different runs, and the same problem would not
/// give the same trajectory twice.
struct StiffnessPolicy {
    /// The method of a forced `FlowOptions.MethodChoice` (nil: automatic).
    let forced: FlowMethod?
    let explicitMethod: FlowMethod
    /// The linearly implicit rule for the stiff phases while events can occur.
    let stiffRule: FlowMethod
    let collocationAvailable: Bool
    /// The stiff methods' matrices fit the memory budget.
    let denseAllowed: Bool
    /// Multiply-adds of a stiff step's dense algebra (4·P³) and of a field evaluation.
    let denseOperations: Double
    let fieldOperations: Double
    /// An explicit step's work in field-evaluation equivalents (moving average of `FlowStep.work`).
    var explicitStepWork = 0.0
    var votes = 0

    var initialMethod: FlowMethod { forced ?? explicitMethod }

    /// The stiff method for the next steps: collocation once no event can occur.
    func stiffMethod(eventsPossible: Bool) -> FlowMethod {
        collocationAvailable && !eventsPossible ? .exponentialCollocation : stiffRule
    }

    /// True when a stiff step may pay off (see the type's documentation).
    var stiffMethodsAffordable: Bool {
        guard denseAllowed, fieldOperations > 0, explicitStepWork > 0 else { return false }
        let predicted = denseOperations / fieldOperations + 20
        return predicted <= 16 * explicitStepWork
    }

    /// Whether the next decision needs ρ: every step of a stiff method, every third accepted
    /// step of an explicit one when a stiff method is affordable.
    func wantsSpectralRadius(after method: FlowMethod, acceptedSteps: Int) -> Bool {
        guard forced == nil else { return false }
        return method.isStiff || (acceptedSteps % 3 == 0 && stiffMethodsAffordable)
    }

    /// Records the work of an accepted step of `method` (with the field evaluation after it).
    mutating func observe(_ method: FlowMethod, work: Double) {
        guard !method.isStiff else { return }
        explicitStepWork = explicitStepWork == 0 ? work : 0.7 * explicitStepWork + 0.3 * work
    }

    /// The method for the next step after an accepted step of `method` with stability bound
    /// `bound`, next step length `length` and spectral radius `rho` (nil: not estimated).
    mutating func next(after method: FlowMethod, bound: Double?, length: Double, rho: Double?,
                       eventsPossible: Bool) -> FlowMethod {
        guard forced == nil else { return method }
        if method.isStiff {
            if let rho { votes = length * rho < 0.25 ? votes + 1 : 0 }
            if votes >= 3 { votes = 0; return explicitMethod }
            return stiffMethod(eventsPossible: eventsPossible)
        }
        guard let rho, let bound else { return method }
        votes = length * rho > bound ? votes + 1 : 0
        if votes >= (method == .taylor ? 3 : 2) { votes = 0; return stiffMethod(eventsPossible: eventsPossible) }
        return method
    }
}
