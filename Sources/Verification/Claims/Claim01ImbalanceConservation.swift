/// Claim 1 (proofs/claim-01.md): imbalance conservation for 1-homogeneous σ.
public struct ImbalanceConservation: ClaimCheck {
    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 1, title: "Imbalance conservation", status: .derived,
        statement: "dC_k/dt = −(2a_k/n) Σ_i e_i [σ(u_ik) − u_ik σ'(u_ik)]; for 1-homogeneous σ (linear, ReLU, leaky ReLU) σ(u) = uσ'(u), so C(θ) = (a_k² − ‖w_k‖²)_k is exactly conserved along the flow.",
        latex: #"\frac{dC_k}{dt} = -\frac{2a_k}{n}\sum_{i=1}^n e_i\left[\sigma(u_{ik}) - u_{ik}\sigma'(u_{ik})\right] = 0 \quad\text{for } \sigma(u) = u\,\sigma'(u)"#,
        hypotheses: ["σ 1-homogeneous: linear, ReLU, leaky ReLU"],
        quantities: ["max_k |C_k(t) − C_k(0)| / |C_k(0)| after escape from ε = 1e-30"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 1: the check is being written (issue 5)")
    }
}
