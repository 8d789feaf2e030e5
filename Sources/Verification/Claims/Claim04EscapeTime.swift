/// Claim 4 (proofs/claim-04.md): the escape time.
public struct EscapeTime: ClaimCheck {
    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 4, title: "Escape time", status: .derived,
        statement: "The time to reach ‖θ‖₂ = δ is T_esc = (1/s)[ln(1/ε) + ln(δ/(√2‖p(θ̂₀)‖))] + O(δ²) + O(ε²/δ²), so dT_esc/d ln(1/ε) → 1/s exactly.",
        latex: #"T_{\mathrm{esc}} = \frac1s\left[\ln\frac1\varepsilon + \ln\frac{\delta}{\sqrt2\,\|p(\hat\theta_0)\|}\right] + O(\delta^2) + O\!\left(\frac{\varepsilon^2}{\delta^2}\right)"#,
        hypotheses: ["σ(0) = 0, σ'(0) = 1", "p(θ̂₀) ≠ 0", "ε ≪ δ ≪ 1"],
        quantities: ["T_esc against the formula on an ε ladder and two radii δ, δ/2 (the O(δ²) remainder scales by ¼)", "ΔT_esc / Δln(1/ε) against 1/s"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 4: the check is being written (issue 5)")
    }
}
