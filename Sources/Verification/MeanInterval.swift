import Foundation

/// The mean of N independent draws with its two-sided 95 % Student-t half-width, t(0.975, N−1)·s/√N
/// (claim 10, reading (10c): the mean over random directions θ̂₀ of a paired increment of the risk;
/// proofs/claim-10.md). The draws are assumed independent (one per seed) with finite variance;
/// at N ≥ 200 the normal approximation behind the t interval is mild.
public struct MeanInterval: Sendable, Equatable {
    public let mean: Double
    /// The standard error s/√N, s the sample standard deviation.
    public let standardError: Double
    /// t(0.975, N−1)·standardError.
    public let halfWidth: Double
    public let count: Int

    /// Nil for fewer than two draws or a non-finite one (no interval exists).
    public init?(_ draws: [Double]) {
        guard draws.count >= 2, draws.allSatisfy(\.isFinite) else { return nil }
        let n = Double(draws.count)
        let mean = draws.reduce(0, +) / n
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        let standardError = (variance / n).squareRoot()
        self.mean = mean
        self.standardError = standardError
        halfWidth = MeanInterval.studentQuantile975(degreesOfFreedom: draws.count - 1) * standardError
        count = draws.count
    }

    /// t(0.975, ν): tabulated to 3 decimals for ν ≤ 30; beyond, the Cornish–Fisher expansion
    /// z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²), z = 1.959964, within 1e-3 there.
    public static func studentQuantile975(degreesOfFreedom nu: Int) -> Double {
        precondition(nu >= 1, "need at least one degree of freedom")
        let table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                     2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                     2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if nu <= table.count { return table[nu - 1] }
        let z = 1.959964, v = Double(nu)
        let z3 = z * z * z, z5 = z3 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
    }
}
