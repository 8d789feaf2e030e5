import MultiPrecision
import TwoLayerNet

/// Whether a converged limit recovers the target (THEORY.md §1: "recovery" = the limit lies in
/// Q*), judged by where the limit lies, never by a fixed test-error cutoff (issue 5).
///
/// **Criterion (our choice; the paper's is unknown).** With R the population risk of the limit
/// (Gauss–Hermite, error estimate e_q), L∞ the training loss at the end of the run and p the
/// working precision, the run's certified floor is
///
///     F = max(10·e_q, 100·L∞, 2^(−p+16)),
///
/// the smallest risk the run can tell from zero: quadrature error, the residual training loss
/// (a limit point off Q* by a distance r has R and L∞ both of order r²), and rounding. The
/// limit *recovers* if R ≤ F, does *not recover* if R > 1000·F, and is undecided in between
/// or when the run did not converge. The distance to the aligned target set Q*_al
/// (`TargetSetDistance`) and the neurons' roles are reported beside it (claims 7, 11).
public struct Recovery: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case recovered
        case notRecovered = "not-recovered"
        case undecided
    }

    public let outcome: Outcome
    /// R(θ∞), its quadrature error estimate, the floor F and the final training loss, in double.
    public let risk: Double
    public let riskError: Double
    public let floor: Double
    public let finalLoss: Double
    /// dist(θ∞, Q*_al) and the neurons' roles at the nearest point (nil beyond 12 neurons).
    public let alignedDistance: Double?
    public let roles: [String]
    /// Whether the run met its convergence criterion.
    public let converged: Bool

    /// The factor between the floor and a risk that counts as clearly positive.
    public static let separation = 1000.0

    public init<S: Scalar>(_ flow: Flow<S>) {
        let p = flow.problem.precision
        let theta = flow.final
        var evaluator = PopulationRiskEvaluator<S>(network: flow.network, precision: p)
        let r = evaluator.risk(of: theta, target: flow.problem.target)
        risk = r.value.doubleValue
        riskError = r.errorEstimate.doubleValue
        finalLoss = flow.trajectory.final.loss.doubleValue
        floor = Swift.max(10 * riskError, 100 * Swift.abs(finalLoss), Recovery.roundingFloor(bits: p.bits))
        let distance = TargetSetDistance(of: theta, network: flow.network, target: flow.problem.target)
        alignedDistance = distance?.distance.doubleValue
        roles = distance?.roles.map(\.description) ?? []
        converged = flow.converged
        if !converged {
            outcome = .undecided
        } else if risk <= floor {
            outcome = .recovered
        } else if risk > Recovery.separation * floor {
            outcome = .notRecovered
        } else {
            outcome = .undecided
        }
    }

    /// 2^(−p+16): rounding's share of the floor at p bits.
    public static func roundingFloor(bits: Int) -> Double { pow2(-bits + 16) }


    /// The criterion in words, for a claim's notes.
    public static let criterion = "recovery criterion (our choice): R(θ∞) ≤ F = max(10·quadrature error, 100·final training loss, 2^(−p+16)) recovers; R > 1000·F does not; between, or not converged: undecided"
}
