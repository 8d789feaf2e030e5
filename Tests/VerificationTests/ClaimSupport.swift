import Foundation
import TwoLayerNet

/// Helpers written independently of the claims' checks (plain Double code).
enum Independent {
    /// Monte Carlo estimate of R(θ) = E(Σ_k a_k tanh(w_kᵀx) − tanh(x_1))², x ~ N(0, I_d), with
    /// its standard error (no quadrature, no library risk code).
    static func tanhRisk(_ theta: [Double], d: Int, m: Int, samples: Int = 50_000, seed: UInt64 = 99) -> (mean: Double, standardError: Double) {
        var g = PortableGaussian(seed: seed)
        var x = [Double](repeating: 0, count: d)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            for j in 0..<d { x[j] = g.next() }
            var f = 0.0
            for k in 0..<m {
                var u = 0.0
                for j in 0..<d { u += theta[k * (d + 1) + 1 + j] * x[j] }
                f += theta[k * (d + 1)] * tanh(u)
            }
            let e = (f - tanh(x[0])) * (f - tanh(x[0]))
            sum += e
            sumSquares += e * e
        }
        let n = Double(samples), mean = sum / n
        return (mean, ((sumSquares / n - mean * mean) / (n - 1)).squareRoot())
    }

    /// z = (1/n) Σ_i y_i x_i (σ'(0) = 1) from the data, by hand.
    static func linearDirection(_ data: Dataset<Double>) -> (rate: Double, unit: [Double]) {
        let n = data.sampleCount, d = data.inputDimension
        var z = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { z[j] += data.labels[i] * data.input(i, j) / Double(n) } }
        let s = z.map { $0 * $0 }.reduce(0, +).squareRoot()
        return (s, z.map { $0 / s })
    }
}
