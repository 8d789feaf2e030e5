import Foundation

/// Claim 6 (C): the rate r of D ∝ τ^r, the least-squares slope of log10 D against log10 τ, with
/// its measured uncertainty: the 95 % Student-t half-width of the slope, t(0.975, N−2)·SE (the
/// scatter about the line), plus the slope's change when each point moves by its own
/// uncertainty (Σ_i |x_i − x̄|/Sxx · δy_i, δy_i the log10 uncertainty of D_i).
///
/// Points with D ≤ 2 u (unresolved: the uncertainty reaches half the value) or non-finite are
/// left out; fewer than three resolved points give no rate (no scatter to measure).
struct LogLogRate: Sendable {
    let rate: Double
    let intercept: Double
    let standardError: Double
    /// t(0.975, N−2)·SE + the propagated point uncertainties.
    let uncertainty: Double
    let points: Int

    init?(_ samples: [(x: Double, value: Double, uncertainty: Double)]) {
        let resolved = samples.filter { $0.x > 0 && $0.value.isFinite && $0.uncertainty.isFinite && $0.value > 2 * $0.uncertainty }
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
    }

    /// The fitted D at x.
    func value(at x: Double) -> Double { pow(10, intercept + rate * log10(x)) }
}
