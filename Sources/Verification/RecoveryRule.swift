import Foundation
import MultiPrecision
import TwoLayerNet

/// The certified recovery rule at one working precision (proofs/recovery.md states it and why
/// each branch is sound). δ = dist(θ_T, Q*) at the end state θ_T (dist to Q*_al, an upper bound,
/// where Q* is not searched), u the state's resolution, B = b + u a bound on how far the flow
/// still moves from θ_T (b from the measured gradient decay, or, for a hand-built point
/// without a trajectory, the Newton step ‖∇L‖/λ_gap), τ the Hessian eigenvalues' uncertainty.
///
/// - **recovered (resolution)**: δ + B ≤ 8u: the limit lies within 8u of Q*, i.e. in Q* to the
///   working precision.
/// - **recovered (rate)**: the distance still falls at the end at a rate that is not slowing
///   (`TailRates.distanceStillFalling`), and δ ≤ 2B: the remaining motion reaches Q*.
/// - **not recovered**: δ* = dist(θ_T, Q*) > 4B (so dist(θ∞, Q*) ≥ δ* − B > 0) and no Hessian
///   eigenvalue below −τ (a local minimum to its uncertainty, not a saddle plateau).
/// - otherwise **undecided**, saying which condition failed.
struct RecoveryRule<S: Scalar> {
    let point: LimitPoint<S>
    /// The measured tail (nil: none, i.e. a hand-built point, or too few samples).
    let rates: TailRates?
    /// ‖∇L(θ_T)‖·T, the gradient times the final flow time (nil for a hand-built point).
    let gradientTime: S?

    /// The bound B on the remaining motion (nil when it cannot be bounded).
    var motionBound: S? {
        let p = point.precision
        if let gradientTime {
            guard let gamma = rates?.motionExponent else { return nil }
            return gradientTime / S(gamma - 1, precision: p) + point.resolution
        }
        let tau = point.eigenvalueUncertainty(motion: point.resolution)
        guard let gap = point.spectralGap(above: tau) else { return nil }
        return point.gradientNorm / gap + point.resolution
    }

    func decide() -> (outcome: RecoveryVerdict.Outcome, reason: String) {
        let p = point.precision
        let at = "at \(p.bits == 53 ? "double" : "\(p.bits) bits")"
        guard let delta = point.distance else {
            return (.undecided, "\(at): no distance to Q* for this width or activation")
        }
        let u = point.resolution
        let deltaText = LimitPoint.text(delta)!
        guard let B = motionBound else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) and the remaining motion cannot be bounded (\(rateText))")
        }
        let bText = LimitPoint.text(B)!
        if delta + B <= S(8, precision: p) * u {
            return (.recovered, "\(at): dist(θ, Q*) + B = \(LimitPoint.text(delta + B)!) ≤ 8u = \(LimitPoint.text(S(8, precision: p) * u)!): the limit is in Q* to the working precision")
        }
        if let rates, rates.distanceStillFalling, delta <= S(2, precision: p) * B {
            return (.recovered, "\(at): dist(θ, Q*) = \(deltaText) still falls (\(rateText)) and the remaining motion B = \(bText) ≥ dist/2 reaches Q*")
        }
        let tau = point.eigenvalueUncertainty(motion: B)
        let lowest = point.eigenvalues.first ?? S(0, precision: p)
        guard let deltaStar = point.targetSetDistance, deltaStar > S(4, precision: p) * B else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) neither within 2B (with a falling distance) nor certified beyond 4B, B = \(bText) (\(rateText))")
        }
        guard lowest >= -tau else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) > 4B = \(LimitPoint.text(S(4, precision: p) * B)!) but ∇²L has eigenvalue \(LimitPoint.text(lowest)!) < −τ = −\(LimitPoint.text(tau)!): a saddle, the flow may leave")
        }
        return (.notRecovered, "\(at): dist(θ, Q*) = \(deltaText) > 4B = \(LimitPoint.text(S(4, precision: p) * B)!) (the limit stays ≥ \(LimitPoint.text(deltaStar - B)!) from Q*), lowest Hessian eigenvalue \(LimitPoint.text(lowest)!) ≥ −τ = −\(LimitPoint.text(tau)!)")
    }

    var rateText: String {
        guard let r = rates else { return gradientTime == nil ? "hand-built point" : "too few samples in the last decade" }
        return String(format: "γ = %.2f, %.2f; β = %.2f, %.2f", r.gradient.early, r.gradient.late, r.distance.early, r.distance.late)
    }
}
