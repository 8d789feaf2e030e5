import Foundation
import MultiPrecision

/// The extrapolation methods as `FlowStepper`s: the base rule `rule` refined column by column
/// (`attempt`), with the order and step control of Hairer, Nørsett & Wanner I, §II.9: accept
/// at the first column whose error estimate meets the tolerance, propose the next step from the
/// column with the least work per unit time.
extension ExtrapolationStepper: FlowStepper {
    public var method: FlowMethod {
        switch rule {
        case .explicitMidpoint: return .explicitMidpoint
        case .linearlyImplicitMidpoint: return .linearlyImplicitMidpoint
        case .linearlyImplicitEuler: return .linearlyImplicitEuler
        }
    }

    public mutating func step(_ system: inout System, from y: [S], field f0: [S], proposed H: S, maximum: S,
                              tolerance: S) -> FlowStep<S> {
        let a = attempt(&system, from: y, fieldAtStart: f0, step: H, method: rule, columns: maximumColumns,
                        minimumColumn: 1, tolerance: tolerance)
        let jacobians = rule.isImplicit ? 1 : 0
        guard let accepted = a.acceptedColumn else {
            return FlowStep(accepted: false, taken: H, errorRatio: a.errors.last ?? .infinity,
                            nextFactor: a.solvable ? rejectionFactor(a.errors) : 0.25, stabilityBound: nil,
                            evaluations: a.evaluations, jacobians: jacobians, patternChange: nil)
        }
        return FlowStep(accepted: true, taken: H, errorRatio: a.errors[accepted],
                        nextFactor: nextStepFactor(a.errors, accepted: accepted),
                        stabilityBound: rule.isImplicit ? nil : 2.0,
                        evaluations: a.evaluations, jacobians: jacobians, patternChange: nil)
    }

    /// Dense output by recomputation: a step of length τ from the same start.
    public mutating func denseOutput(_ system: inout System, from y: [S], field f0: [S], at tau: S, tolerance: S,
                                     into out: inout [S]) -> Bool {
        let a = attempt(&system, from: y, fieldAtStart: f0, step: tau, method: rule, columns: maximumColumns,
                        minimumColumn: 1, tolerance: tolerance)
        guard a.acceptedColumn != nil else { return false }
        for i in 0..<dimension { out[i].set(result[i]) }
        return true
    }

    /// Error exponent of column j: the estimate ‖T_jj − T_j,j−1‖ is O(H^(γj+1)).
    func exponent(_ j: Int) -> Double { 1 / Double(rule.expansionPower * j + 1) }

    /// The step factor that would bring column j's error estimate to the safe level 0.65
    /// (unclamped: the work comparison between columns needs the true ratios).
    func columnFactor(_ err: Double, _ j: Int) -> Double {
        if err == 0 { return 1e6 }
        if !err.isFinite { return 1e-6 }
        return 0.94 * Foundation.pow(0.65 / err, exponent(j))
    }

    /// Cumulative work (field evaluations; a factorization counts as one) up to column j.
    func work(_ j: Int) -> Double {
        var w = 1.0
        for i in 0...j { w += Double(rule.substeps(i)) + (rule.isImplicit ? 1 : 0) }
        return w
    }

    /// The factor for the next step: the column with the least work per unit time, with an
    /// order increase when the accepted column is the most efficient. Columns beyond the
    /// accepted one are predicted by continuing the observed geometric decrease of the error
    /// estimates (err_{k+1} ≈ err_k · err_j/err_{j−1}), so that a step much shorter than the
    /// solution's scale grows in a few steps, not dozens.
    func nextStepFactor(_ errors: [Double], accepted: Int) -> Double {
        var bestWork = Double.infinity, bestFactor = 1.0
        for j in 1...accepted {
            let fac = columnFactor(errors[j], j)
            let w = work(j) / fac
            if w < bestWork { bestWork = w; bestFactor = fac }
        }
        if accepted >= 2, errors[accepted] > 0, errors[accepted - 1].isFinite {
            let ratio = min(1, errors[accepted] / errors[accepted - 1])
            var predicted = errors[accepted]
            for k in (accepted + 1)..<min(maximumColumns, accepted + 3) {
                predicted *= ratio * 4   // pessimistic: the decrease slows as columns grow
                let fac = columnFactor(predicted, k)
                let w = work(k) / fac
                if w < bestWork { bestWork = w; bestFactor = fac }
            }
        }
        return min(8, max(0.05, bestFactor))
    }

    func rejectionFactor(_ errors: [Double]) -> Double {
        var best = 0.0
        for j in 1..<max(1, errors.count) { best = max(best, columnFactor(errors[j], j)) }
        return min(0.5, max(0.05, best))
    }
}
