import GradientFlow
import MultiPrecision
import TwoLayerNet

/// A run's recovery verdict (`RecoveryVerdict`, the one rule of claims 7–11, proofs/recovery.md)
/// read in double, for the claims' tallies and notes.
///
/// `floor` is the run's risk resolution F = max(10·e_q, 100·L∞, 2^(−p+16)) (quadrature error
/// estimate e_q, final training loss L∞, deciding precision p): the smallest risk the run can
/// tell from zero. It is reported as the uncertainty of a recovered limit's risk (claims 10,
/// 11); it decides nothing.
public struct Recovery: Sendable, Equatable {
    public typealias Outcome = RecoveryVerdict.Outcome

    public let verdict: RecoveryVerdict
    /// R(θ∞), its quadrature error estimate, the risk resolution F and the final training loss.
    public let risk: Double
    public let riskError: Double
    public let floor: Double
    public let finalLoss: Double
    /// dist(θ∞, Q*_al) and the neurons' roles at the nearest point (nil beyond 12 neurons).
    public let alignedDistance: Double?
    public let roles: [String]
    /// Whether the deciding run met its convergence criterion.
    public let converged: Bool

    public var outcome: Outcome { verdict.outcome }

    /// The view of `verdict`.
    public init(_ verdict: RecoveryVerdict) {
        self.verdict = verdict
        let e = verdict.evidence
        risk = Double(e.risk) ?? .nan
        riskError = Double(e.riskError) ?? .nan
        finalLoss = Double(e.finalLoss) ?? .nan
        floor = Swift.max(10 * riskError, 100 * Swift.abs(finalLoss), pow2(-e.decidingBits + 16))
        alignedDistance = e.alignedDistance.flatMap(Double.init)
        roles = e.roles
        converged = e.status.map { $0 == FlowStatus.converged.rawValue } ?? true
    }

    /// The verdict on `flow` at its own precision (no escalation).
    public init<S: Scalar>(_ flow: Flow<S>) {
        self.init(RecoveryVerdict.decide(flow: flow))
    }

    /// The rule in words, for a claim's notes.
    public static let criterion = "recovery verdict (proofs/recovery.md): recovered when dist(θ, Q*) is at the working precision's resolution, or still falls at a non-slowing measured rate with the remaining motion (bounded from the measured gradient decay) reaching Q*; not recovered when dist(θ, Q*) exceeds 4× the static bound on the remaining motion (PL inequality at a full-rank Jacobian, or a strict minimum) and the Hessian has no eigenvalue below −τ; otherwise undecided; double first, escalating to higher precision by rerunning"
}
