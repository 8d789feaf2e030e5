import Foundation
import MultiPrecision
import TwoLayerNet

/// The certified recovery rule at one working precision (proofs/recovery.md states it and why
/// each branch is sound). δ = dist(θ_T, Q*) at the end state θ_T (dist to Q*_al, an upper bound,
/// where Q* is not searched), u the state's resolution; two bounds on how far the flow still
/// moves from θ_T: the static bound B_s (`LimitPoint.staticMotionBound`: PL inequality or strict
/// minimum at θ_T) and the rate bound B_r (the measured gradient decay extrapolated); B = B_s,
/// else B_r; τ the Hessian eigenvalues' uncertainty.
///
/// - **recovered (resolution)**: δ + B ≤ 8u: the limit lies within 8u of Q*, i.e. in Q* to the
///   working precision.
/// - **recovered (rate)**: the distance still falls at the end at a rate that is not slowing
///   (`TailRates.distanceStillFalling`), and δ ≤ 2B_r: the remaining motion reaches Q*. Not for
///   a run stopped on its step budget: it has no rate bound (its tail is cut at an arbitrary time,
///   mid-transient; a 128-bit run cut at t = 4e9 fell at β = 0.14 toward a limit 0.20 from Q*).
/// - **not recovered**: δ* = dist(θ_T, Q*) > 4B_s (so dist(θ∞, Q*) ≥ δ* − B_s > 0) and no
///   Hessian eigenvalue below −τ. Only the static bound certifies this: a measured rate can hide
///   a slow drift below the gradient tolerance (a double run "converged" 1e-4 from Q* kept moving
///   at 256 bits).
/// - otherwise **undecided**, saying which condition failed.
struct RecoveryRule<S: Scalar> {
    let point: LimitPoint<S>
    /// The measured tail (nil: none, i.e. a hand-built point, or too few samples).
    let rates: TailRates?
    /// ‖∇L(θ_T)‖·T, the gradient times the final flow time (nil for a hand-built point).
    let gradientTime: S?
    /// The run ended on its step budget: no rate bound is taken from its tail.
    var stoppedOnBudget = false

    /// The bound on the remaining motion from the measured gradient decay (runs only).
    var rateBound: S? {
        guard !stoppedOnBudget, let gradientTime, let gamma = rates?.motionExponent else { return nil }
        return gradientTime / S(gamma - 1, precision: point.precision) + point.resolution
    }

    /// The bound B on the remaining motion: the static bound where it applies, else the rate's.
    var motionBound: S? { point.staticMotionBound ?? rateBound }

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
        if delta + B <= S(8, precision: p) * u {
            return (.recovered, "\(at): dist(θ, Q*) + B = \(LimitPoint.text(delta + B)!) ≤ 8u = \(LimitPoint.text(S(8, precision: p) * u)!): the limit is in Q* to the working precision")
        }
        if let rates, let R = rateBound, rates.distanceStillFalling, delta <= S(2, precision: p) * R {
            return (.recovered, "\(at): dist(θ, Q*) = \(deltaText) still falls (\(rateText)) and the remaining motion at the measured rate, \(LimitPoint.text(R)!), ≥ dist/2 reaches Q*")
        }
        guard let S0 = point.staticMotionBound else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText), not recovered by rate (\(rateText)), and no static bound on the remaining motion (J not of full row rank, no strict minimum): a degenerate point, the flow may still drift")
        }
        let bText = LimitPoint.text(S0)!
        let tau = point.eigenvalueUncertainty(motion: S0)
        let lowest = point.eigenvalues.first ?? S(0, precision: p)
        guard let deltaStar = point.targetSetDistance, deltaStar > S(4, precision: p) * S0 else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) neither recovered by rate nor certified beyond 4B, static B = \(bText) (\(rateText))")
        }
        guard lowest >= -tau else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) > 4B = \(LimitPoint.text(S(4, precision: p) * S0)!) but ∇²L has eigenvalue \(LimitPoint.text(lowest)!) < −τ = −\(LimitPoint.text(tau)!): a saddle, the flow may leave")
        }
        return (.notRecovered, "\(at): dist(θ, Q*) = \(deltaText) > 4B = \(LimitPoint.text(S(4, precision: p) * S0)!) (the limit stays ≥ \(LimitPoint.text(deltaStar - S0)!) from Q*), lowest Hessian eigenvalue \(LimitPoint.text(lowest)!) ≥ −τ = −\(LimitPoint.text(tau)!)")
    }

    var rateText: String {
        guard let r = rates else { return gradientTime == nil ? "hand-built point" : "too few samples in the last decade" }
        return (stoppedOnBudget ? "stopped on its step budget, so no rate bound; " : "") + String(format: "γ = %.2f, %.2f; β = %.2f, %.2f", r.gradient.early, r.gradient.late, r.distance.early, r.distance.late)
    }
}
