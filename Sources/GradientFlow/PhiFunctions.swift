import Foundation
import MultiPrecision

/// The φ-functions of the exponential collocation (`ExponentialCollocationStepper`) and the
/// moments of one component, in extended-precision registers of their own (one per thread of
/// `CollocationLanes`).
struct PhiFunctions<S: Scalar> {
    let degree: Int
    let extended: Precision
    /// φ_1 … φ_(K+1) of the last `evaluate` (index m), 1/m! (m = 0…K+1), and what counts as
    /// negligible in the series (2^−(bits + 8)).
    var phi: [S]
    let inverseFactorial: [S]
    let floor: S
    var e1: S, e2: S, e3: S, e4: S, tau: S, x: S

    init(degree K: Int, extended e: Precision) {
        degree = K
        extended = e
        phi = (0...(K + 1)).map { _ in S(0, precision: e) }
        var factorials = [S(1, precision: e)]
        for m in 1...(K + 1) { factorials.append(factorials[m - 1] / S(m, precision: e)) }
        inverseFactorial = factorials
        floor = S(Rational.pow(Rational(2), -(e.bits + 8)), precision: e)
        func register() -> S { S(0, precision: e) }
        e1 = register(); e2 = register(); e3 = register(); e4 = register(); tau = register(); x = register()
    }

    /// φ₁ … φ_(K+1) at `x` into `phi`: for |x| ≤ K + 1 the Taylor series of φ_(K+1), then
    /// φ_m = x φ_(m+1) + 1/m! downwards; beyond, φ₀ = eˣ and φ_(m+1) = (φ_m − 1/m!)/x upwards
    /// (each direction the stable one; Hochbruck & Ostermann §2.1).
    mutating func evaluate() {
        let K = degree
        if x.doubleValue.magnitude <= Double(K + 1) {
            // φ_(K+1)(x) = Σ_l x^l/(l + K + 1)!
            e1.set(inverseFactorial[K + 1]); e2.set(0)
            var l = 0
            while true {
                e2.add(e2, e1)
                l += 1
                e1.mul(e1, x); e1.div(e1, l + K + 1)
                e3.abs(e1); e4.abs(e2); e4.mul(e4, floor)
                if e3 <= e4 || l > 4 * extended.bits { break }
            }
            phi[K + 1].set(e2)
            for m in stride(from: K, through: 1, by: -1) { phi[m].fma(x, phi[m + 1], inverseFactorial[m]) }
        } else {
            e1.exp(x)
            for m in 0...K { e1.sub(e1, inverseFactorial[m]); e1.div(e1, x); phi[m + 1].set(e1) }
        }
    }

    /// Component k's moments for step H at the nodes c_i:
    /// linear[k(K+1) + i] = c_i H φ₁(c_i H λ_k) and
    /// moments[(kK + i − 1)(K + 1) + m] = ∫₀^τ e^((τ−s)λ_k) (s/H)^m ds = m! τ c_i^m φ_(m+1)(τλ_k), τ = c_i H.
    mutating func moments(component k: Int, step H: S, lambda: S, nodes: [S],
                          linear: UnsafeMutablePointer<S>, moments: UnsafeMutablePointer<S>) {
        let K = degree
        for i in 1...K {
            tau.mul(H, nodes[i])
            x.mul(tau, lambda)
            evaluate()
            linear[k * (K + 1) + i].mul(tau, phi[1])
            e2.set(tau)
            let row = (k * K + i - 1) * (K + 1)
            for m in 0...K {
                moments[row + m].mul(e2, phi[m + 1])
                e2.mul(e2, nodes[i]); e2.mul(e2, m + 1)
            }
        }
    }
}
