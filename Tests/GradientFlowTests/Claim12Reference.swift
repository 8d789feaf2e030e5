import MultiPrecision
import TwoLayerNet

/// Claim 12 (proofs/THEORY.md §3, derived and exact; proofs/claim-12.md): linear σ, m = 1, whitened
/// data ((1/n) Σ x_i x_iᵀ = I), balanced start a(0) = ẑᵀw(0) = b₀ > 0 with w(0) ∥ v,
/// v = (1/n) Σ y_i x_i, s = ‖v‖:  a(t)² = s / (1 + (s/b₀² − 1) e^{−2st}).
/// The problem and the closed form shared by the integrators' tests.
enum Claim12Reference {
    /// x_i ∈ {(±1, ±1)}: (1/4) Σ x_i x_iᵀ = I exactly. Target a* = 1, w* = (1, 1/2), so v = w*
    /// and s = √5/2; b₀ = 1/10, θ(0) = (b₀, b₀ v/s).
    static func problem<S: Scalar>(_ p: Precision) -> (network: TwoLayerNetwork, data: Dataset<S>, initial: [S], s: S) {
        let xs: [(Int, Int)] = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
        let inputs = xs.flatMap { [S($0.0, precision: p), S($0.1, precision: p)] }
        let half = S(Rational(numerator: 1, denominator: 2), precision: p)
        let labels = xs.map { S($0.0, precision: p) + S($0.1, precision: p) * half }
        let data = Dataset(sampleCount: 4, inputDimension: 2, inputs: inputs, labels: labels)
        let network = TwoLayerNetwork(width: 1, inputDimension: 2, activation: .linear)
        let b0 = S(Rational(numerator: 1, denominator: 10), precision: p)
        let s = S.sqrt(S(5, precision: p)) / S(2, precision: p)
        return (network, data, [b0, b0 / s, b0 * half / s], s)
    }

    /// a(t)² by the closed form, at precision p.
    static func aSquared<S: Scalar>(at t: Int, s: S, _ p: Precision) -> S {
        let b0 = S(Rational(numerator: 1, denominator: 10), precision: p)
        let one = S(1, precision: p)
        let decay = S.exp(-(S(2 * t, precision: p) * s))
        return s / (one + (s / (b0 * b0) - one) * decay)
    }
}
