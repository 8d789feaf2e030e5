import GradientFlow
import MultiPrecision
import Testing

/// The linear gradient flow θ' = −Hθ of L(θ) = ½θᵀHθ with H = V diag(λ) Vᵀ built from known
/// eigenpairs: V = I − 2uuᵀ/(uᵀu) with u = (1, …, 1) is an exact dyadic (Householder)
/// orthogonal matrix and the eigenvalues are dyadic, so H is exact at any precision and the
/// closed form θ(t) = Σ_k e^(−tλ_k) v_k (v_kᵀθ₀) is computed independently of the integrator
/// and of its eigendecomposition. The spectrum spans P2's tail (1.25 down to 2.4e-7).
struct LinearFlow<S: Scalar>: FlowSystem {
    typealias Value = S
    static var eigenvalues: [Rational] {
        [(5, 4), (5, 16), (1, 16), (1, 128), (1, 1024), (1, 8192), (1, 1 << 20), (1, 1 << 22)].map { Rational(numerator: $0.0, denominator: $0.1) }
    }
    static var u: [Rational] { (0..<8).map { _ in Rational(1) } }
    static var initial: [Rational] { [1, -1, Rational(numerator: 1, denominator: 2), 2, Rational(numerator: -3, denominator: 4), 1, 0, -2].map { $0 } }

    /// Column k of V: v_k = e_k − 2u u_k/(uᵀu), exactly.
    static func eigenvector(_ k: Int) -> [Rational] {
        let uu = u.reduce(Rational(0)) { $0 + $1 * $1 }
        return (0..<u.count).map { i in (i == k ? Rational(1) : Rational(0)) - Rational(2) * u[i] * u[k] / uu }
    }

    /// H = Σ_k λ_k v_k v_kᵀ, exactly.
    static var hessian: [Rational] {
        let n = u.count
        var h = [Rational](repeating: Rational(0), count: n * n)
        for k in 0..<n {
            let v = eigenvector(k)
            for i in 0..<n { for j in 0..<n { h[i * n + j] = h[i * n + j] + eigenvalues[k] * v[i] * v[j] } }
        }
        return h
    }

    let precision: Precision
    let h: [S]
    var dimension: Int { Self.u.count }

    init(precision: Precision) {
        self.precision = precision
        h = Self.hessian.map { S($0, precision: precision) }
    }

    mutating func field(at theta: [S], into v: inout [S]) {
        let n = dimension
        for i in 0..<n {
            v[i].set(0)
            for j in 0..<n { v[i].fma(h[i * n + j], theta[j], v[i]) }
            v[i].neg(v[i])
        }
    }

    func replica() -> Self { self }
    mutating func fieldJacobian(at theta: [S], into jacobian: inout [S]) {
        for i in h.indices { jacobian[i].neg(h[i]) }
    }

    mutating func loss(at theta: [S], into l: inout S) {
        var v = makeVector()
        field(at: theta, into: &v)
        l.set(0)
        for i in 0..<dimension { l.fma(theta[i], v[i], l) }   // θᵀ(−Hθ)
        l.div(l, -2)
    }

    /// θ(t) by the closed form, at precision `p` (exp evaluated there).
    static func exact(at t: Rational, _ p: Precision) -> [S] {
        let n = u.count
        var theta = (0..<n).map { _ in S(0, precision: p) }
        for k in 0..<n {
            let v = eigenvector(k)
            let coefficient = zip(v, initial).reduce(Rational(0)) { $0 + $1.0 * $1.1 }
            let decay = S.exp(S(-(eigenvalues[k] * t), precision: p)) * S(coefficient, precision: p)
            for i in 0..<n { theta[i] = theta[i] + decay * S(v[i], precision: p) }
        }
        return theta
    }
}

@Suite("Exponential collocation against closed forms")
struct ExponentialCollocationTests {
    /// The Jacobi eigendecomposition recovers the known spectrum to 2^(−p+8)·‖H‖.
    @Test("Jacobi eigensystem, 256 bits") func eigensystem() throws {
        let p = try Precision(bits: 256)
        let h = LinearFlow<BigFloat>.hessian.map { BigFloat($0, precision: p) }
        var eigen = SymmetricEigensystem<BigFloat>(dimension: 8, precision: p)
        let converged = eigen.decompose(h)
        #expect(converged)
        let bound = BigFloat(Rational.pow(Rational(2), -(256 - 8)), precision: p)
        let found = eigen.spectrum.sorted()
        let known = LinearFlow<BigFloat>.eigenvalues.map { BigFloat($0, precision: p) }.sorted()
        for (a, b) in zip(found, known) {
            #expect(BigFloat.abs(a - b) <= bound, "eigenvalue \(a.decimal(significantDigits: 10)) vs \(b.decimal(significantDigits: 10))")
        }
    }

    /// The automatic integrator on θ' = −Hθ: explicit steps while the fast modes are resolved,
    /// then exponential collocation, which is exact for a linear flow (its remainder r ≡ 0), so
    /// the stiff range (λ from 1.25 to 2.4e-7, t to 1e6) is crossed in a few dozen steps with
    /// error ≤ 2^(−p+12)·‖θ₀‖∞ against the closed form.
    @Test("linear flow θ' = −Hθ, 256 bits", arguments: [100, 1_000_000])
    func linear256(t: Int) throws {
        let p = try Precision(bits: 256)
        var options = FlowOptions()
        options.stop = .time(DecimalNumber(t))
        options.escapeRadius = nil
        var integrator = GradientFlowIntegrator(system: LinearFlow<BigFloat>(precision: p), options: options)
        let run = try integrator.integrate(from: LinearFlow<BigFloat>.initial.map { BigFloat($0, precision: p) })
        #expect(run.status == .reachedTime)
        let exact = LinearFlow<BigFloat>.exact(at: Rational(t), p)
        var error = BigFloat(0, precision: p)
        for (a, b) in zip(run.final.state, exact) { let e = BigFloat.abs(a - b); if e > error { error = e } }
        let steps = run.statistics.acceptedSteps
        #expect(error <= BigFloat(Rational.pow(Rational(2), -(256 - 12)) * Rational(2), precision: p),
                "error \(error.decimal(significantDigits: 3)) after \(steps) steps")
        if t == 1_000_000 {
            #expect(run.statistics.collocationSteps > 0)
            #expect(steps <= 200, "\(steps) steps")
        }
    }
}
