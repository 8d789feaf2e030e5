import Foundation

/// The rate r of D ∝ x^r, the least-squares slope of log10 D against log10 x (claim 6: the
/// distance of the limits against ε or the tilt τ; claim 8: the risk against δ), with its
/// measured uncertainty: the 95 % Student-t half-width of the slope, t(0.975, N−2)·SE (the
/// scatter about the line), plus the slope's change when each point moves by its own
/// uncertainty (Σ_i |x_i − x̄|/Sxx · δy_i, δy_i the log10 uncertainty of D_i).
///
/// Points with D ≤ 2u (unresolved: the uncertainty reaches half the value) or non-finite are
/// left out; fewer than three resolved points give no rate (no scatter to measure).
struct LogLogRate: Sendable {
    let rate: Double
    let intercept: Double
    let standardError: Double
    /// t(0.975, N−2)·SE + the propagated point uncertainties.
    let uncertainty: Double
    let points: Int
    /// The largest x among the fitted points.
    let largestX: Double

    /// The fit over the `tail` resolved samples of smallest x (a rate as x → 0).
    init?(tail: Int, _ samples: [(x: Double, value: Double, uncertainty: Double)]) {
        self.init(Array(samples.filter(Self.isResolved).sorted { $0.x < $1.x }.prefix(tail)))
    }

    static func isResolved(_ s: (x: Double, value: Double, uncertainty: Double)) -> Bool {
        s.x > 0 && s.value.isFinite && s.uncertainty.isFinite && s.value > 2 * s.uncertainty
    }

    init?(_ samples: [(x: Double, value: Double, uncertainty: Double)]) {
        let resolved = samples.filter(Self.isResolved)
        guard resolved.count >= 3 else { return nil }
        let x = resolved.map { log10($0.x) }, y = resolved.map { log10($0.value) }
        let dy = resolved.map { log10($0.value / ($0.value - $0.uncertainty)) }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / sxx
        let residual = zip(x, y).map { pow($1 - my - slope * ($0 - mx), 2) }.reduce(0, +)
        standardError = (residual / (n - 2) / sxx).squareRoot()
        let propagated = zip(x, dy).map { Swift.abs($0 - mx) / sxx * $1 }.reduce(0, +)
        rate = slope
        intercept = my - slope * mx
        uncertainty = MeanInterval.studentQuantile975(degreesOfFreedom: x.count - 2) * standardError + propagated
        points = x.count
        largestX = resolved.map(\.x).max() ?? 0
    }

    /// The fitted D at x.
    func value(at x: Double) -> Double { pow(10, intercept + rate * log10(x)) }
}
