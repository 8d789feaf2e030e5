import MultiPrecision

/// Starting values for the node states of an exponential collocation step, extrapolated from
/// the previous step (`ExponentialCollocationStepper`).
///
/// A step from y₀ over H solves for the states Y_i = y(t₀ + c_i H) at the nodes by fixed-point
/// iteration; started from Y_i = y₀ (remainder r = 0) it needs some 25 iterations at 256 bits,
/// each of K field evaluations. The previous step, from t₀ − H' over H', ended at y₀ and its
/// converged node states Y'_j are the degree-K interpolant of the same smooth trajectory;
/// evaluated at σ_i = 1 + c_i H/H' (beyond its interval) it predicts Y_i. Extrapolation
/// amplifies the interpolant's errors by up to |T_K(2σ − 1)| (about 2^110 for K = 42, σ = 2),
/// so the prediction carries fewer bits than the step needs, but many more than y₀ does: the
/// iteration then starts closer to the same fixed point. Only the start changes; the fixed
/// point, the convergence test and the error estimate are the method's own.
///
/// The interpolant is evaluated in the first barycentric form
///     Ŷ(σ) = L(σ) Σ_j w_j/(σ − c_j) Y'_j,   L(σ) = Π_l (σ − c_l),   w_j = 1/Π_(l≠j) (c_j − c_l)
/// (Berrut & Trefethen, *Barycentric Lagrange interpolation*, SIAM Review 46 (2004), §3), its
/// basis values at the extended precision.
struct CollocationStartingGuess<S: Scalar> {
    let degree: Int
    let dimension: Int
    /// The nodes c_j and barycentric weights w_j (extended precision).
    let nodes: [S], barycentric: [S]
    /// The node states Y'_j (j = 0…K) and the length H' of the last recorded step; its end is
    /// Y'_K.
    var states: [[S]]
    var length: S
    var recorded = false
    /// Registers: the basis values ℓ_j(σ) (extended, then working precision), σ, L(σ).
    var basis: [S], coefficients: [S], sigma: S, product: S, e1: S
    let one: S

    init(nodes: [S], dimension: Int, precision: Precision) {
        degree = nodes.count - 1
        self.dimension = dimension
        self.nodes = nodes
        let e = nodes[0].precision
        barycentric = nodes.indices.map { j in
            var w = S(1, precision: e)
            for l in nodes.indices where l != j { w = w * (nodes[j] - nodes[l]) }
            return S(1, precision: e) / w
        }
        states = nodes.map { _ in (0..<dimension).map { _ in S(0, precision: precision) } }
        length = S(0, precision: precision)
        basis = nodes.map { _ in S(0, precision: e) }
        coefficients = nodes.map { _ in S(0, precision: precision) }
        sigma = S(0, precision: e); product = S(0, precision: e); e1 = S(0, precision: e)
        one = S(1, precision: e)
    }

    /// Records a converged step from y over H with node states y + Q u_j (Q row-major P × P,
    /// u_j the P values from u + jP), formed by `dots.state` as the stepper forms its result, so
    /// that the recorded end is bit for bit the next step's start.
    mutating func record(from y: UnsafePointer<S>, vectors Q: UnsafePointer<S>, nodeValues u: UnsafePointer<S>, length H: S,
                         dots: DotAccumulator<S>) {
        let P = dimension
        for j in 0...degree {
            for i in 0..<P {
                if j == 0 { states[0][i].set(y[i]) } else {
                    dots.state(i, start: y, vectors: Q, values: u + j * P, dimension: P, into: &states[j][i])
                }
            }
        }
        length.set(H)
        recorded = true
    }

    /// out[i] ← Ŷ(1 + c_i H/H') for i = 1…K, if the last recorded step ended exactly at y and
    /// H ≤ 4H' (the step controller's largest growth); false otherwise.
    mutating func extrapolate(from y: [S], step H: S, into out: inout [[S]]) -> Bool {
        let K = degree, P = dimension
        guard recorded, states[K] == y, H <= length * S(4, precision: length.precision) else { return false }
        for i in 1...K {
            // σ = 1 + c_i H/H'; L(σ) and ℓ_j(σ) = L(σ) w_j/(σ − c_j)
            sigma.mul(nodes[i], H); sigma.div(sigma, length); sigma.add(sigma, one)
            product.set(1)
            for l in 0...K { e1.sub(sigma, nodes[l]); product.mul(product, e1) }
            for j in 0...K {
                e1.sub(sigma, nodes[j]); basis[j].div(barycentric[j], e1); basis[j].mul(basis[j], product)
                coefficients[j].set(basis[j])
            }
            for p in 0..<P {
                out[i][p].set(0)
                for j in 0...K { out[i][p].fma(coefficients[j], states[j][p], out[i][p]) }
            }
        }
        return true
    }
}
