import Foundation

/// The exact (Clopper–Pearson) confidence interval for a binomial proportion: k successes in
/// N independent trials (claim 9: the recovery fraction F(n) from N random initializations;
/// proofs/claim-09.md, "What can be derived" 3). With k = 0 the upper end is 1 − (α/2)^(1/N).
public struct ClopperPearson: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    /// The two-sided interval at confidence 1 − α (default 95 %).
    public init(successes k: Int, trials N: Int, alpha: Double = 0.05) {
        precondition(N >= 1 && k >= 0 && k <= N, "need 0 ≤ k ≤ N, N ≥ 1")
        // lower: P(X ≥ k; p) = α/2; upper: P(X ≤ k; p) = α/2. Both tails are monotone in p.
        lower = k == 0 ? 0 : ClopperPearson.solve { 1 - ClopperPearson.cdf(k - 1, N, $0) - alpha / 2 }
        upper = k == N ? 1 : ClopperPearson.solve { alpha / 2 - ClopperPearson.cdf(k, N, $0) }
    }

    /// P(X ≤ k) for X ~ Binomial(N, p).
    static func cdf(_ k: Int, _ N: Int, _ p: Double) -> Double {
        if k < 0 { return 0 }
        if k >= N { return 1 }
        var sum = 0.0
        for i in 0...k {
            let logTerm = lgamma(Double(N + 1)) - lgamma(Double(i + 1)) - lgamma(Double(N - i + 1))
                + Double(i) * log(p) + Double(N - i) * log1p(-p)
            sum += exp(logTerm)
        }
        return min(1, sum)
    }

    /// The root in (0, 1) of an increasing function, by bisection.
    static func solve(_ g: (Double) -> Double) -> Double {
        var lo = 0.0, hi = 1.0
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if g(mid) < 0 { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}
