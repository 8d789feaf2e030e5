/// Claim 7 (proofs/claim-07.md): the optimistic sample size n_opt = d + 1.
public struct OptimisticSampleSize: ClaimCheck {
    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 7, title: "Optimistic sample size", status: .paperAndDerived,
        statement: "n_opt = d + 1 without bias (d + 2 with bias), for every width m: the minimum model rank over Q* is d + 1, reached where one neuron is the target and the others are zero. Below it small-initialization flow cannot recover: w_k − w_k(0) stays in span{x_i}, which misses w* for n < d.",
        latex: #"n_{\mathrm{opt}} = \min_{\theta\in Q^*}\operatorname{rank} J(\theta) = d + 1,\qquad J_{ij} = \frac{\partial f(x_i;\theta)}{\partial\theta_j}"#,
        hypotheses: ["σ analytic with σ(0) = 0, σ'(0) ≠ 0, not linear (tanh)", "no bias (d + 2 with bias)", "data in general position"],
        quantities: ["rank of J at the one-neuron point, certified by an interval minor", "span invariant of w_k − w_k(0) for n < d", "recovery (risk vs floor) for n ≤ d and n = d + 1"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 7: the check is being written (issue 5)")
    }
}
