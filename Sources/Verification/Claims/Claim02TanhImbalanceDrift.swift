/// Claim 2 (proofs/claim-02.md): the imbalance drift for tanh.
public struct TanhImbalanceDrift: ClaimCheck {
    public init() {}
    public var cost: Double { 2 }
    public let info = ClaimInfo(
        id: 2, title: "Imbalance drift for tanh", status: .derived,
        statement: "For tanh, σ(u) − uσ'(u) = (2/3)u³ − (8/15)u⁵ + (34/105)u⁷ − … with exact rational coefficients, so C is not conserved: a neuron that stays at scale ε drifts by a relative O(ε² log(1/ε)); a growing neuron drifts by ≈ (M₃/3s)a_k⁴, M₃ = (1/n)Σ y_i(ẑᵀx_i)³, so at the escape radius C_k = Θ(δ⁴) (the refinement in proofs/claim-02.md).",
        latex: #"\tanh u - u\,\tanh' u = \tfrac23u^3 - \tfrac8{15}u^5 + \tfrac{34}{105}u^7 - \tfrac{496}{2835}u^9 + \dots,\qquad \Delta C_k \approx \frac{M_3}{3s}\,a_k^4"#,
        hypotheses: ["σ = tanh", "small initialization (ε ≪ δ)"],
        quantities: ["series coefficients against an independent rational computation", "C_k(escape) − C_k(0) against (M₃/3s)(a_k⁴(escape) − a_k⁴(0)) on two radii"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 2: the check is being written (issue 5)")
    }
}
