/// Claim 9 (proofs/claim-09.md): the separation sample size n_sep (value open).
public struct SeparationSampleSize: ClaimCheck {
    public init() {}
    public var cost: Double { 10 }
    public let info = ClaimInfo(
        id: 9, title: "Separation sample size", status: .paperEmpirical,
        statement: "From n_sep(m, d) on, a positive fraction of random small initializations recovers; for m = 1, n_sep = n_opt. The value of n_sep is open: it is measured per (m, d) and set beside candidate formulas (2d + 1, m + d, m + 2d − 1).",
        latex: #"n \ge n_{\mathrm{sep}}(m,d) \Rightarrow \Pr[\theta_\infty \in Q^*] > 0,\qquad n_{\mathrm{sep}}(1,d) = d+1"#,
        hypotheses: ["tanh, Gaussian data", "random Gaussian small initialization (at least 16 seeds per n)"],
        quantities: ["recovery fraction per n (risk against the certified floor)", "estimated n_sep against candidate formulas"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 9: the check is being written (issue 5)")
    }
}
