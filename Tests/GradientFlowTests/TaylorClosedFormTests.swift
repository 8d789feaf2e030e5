import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// Claim 12 (THEORY.md §3, derived and exact) for the Taylor integrator: linear σ, m = 1,
/// whitened data ((1/n) Σ x_i x_iᵀ = I), balanced start a(0) = ẑᵀw(0) = b₀ > 0 with w(0) ∥ v,
/// v = (1/n) Σ y_i x_i, s = ‖v‖:  a(t)² = s / (1 + (s/b₀² − 1) e^{−2st}).
@Suite("Taylor integrator: claim 12 closed form")
struct TaylorClosedFormTests {
    /// x_i ∈ {(±1, ±1)}: (1/4) Σ x_i x_iᵀ = I exactly. Target a* = 1, w* = (1, 1/2), so v = w*
    /// and s = √5/2; b₀ = 1/10, θ(0) = (b₀, b₀ v/s).
    static func problem<S: Scalar>(_ p: Precision) -> (TwoLayerNetwork, Dataset<S>, [S], S) {
        let xs: [(Int, Int)] = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
        let inputs = xs.flatMap { [S($0.0, precision: p), S($0.1, precision: p)] }
        let half = S(Rational(numerator: 1, denominator: 2), precision: p)
        let labels = xs.map { S($0.0, precision: p) + S($0.1, precision: p) * half }
        let data = Dataset(sampleCount: 4, inputDimension: 2, inputs: inputs, labels: labels)
        let net = TwoLayerNetwork(width: 1, inputDimension: 2, activation: .linear)
        let b0 = S(Rational(numerator: 1, denominator: 10), precision: p)
        let s = S.sqrt(S(5, precision: p)) / S(2, precision: p)
        return (net, data, [b0, b0 / s, b0 * half / s], s)
    }

    static func closedForm<S: Scalar>(_ t: Int, _ s: S, _ p: Precision) -> S {
        let b0 = S(Rational(numerator: 1, denominator: 10), precision: p)
        let one = S(1, precision: p)
        let decay = S.exp(-(S(2 * t, precision: p) * s))
        return s / (one + (s / (b0 * b0) - one) * decay)
    }

    /// Integrates 0 → 1 → 10 → 100 (each leg a separate `integrateTaylor` run from the last
    /// state, so each end time is landed on exactly) and checks a(t)² at each.
    func check<S: Scalar>(_ type: S.Type, bits: Int) throws {
        let p = bits == 53 ? Precision.double : try Precision(bits: bits)
        let (net, data, theta0, s): (TwoLayerNetwork, Dataset<S>, [S], S) = Self.problem(p)
        var theta = theta0
        var start = 0
        for t in [1, 10, 100] {
            let run = integrateTaylor(network: net, data: data, from: theta,
                                      until: S(t - start, precision: p))
            #expect(run.reachedEnd)
            theta = run.state
            start = t
            let a = theta[0]
            let exact = Self.closedForm(t, s, p)
            let relative = S.abs((a * a - exact) / exact)
            let bound = S(Rational.pow(Rational(2), -(bits - 12)), precision: p)
            #expect(relative <= bound,
                    "t = \(t), \(bits) bits: relative error \(relative.decimal(significantDigits: 3)) > 2^-\(bits - 12); \(run.steps) steps")
        }
    }

    @Test("double") func double() throws { try check(Double.self, bits: 53) }
    @Test("256 bits") func bits256() throws { try check(BigFloat.self, bits: 256) }
    @Test("1024 bits") func bits1024() throws { try check(BigFloat.self, bits: 1024) }
}
