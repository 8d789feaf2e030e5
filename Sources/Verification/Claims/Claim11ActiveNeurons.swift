/// Claim 11 (proofs/claim-11.md): only some neurons stay active.
public struct ActiveNeurons: ClaimCheck {
    public init() {}
    public var cost: Double { 3 }
    public let info = ClaimInfo(
        id: 11, title: "Only some neurons stay active", status: .paper,
        statement: "In a recovered small-initialization limit every neuron with a_k ≠ 0 and w_k ≠ 0 has w_k = ±w* (no cancelling pairs); which neurons stay active, and how many, depends on Ĉ / p̂.",
        latex: #"\theta_\infty \in Q^* \Rightarrow \forall k:\ a_k = 0 \ \lor\ w_k = 0 \ \lor\ w_k = \pm w^*"#,
        hypotheses: ["tanh", "recovered limit (risk at the floor)"],
        quantities: ["distance of the limit to the aligned target set Q*_al", "active count and roles against Ĉ, p̂"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 11: the check is being written (issue 5)")
    }
}
