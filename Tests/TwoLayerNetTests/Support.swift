import MultiPrecision
@testable import TwoLayerNet

/// Test fixtures: small random problems with values drawn in double (so every precision sees
/// the same numbers) and helpers written independently of the code under test.
enum Fixture {
    static let p256 = try! Precision(bits: 256)
    static let p512 = try! Precision(bits: 512)

    /// n × d inputs and P parameters drawn uniformly from (−1.5, 1.5) (in double).
    static func doubles(_ count: Int, seed: UInt64, scale: Double = 1.5) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in scale * (2 * g.nextUnitDouble() - 1) }
    }

    static func big(_ xs: [Double], _ p: Precision) -> [BigFloat] { xs.map { BigFloat($0, precision: p) } }

    /// A data set with labels from the standard target a* = 1, w* = e_1 (labels through the
    /// package's code; tests of the kernel compare kernel vs. independent formulas on the same
    /// labels, so this is not circular).
    static func dataset<S: Scalar>(n: Int, d: Int, seed: UInt64, activation: Activation, precision p: Precision) -> Dataset<S> {
        let x = doubles(n * d, seed: seed).map { S($0, precision: p) }
        let target = Target<S>.standard(inputDimension: d, precision: p)
        let y = Dataset<S>.labels(inputs: x, sampleCount: n, target: target, activation: activation, precision: p)
        return Dataset(sampleCount: n, inputDimension: d, inputs: x, labels: y)
    }

    /// max |a_i − b_i| / max(1, max |b_i|), in Double (for reporting tolerances).
    static func relativeDifference(_ a: [BigFloat], _ b: [BigFloat]) -> BigFloat {
        let p = b[0].precision
        var scale = BigFloat(1, precision: p)
        for v in b where BigFloat.abs(v) > scale { scale = BigFloat.abs(v) }
        var worst = BigFloat(0, precision: p)
        for (x, y) in zip(a, b) {
            let d = BigFloat.abs(x - y) / scale
            if d > worst { worst = d }
        }
        return worst
    }

    static func pow2(_ k: Int, _ p: Precision) -> BigFloat {
        var r = BigFloat(1, precision: p)
        r.scale(r, byPowerOfTwo: k)
        return r
    }

    static func tenTo(_ k: Int, _ p: Precision) -> BigFloat { try! BigFloat(parsing: "1e\(k)", precision: p) }
}

/// σ, σ', σ'' written out independently (value API), for the test formulas.
enum Reference {
    static func sigma(_ act: Activation, _ u: BigFloat) -> (BigFloat, BigFloat, BigFloat) {
        let p = u.precision
        let zero = BigFloat(0, precision: p), one = BigFloat(1, precision: p)
        switch act {
        case .tanh:
            let t = BigFloat.tanh(u)
            let c = BigFloat.cosh(u)
            let d1 = one / (c * c)          // sech² u, independent of 1 − tanh²
            let d2 = BigFloat(-2, precision: p) * t * d1
            return (t, d1, d2)
        case .linear:
            return (u, one, zero)
        case .relu:
            return u > zero ? (u, one, zero) : (zero, zero, zero)
        case .leakyRelu(let s):
            let sl = BigFloat(s, precision: p)
            return u > zero ? (u, one, zero) : (sl * u, sl, zero)
        case .expression:
            fatalError("not used")
        }
    }
}
