import Foundation
import MultiPrecision

/// Order and step-size selection of the Taylor method (Jorba & Zou 2005, §3.2; the rule heyoka
/// uses), for a local error tolerance `tol` relative to ‖θ‖∞:
///
///     K = ⌈−ln(tol)/2⌉ + 1,
///     ρ_k = (‖θ_0‖∞ / ‖θ_k‖∞)^{1/k}  for k = K − 1, K   (estimates of the radius of convergence),
///     h = min(ρ_{K−1}, ρ_K) · e^{−2} · e^{−0.7/(K−1)}.
///
/// Then ‖θ_K‖ h^K ≲ ‖θ_0‖ e^{−2K} ≤ tol·‖θ_0‖: the order that minimizes the work per unit time,
/// K²/h, for a given tolerance, with the step a fixed fraction e^{−2} of the radius.
public enum TaylorStepSize {
    /// K = ⌈−ln(tol)/2⌉ + 1 for a tolerance given by its natural logarithm (ln tol < 0).
    public static func order(logTolerance: Double) -> Int {
        precondition(logTolerance < 0, "tolerance must be below 1")
        return Int((-logTolerance / 2).rounded(.up)) + 1
    }

    /// K for the tolerance 2^(−bits).
    public static func order(toleranceBits bits: Int) -> Int { order(logTolerance: -Double(bits) * M_LN2) }

    /// K for a tolerance value (read through its logarithm, so tolerances beyond Double's range
    /// are fine).
    public static func order<S: Scalar>(tolerance: S) -> Int { order(logTolerance: S.log(tolerance).doubleValue) }

    /// The bits coefficient k of an order-K expansion needs: ⌈(2(K − 1) − 1.8k)/ln 2⌉ + 64.
    ///
    /// The tolerance 2^(−b) that chose K has b ≈ 2(K − 1)/ln 2, and coefficient k enters the step
    /// as θ_k h^k ≈ ‖θ_0‖ e^(−2k) (the step rule above), so it needs b − 2k/ln 2 bits relative to
    /// its own size. The rule takes 90 % of that decay (room for radius estimates ρ_k that differ
    /// from ρ_K) and 64 guard bits. Used to shorten the operands of the BigFloat Cauchy products
    /// (`ExactDot.truncateProducts`). For the integrator's default tolerance (2^−p, the
    /// stepper at p + 32 bits) it exceeds the working precision at k = 0.
    public static func coefficientBits(level k: Int, order K: Int) -> Int {
        Int(((2 * Double(K - 1) - 1.8 * Double(k)) / M_LN2).rounded(.up)) + 64
    }

    /// ln of the safety factor e^{−2} · e^{−0.7/(K−1)}.
    public static func logSafety(order K: Int) -> Double { -2 - 0.7 / Double(max(1, K - 1)) }
}
