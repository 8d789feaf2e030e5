import Foundation

/// The step-size control of exponential collocation (`ExponentialCollocationStepper`).
///
/// Two limits: the accuracy, read from the error ratio (the error falls like H^K, so the next
/// factor is 0.9·(1/error)^(1/K) within [0.2, 4] after an accepted step and [0.2, 0.7] after a
/// rejected one); and the fixed-point iteration, whose contraction H·‖J(y) − J(y₀)‖ grows with
/// H. In a slow tail the error is far below the tolerance, so the accuracy alone lets H grow
/// until the iteration stops contracting (the step fails with an infinite ratio and is halved),
/// then grows it again, so on the slow runs of the nsep sweeps about as many attempts failed as
/// were accepted. So a failed iteration at length H sets a ceiling 0.6·H for the next
/// proposals, raised by 10 % for each step accepted at it (the contraction limit moves with the
/// flow; 0.6 and 10 % cost fewer field evaluations than 0.8 or 0.9 with 5 % on those runs).
struct CollocationStepControl {
    let degree: Int
    /// The longest step proposed while the iteration's limit is in force (nil: none seen).
    private(set) var ceiling: Double?

    init(degree: Int) { self.degree = degree }

    /// The factor for the next step after a step of length `taken` with `errorRatio`
    /// (∞: the iteration did not contract or the eigendecomposition failed).
    mutating func nextFactor(taken: Double, errorRatio error: Double) -> Double {
        let K = Double(degree)
        if error.isInfinite {
            ceiling = 0.6 * taken
            return 0.5
        }
        let accepted = error <= 1
        var factor = accepted ? min(4, max(0.2, 0.9 * pow(1 / max(error, 1e-300), 1 / K)))
            : error.isFinite ? min(0.7, max(0.2, 0.9 * pow(1 / error, 1 / K))) : 0.5
        if accepted, let c = ceiling, taken > 0 {
            if taken >= c { ceiling = 1.1 * c }
            factor = min(factor, ceiling! / taken)
        }
        return factor
    }
}
