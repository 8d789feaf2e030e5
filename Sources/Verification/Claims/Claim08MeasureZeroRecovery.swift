/// Claim 8 (proofs/claim-08.md): recovery at n_opt only on a measure-zero set.
public struct MeasureZeroRecovery: ClaimCheck {
    public init() {}
    public var cost: Double { 4 }
    public let info = ClaimInfo(
        id: 8, title: "Measure-zero recovery at n_opt", status: .paper,
        statement: "At n = d + 1 and m ≥ 2, initializations with identical neurons (an invariant manifold on which the flow is a single-neuron flow with layer rates (m, 1/m)) recover; a perturbation of size δ gives a non-recovering interpolant whose population risk R(δ) is positive and tends to 0 with δ.",
        latex: #"n = d+1:\quad R(\theta_\infty) = 0 \text{ for identical neurons},\qquad 0 < R(\delta) \xrightarrow[\delta\to0]{} 0"#,
        hypotheses: ["tanh", "n = d + 1, m ≥ 2", "identical-neuron initialization, perturbation δ"],
        quantities: ["population risk of the limit against the run's certified floor", "R(δ) on a δ ladder"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 8: the check is being written (issue 5)")
    }
}
