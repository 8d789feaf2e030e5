/// Claim 12 (proofs/claim-12.md): the integrator against an exact closed form.
public struct IntegratorReference: ClaimCheck {
    public init() {}
    public var cost: Double { 1 }
    public let info = ClaimInfo(
        id: 12, title: "Integrator reference", status: .derivedExact,
        statement: "Linear σ, m = 1, whitened data ((1/n)Σ x_i x_iᵀ = I), balanced start a(0) = ẑᵀw(0) = b₀ > 0 with w(0) ∥ v, v = (1/n)Σ y_i x_i, s = ‖v‖: a(t)² = s / (1 + (s/b₀² − 1)e^{−2st}) at any t.",
        latex: #"a(t)^2 = \frac{s}{1 + \left(\frac{s}{b_0^2} - 1\right)e^{-2st}}"#,
        hypotheses: ["σ linear, m = 1", "whitened data", "balanced start a(0) = ẑᵀw(0), w(0) ∥ v"],
        quantities: ["relative error of a(t)² at t = 1, 10, 100 against the closed form, at every rung"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 12: the check is being written (issue 5)")
    }
}
