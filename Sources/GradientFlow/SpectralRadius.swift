import MultiPrecision

/// An estimate of the spectral radius ρ(∂F/∂θ) = ρ(∇²L) for the stiffness policy, without the
/// P × P matrix: power iteration on Jacobian-vector products by a difference of fields,
/// Jv ≈ (F(θ + δv) − F(θ))/δ with δ = 2^(−p/2)·‖θ‖∞ (half the digits; ρ is needed to a few
/// percent), warm-started from the previous call's vector. Each iteration costs one field
/// evaluation.
struct SpectralRadiusEstimator<System: FlowSystem> {
    typealias S = System.Value
    var v: [S], shifted: [S], field: [S]
    var delta: S, norm: S, t: S
    let halfUnit: S

    init(dimension: Int, precision: Precision) {
        v = (0..<dimension).map { S(1 + Double($0 % 3) * 0.1, precision: precision) }
        shifted = (0..<dimension).map { _ in S(0, precision: precision) }
        field = shifted.map { S($0, precision: precision) }
        delta = S(0, precision: precision); norm = S(0, precision: precision); t = S(0, precision: precision)
        halfUnit = S(Rational.pow(Rational(2), -(precision.bits / 2)), precision: precision)
    }

    /// ρ at θ = `y` with F(y) = `f0`, to about 1% (at most 30 iterations), and the field
    /// evaluations spent.
    mutating func estimate(_ system: inout System, at y: [S], field f0: [S]) -> (rho: Double, evaluations: Int) {
        let P = v.count
        delta.set(0)
        for x in y { t.abs(x); if t > delta { delta.set(t) } }
        if delta.isZero { delta.set(1) }
        delta.mul(delta, halfUnit)
        var lambda = 0.0
        for iteration in 1...30 {
            for i in 0..<P { shifted[i].fma(delta, v[i], y[i]) }
            system.field(at: shifted, into: &field)
            norm.set(0)
            for i in 0..<P {
                v[i].sub(field[i], f0[i])
                v[i].div(v[i], delta)
                t.abs(v[i]); if t > norm { norm.set(t) }
            }
            let estimate = norm.doubleValue
            if norm.isZero || !estimate.isFinite {
                for i in 0..<P { v[i].set(1) }
                return (estimate.isFinite ? 0 : .infinity, iteration)
            }
            for i in 0..<P { v[i].div(v[i], norm) }
            if iteration >= 2, Swift.abs(estimate - lambda) <= 0.01 * estimate { return (estimate, iteration) }
            lambda = estimate
        }
        return (lambda, 30)
    }
}
