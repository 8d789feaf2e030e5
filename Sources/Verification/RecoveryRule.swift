import Foundation
import MultiPrecision
import TwoLayerNet

/// The certified recovery rule at one working precision (proofs/recovery.md states it and why
/// each branch is sound). δ = dist(θ_T, Q*) at the end state θ_T (dist to Q*_al, an upper bound,
/// where Q* is not searched), u the state's resolution; three bounds on how far the flow still
/// moves from θ_T: the static bound B_s (`LimitPoint.staticMotionBound`: PL inequality or strict
/// minimum at θ_T), the rate bound B_r (the measured gradient decay extrapolated) and the loss
/// bound B_L (the energy identity with the measured loss decay); B = B_s, else B_r; τ the Hessian
/// eigenvalues' uncertainty.
///
/// - **recovered (resolution)**: δ + B ≤ 8u: the limit lies within 8u of Q*, i.e. in Q* to the
///   working precision.
/// - **recovered (rate)**: the distance still falls at the end at a rate that is not slowing
///   (`TailRates.distanceStillFalling`), and δ ≤ 2B_r: the remaining motion reaches Q*. Not for
///   a run stopped on its step budget: it has no rate bound (its tail is cut at an arbitrary time,
///   mid-transient; a 128-bit run cut at t = 4e9 fell at β = 0.14 toward a limit 0.20 from Q*).
/// - **not recovered (static)**: δ* = dist(θ_T, Q*) > 4B_s (so dist(θ∞, Q*) ≥ δ* − B_s > 0) and
///   no Hessian eigenvalue below −τ.
/// - **not recovered (loss rate)**: above double, at a degenerate point (no B_s, or δ* ≤ 4B_s),
///   δ* > 4·max(B_L, B_r) and no Hessian eigenvalue below −τ. The motion over any flow time H
///   after T is at most √(H·L(T)) whatever the tail does; B_L extrapolates it with the measured
///   loss exponent α (`TailRates.lossExponent`). Not in double: a double run "converged" 1e-4 from
///   Q* kept moving at 256 bits, below double's resolution of the loss.
/// - otherwise **undecided**, saying which condition failed; above double also the flow time for
///   which the flow provably stays ≥ δ*/2 from Q* (`certifiedHorizon`), and at a saddle its
///   eigenvalue and 1/|λ| (`saddleText`).
struct RecoveryRule<S: Scalar> {
    let point: LimitPoint<S>
    /// The measured tail (nil: none, i.e. a hand-built point, or too few samples).
    let rates: TailRates?
    /// The final flow time T (nil for a hand-built point).
    let time: S?
    /// The run ended on its step budget or its wall-clock guard (a tail cut at an arbitrary
    /// time, not at the run's own end): no rate bound is taken from it.
    var stoppedOnBudget = false

    /// The bound ‖∇L(θ_T)‖·T/(γ − 1) on the remaining motion from the measured gradient decay (runs only).
    var rateBound: S? {
        guard !stoppedOnBudget, let time, let gamma = rates?.motionExponent else { return nil }
        return point.gradientNorm * time / S(gamma - 1, precision: point.precision) + point.resolution
    }

    /// The bound √T·(√L + u)/(1 − 2^((1−α)/2)) + u on the remaining motion from the energy
    /// identity and the measured loss decay α (proofs/recovery.md, "Not recovered (loss rate)");
    /// √L + u bounds √L(θ_T) over the rounding of the residuals. Runs above double only, not cut
    /// by their budget.
    var lossBound: S? {
        guard !stoppedOnBudget, point.precision.bits > 53, let time, let alpha = rates?.lossExponent else { return nil }
        let blocks = S(1 - pow(2, (1 - alpha) / 2), precision: point.precision)
        return S.sqrt(time) * rootLoss / blocks + point.resolution
    }

    /// √L + u: a bound on √L(θ_T) over the rounding of the residuals.
    var rootLoss: S { S.sqrt(S.abs(point.loss)) + point.resolution }

    /// The flow time after T during which the flow provably stays ≥ δ*/2 from Q* (energy
    /// identity, no assumption on the tail): (δ*/2)²/(√L + u)².
    func certifiedHorizon(_ deltaStar: S) -> S {
        let half = deltaStar / S(2, precision: point.precision)
        return half * half / (rootLoss * rootLoss)
    }

    /// "whatever the tail, …" for a run above double with δ* (empty otherwise): what an
    /// undecided run still certifies.
    var horizonText: String {
        guard point.precision.bits > 53, time != nil, let deltaStar = point.targetSetDistance else { return "" }
        return "; whatever the tail, the flow stays ≥ dist/2 from Q* for a flow time \(LimitPoint.text(certifiedHorizon(deltaStar))!) after T"
    }

    /// The bound B on the remaining motion: the static bound where it applies, else the rate's.
    var motionBound: S? { point.staticMotionBound ?? rateBound }

    /// An outcome, why, and the bound on the remaining motion it rests on (`motionBound`, or
    /// max(B_L, B_r) for *not recovered (loss rate)*).
    typealias Decision = (outcome: RecoveryVerdict.Outcome, reason: String, motion: S?)

    /// "at double" or "at p bits", the head of every reason.
    var at: String { "at \(point.precision.bits == 53 ? "double" : "\(point.precision.bits) bits")" }

    /// The distance δ is named as what it is: dist(θ, Q*), or where Q* is not searched (m above
    /// `FullTargetSetDistance.maximumWidth`) its upper bound dist(θ, Q*_al).
    var distanceName: String { point.targetSetDistance != nil ? "dist(θ, Q*)" : "dist(θ, Q*_al)" }

    func decide() -> Decision {
        let p = point.precision
        guard let delta = point.distance else {
            return (.undecided, "\(at): no distance to Q* for this width or activation", motionBound)
        }
        let u = point.resolution
        let deltaText = LimitPoint.text(delta)!
        guard let B = motionBound else {
            return (.undecided, "\(at): \(distanceName) = \(deltaText) and the remaining motion cannot be bounded (\(rateText)\(horizonText))\(saddleText)", motionBound)
        }
        if delta + B <= S(8, precision: p) * u {
            return (.recovered, "\(at): \(distanceName) + B = \(LimitPoint.text(delta + B)!) ≤ 8u = \(LimitPoint.text(S(8, precision: p) * u)!): the limit is in Q* to the working precision", motionBound)
        }
        if let rates, let R = rateBound, rates.distanceStillFalling, delta <= S(2, precision: p) * R {
            return (.recovered, "\(at): \(distanceName) = \(deltaText) still falls (\(rateText)) and the remaining motion at the measured rate, \(LimitPoint.text(R)!), ≥ dist/2 reaches Q*", motionBound)
        }
        if let S0 = point.staticMotionBound, let deltaStar = point.targetSetDistance, deltaStar > S(4, precision: p) * S0 {
            return certified(deltaStar, bound: S0, by: "4B", detail: "")
        }
        if let BL = lossBound, let deltaStar = point.targetSetDistance, let R = rateBound,
           deltaStar > S(4, precision: p) * Swift.max(BL, R) {
            let detail = " (\(rateText); B_L = \(LimitPoint.text(BL)!), B_r = \(LimitPoint.text(R)!)\(horizonText))"
            return certified(deltaStar, bound: Swift.max(BL, R), by: "4·max(B_L, B_r)", detail: detail)
        }
        guard let S0 = point.staticMotionBound else {
            return (.undecided, "\(at): \(distanceName) = \(deltaText), not recovered by rate (\(rateText)), no static bound on the remaining motion (J not of full row rank, no strict minimum)\(lossText)\(horizonText): a degenerate point, the flow may still drift\(saddleText)", motionBound)
        }
        return (.undecided, "\(at): \(distanceName) = \(deltaText) neither recovered by rate nor certified beyond 4B, static B = \(LimitPoint.text(S0)!) (\(rateText))", motionBound)
    }

    /// Not recovered when δ* > 4B and no Hessian eigenvalue lies below −τ; undecided at a saddle.
    /// `name` is the threshold's name in the reason, `detail` what the bound rests on.
    func certified(_ deltaStar: S, bound B: S, by name: String, detail: String) -> Decision {
        let p = point.precision
        let deltaText = LimitPoint.text(deltaStar)!, fourB = LimitPoint.text(S(4, precision: p) * B)!
        let tau = point.eigenvalueUncertainty(motion: B)
        let lowest = point.eigenvalues.first ?? S(0, precision: p)
        guard lowest >= -tau else {
            return (.undecided, "\(at): dist(θ, Q*) = \(deltaText) > \(name) = \(fourB) but ∇²L has eigenvalue \(LimitPoint.text(lowest)!) < −τ = −\(LimitPoint.text(tau)!): a saddle, the flow may leave", B)
        }
        return (.notRecovered, "\(at): dist(θ, Q*) = \(deltaText) > \(name) = \(fourB)\(detail) (the limit stays ≥ \(LimitPoint.text(deltaStar - B)!) from Q*), lowest Hessian eigenvalue \(LimitPoint.text(lowest)!) ≥ −τ = −\(LimitPoint.text(tau)!)", B)
    }

    /// "; ∇²L has eigenvalue λ < −τ: a saddle …" when the end state is one (empty otherwise): the
    /// flow sits on a plateau it leaves on a flow time of order 1/|λ| (proofs/recovery.md, "Not
    /// recovered (static)"), so the guard ended the run before its limit.
    var saddleText: String {
        let p = point.precision
        guard let lowest = point.eigenvalues.first else { return "" }
        let tau = point.eigenvalueUncertainty(motion: motionBound ?? point.resolution)
        guard lowest < -tau else { return "" }
        return "; ∇²L has eigenvalue \(LimitPoint.text(lowest)!) < −τ = −\(LimitPoint.text(tau)!): a saddle, which the flow leaves on a flow time of order 1/|λ| = \(LimitPoint.text(S(1, precision: p) / -lowest)!)"
    }

    /// Why the loss bound does not decide, for an undecided reason at a degenerate point.
    var lossText: String {
        guard point.precision.bits > 53 else { return "" }
        guard let BL = lossBound else {
            guard !stoppedOnBudget, let r = rates else { return "" }
            return String(format: ", no loss-rate bound (α = %.2f, %.2f: not above 1.05 or slowing)", r.loss.early, r.loss.late)
        }
        return ", loss-rate bound B_L = \(LimitPoint.text(BL)!)\(rateBound == nil ? " without a rate bound B_r" : "") (δ* must exceed 4·max(B_L, B_r))"
    }

    var rateText: String {
        guard let r = rates else { return time == nil ? "hand-built point" : "too few samples in the last decade" }
        return (stoppedOnBudget ? "cut short (step budget or wall clock), so no rate bound; " : "") + String(format: "γ = %.2f, %.2f; β = %.2f, %.2f; α = %.2f, %.2f", r.gradient.early, r.gradient.late, r.distance.early, r.distance.late, r.loss.early, r.loss.late)
    }
}
