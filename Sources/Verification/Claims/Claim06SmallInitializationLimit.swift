/// Claim 6 (proofs/claim-06.md): the small-initialization limit.
public struct SmallInitializationLimit: ClaimCheck {
    public init() {}
    public var cost: Double { 6 }
    public let info = ClaimInfo(
        id: 6, title: "Small-initialization limit", status: .paper,
        statement: "The time-shifted trajectory θ_ε(t + ln(1/ε)/s) converges as ε → 0 to a limit that depends only on p̂ (up to the sign symmetry of odd σ). With a negligible first layer (w_k(0) = 0, or ‖w_k(0)‖ = o(|a_k(0)|)) |p̂_k| ∝ √Ĉ_k and the limit depends only on Ĉ = C(θ₀)/‖C(θ₀)‖₂ (the paper's statement); for general Gaussian initialization equal Ĉ with different p̂ can give different limits.",
        latex: #"\lim_{\varepsilon\to0}\theta_\varepsilon\!\left(t + \tfrac{1}{s}\ln\tfrac{1}{\varepsilon}\right) = \Theta_{\hat p}(t),\qquad w_k(0) = 0 \Rightarrow |\hat p_k| \propto \sqrt{\hat C_k}"#,
        hypotheses: ["σ analytic, odd, σ(0) = 0, σ'(0) = 1 (tanh)", "p(θ̂₀) ≠ 0", "conditional reading: first-layer-zero initialization"],
        quantities: ["limit-point differences between ε rungs (Cauchy rate)", "difference of limits for equal Ĉ, equal p̂ (first layer zero)", "difference of limits for equal Ĉ, different p̂ (counterexample)"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 6: the check is being written (issue 5)")
    }
}
