/// Claim 5 (proofs/claim-05.md): condensation at escape.
public struct Condensation: ClaimCheck {
    public init() {}
    public var cost: Double { 2 }
    public let info = ClaimInfo(
        id: 5, title: "Condensation", status: .derived,
        statement: "At escape every neuron with p_k ≠ 0 has w_k aligned with ±ẑ, with misalignment O(ε/δ) + O(δ²) (the ε-independent O(δ²) part is the refinement in proofs/claim-05.md), and amplitudes proportional to p_k.",
        latex: #"\frac{\|w_k^\perp\|}{\|w_k\|} = O\!\left(\frac{\varepsilon}{\delta}\right) + O(\delta^2),\qquad \frac{a_k}{\|(a_j)_j\|} = \hat p_k + O(\delta^2)"#,
        hypotheses: ["σ(0) = 0, σ'(0) = 1", "p_k ≠ 0"],
        quantities: ["misalignment ‖w_k⟂‖/‖w_k‖ at escape on an ε ladder and two radii", "amplitude direction against p̂"])

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        throw VerificationError.runIncomplete("claim 5: the check is being written (issue 5)")
    }
}
