import Foundation
import MultiPrecision

/// The n-point Gauss–Hermite rule for the standard normal weight, at a working precision:
/// `E[g(t)] ≈ Σ_i ω_i g(t_i)` for `t ~ N(0, 1)`, exact for polynomials of degree ≤ 2n − 1
/// (used for the population risk, proofs/THEORY.md §1).
///
/// **Computation.** Nodes x_i of the physicists' Hermite polynomial H_n (weight e^{−x²}) by
/// Newton's method on the orthonormal three-term recurrence
/// `p_0 = π^{−1/4}`, `p_j = x √(2/j) p_{j−1} − √((j−1)/j) p_{j−2}`, `p_n' = √(2n) p_{n−1}`,
/// started from the asymptotic guesses of Numerical Recipes' `gauher` (largest root
/// `√(2n+1) − 1.85575 (2n+1)^{−1/6}`, then extrapolation from the previous roots), converged in
/// `Double` first, then refined by Newton in MPFR at `precision + 32` bits until the step is
/// below 2^−(precision+24)·|x| (quadratic convergence: a handful of iterations). Weights
/// `w_i = 2 / p_n'(x_i)²` (Σ w_i = √π). The rule returned is the probabilists' one:
/// `t_i = √2 x_i`, `ω_i = w_i / √π` (Σ ω_i = 1), each rounded once to `precision`.
/// Nodes are stored in decreasing order and are symmetric (t_{n−1−i} = −t_i exactly).
public struct GaussHermiteRule<S: Scalar> {
    public let order: Int
    public let precision: Precision
    /// Nodes t_i for the N(0, 1) weight.
    public let nodes: [S]
    /// Weights ω_i (Σ ω_i = 1).
    public let weights: [S]

    public init(order n: Int, precision p: Precision) {
        precondition(n >= 1 && n <= 600, "Gauss–Hermite order must be 1...600")
        order = n
        precision = p
        let wp = try! Precision(bits: p.bits + 32)
        // Recurrence constants √(2/j), √((j−1)/j) at working precision.
        let c1: [BigFloat] = (0...n).map { j in
            var r = BigFloat(0, precision: wp)
            if j > 0 { r.set(2); r.div(r, j); r.sqrt(r) }
            return r
        }
        let c2: [BigFloat] = (0...n).map { j in
            var r = BigFloat(0, precision: wp)
            if j > 0 { r.set(j - 1); r.div(r, j); r.sqrt(r) }
            return r
        }
        var pim4 = BigFloat.pi(precision: wp)
        pim4.sqrt(pim4); pim4.sqrt(pim4)
        let one = BigFloat(1, precision: wp)
        pim4.div(one, pim4) // π^{-1/4}
        var sqrt2n = BigFloat(2 * n, precision: wp); sqrt2n.sqrt(sqrt2n)

        // Double pass (gauher), then MPFR refinement.
        let pim4d = 0.7511255444649425
        func hermite(_ z: Double) -> (p1: Double, pp: Double) {
            var p1 = pim4d, p2 = 0.0
            if n >= 1 {
                for j in 1...n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2.0 / Double(j)).squareRoot() * p2 - (Double(j - 1) / Double(j)).squareRoot() * p3
                }
            }
            return (p1, (2.0 * Double(n)).squareRoot() * p2)
        }
        var xd = [Double](repeating: 0, count: n)
        var z = 0.0
        let half = (n + 1) / 2
        var xs: [BigFloat] = []
        var ws: [BigFloat] = []
        var zb = BigFloat(0, precision: wp), p1 = BigFloat(0, precision: wp), p2 = BigFloat(0, precision: wp)
        var p3 = BigFloat(0, precision: wp), pp = BigFloat(0, precision: wp), step = BigFloat(0, precision: wp)
        var tol = BigFloat(1, precision: wp); tol.scale(tol, byPowerOfTwo: -(p.bits + 24))
        var absStep = BigFloat(0, precision: wp), bound = BigFloat(0, precision: wp)
        for i in 0..<half {
            if i == 0 {
                let t = Double(2 * n + 1)
                z = t.squareRoot() - 1.85575 * pow(t, -0.16667)
            } else if i == 1 {
                z -= 1.14 * pow(Double(n), 0.426) / z
            } else if i == 2 {
                z = 1.86 * z - 0.86 * xd[0]
            } else if i == 3 {
                z = 1.91 * z - 0.91 * xd[1]
            } else {
                z = 2.0 * z - xd[i - 2]
            }
            if n % 2 == 1 && i == half - 1 { z = 0 }
            for _ in 0..<20 {
                let (v, d) = hermite(z)
                let z1 = z
                z = z1 - v / d
                if Swift.abs(z - z1) <= 1e-15 * Swift.max(1, Swift.abs(z)) { break }
            }
            xd[i] = z
            // MPFR refinement.
            zb.set(BigFloat(z, precision: wp))
            var converged = false
            for _ in 0..<60 {
                p1.set(pim4); p2.set(0)
                for j in stride(from: 1, through: n, by: 1) {
                    p3.set(p2); p2.set(p1)
                    p1.mul(zb, c1[j]); p1.mul(p1, p2)
                    step.mul(c2[j], p3)
                    p1.sub(p1, step)
                }
                pp.mul(sqrt2n, p2)
                if converged { break }
                step.div(p1, pp)
                zb.sub(zb, step)
                absStep.abs(step)
                bound.abs(zb); bound.mul(bound, tol)
                if absStep <= bound || zb.isZero || step.isZero { converged = true }
            }
            // Weight with p_n' at the converged node.
            var w = BigFloat(0, precision: wp)
            w.sqr(pp); w.div(BigFloat(2, precision: wp), w)
            xs.append(BigFloat(zb, precision: wp))
            ws.append(w)
        }
        // Probabilists' scaling.
        var sqrt2 = BigFloat(2, precision: wp); sqrt2.sqrt(sqrt2)
        var sqrtPi = BigFloat.pi(precision: wp); sqrtPi.sqrt(sqrtPi)
        func convert(_ b: BigFloat) -> S { S(b.exactRational!, precision: p) }
        var t: [S] = [], omega: [S] = []
        for i in 0..<n {
            let src = i < half ? i : n - 1 - i
            var node = BigFloat(0, precision: wp)
            node.mul(xs[src], sqrt2)
            if i >= half { node.neg(node) } // mirrored: t_{n−1−i} = −t_i
            var weight = BigFloat(0, precision: wp)
            weight.div(ws[src], sqrtPi)
            t.append(convert(node))
            omega.append(convert(weight))
        }
        nodes = t
        weights = omega
    }

    /// E[g(t)] for t ~ N(0, 1) by this rule (allocates; for tests).
    public func expectation(_ g: (S) -> S) -> S {
        var s = S(0, precision: precision)
        for i in 0..<order { s.fma(weights[i], g(nodes[i]), s) }
        return s
    }
}
