/// Claim 3 (proofs/claim-03.md): the linear phase in closed form.
public struct LinearPhaseClosedForm: ClaimCheck {
    public init() {}
    public var cost: Double { 1 }
    public let info = ClaimInfo(
        id: 3, title: "Linear phase, closed form", status: .derived,
        statement: "Near θ = 0 (σ(0) = 0, σ'(0) = 1) the flow is a_k' = zᵀw_k, w_k' = a_k z, solved by a_k(t) = A cosh st + B sinh st, ẑᵀw_k(t) = A sinh st + B cosh st, with w_k ⟂ ẑ constant (A = a_k(0), B = ẑᵀw_k(0)); the full flow deviates from it by a relative O(‖θ‖²) for odd σ.",
        latex: #"a_k(t) = A\cosh st + B\sinh st,\quad \hat z^\top w_k(t) = A\sinh st + B\cosh st,\quad \frac{\|\theta - \theta^{\mathrm{lin}}\|}{\|\theta\|} = O(\|\theta\|^2)"#,
        hypotheses: ["σ(0) = 0, σ'(0) = 1, σ''(0) = 0 (tanh) for the O(‖θ‖²) rate"],
        quantities: ["relative deviation from the closed form at several radii r", "its slope against r (2 for tanh)"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 3: the check is being written (issue 5)")
    }
}
