import MultiPrecision

/// The Taylor coefficients of tanh from Bernoulli numbers (claim 2, proofs/claim-02.md (a)):
/// tanh u = Σ_{j≥1} 2^{2j}(2^{2j} − 1) B_{2j} / (2j)! · u^{2j−1}, computed in exact rationals
/// independently of the symbolic layer's series arithmetic, so the two can be held against
/// each other.
enum TanhSeries {
    /// Bernoulli numbers B_0 … B_n (B_1 = −1/2) by the recurrence Σ_{k<m+1} C(m+1, k) B_k = 0.
    static func bernoulli(upTo n: Int) -> [Rational] {
        var b = [Rational(1)]
        guard n >= 1 else { return b }
        for m in 1...n {
            var sum = Rational(0)
            var binomial = Rational(1) // C(m+1, k), k = 0
            for k in 0..<m {
                sum += binomial * b[k]
                binomial = binomial * Rational(m + 1 - k) / Rational(k + 1)
            }
            b.append(-sum / Rational(m + 1))
        }
        return b
    }

    /// Coefficients c_0 … c_order of tanh.
    static func coefficients(order: Int) -> [Rational] {
        let b = bernoulli(upTo: order + 1)
        var c = Array(repeating: Rational(0), count: order + 1)
        var factorial = Rational(1)
        for m in 1...(order + 1) {
            factorial *= Rational(m)
            guard m % 2 == 0, m - 1 <= order else { continue }
            let four = Rational.pow(Rational(2), m)
            c[m - 1] = four * (four - Rational(1)) * b[m] / factorial
        }
        return c
    }

    /// The coefficients of g(u) = tanh u − u tanh'(u) = Σ (1 − k) c_k u^k.
    static func imbalanceDrift(order: Int) -> [Rational] {
        coefficients(order: order).enumerated().map { Rational(1 - $0.offset) * $0.element }
    }
}
