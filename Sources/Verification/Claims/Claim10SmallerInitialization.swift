/// Claim 10 (proofs/claim-10.md): smaller initialization generalizes better.
public struct SmallerInitializationGeneralizesBetter: ClaimCheck {
    public init() {}
    public var cost: Double { 4 }
    public let info = ClaimInfo(
        id: 10, title: "Smaller initialization generalizes better", status: .paper,
        statement: "For a fixed direction θ̂₀ the population risk of the limit does not increase as ε decreases, and converges to the risk of the ε → 0 limit.",
        latex: #"\varepsilon_1 < \varepsilon_2 \Rightarrow R(\theta_\infty^{\varepsilon_1}) \le R(\theta_\infty^{\varepsilon_2}),\qquad R(\theta_\infty^{\varepsilon}) \to R_0"#,
        hypotheses: ["tanh", "fixed θ̂₀", "runs converged; risk by quadrature with its error estimate"],
        quantities: ["R(ε) on an ε ladder per direction", "increments between rungs against their uncertainty"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 10: the check is being written (issue 5)")
    }
}
