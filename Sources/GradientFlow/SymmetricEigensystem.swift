import MultiPrecision

/// The eigendecomposition A = Q Λ Qᵀ of a dense symmetric P × P matrix by the cyclic Jacobi
/// method (Golub & Van Loan, *Matrix Computations*, §8.5; the rotation in Rutishauser's stable
/// form, *Handbook for Automatic Computation II*, contribution II/1): plane rotations annihilate
/// the off-diagonal entries sweep by sweep, converging quadratically, with only +, ×, ÷ and √,
/// so it works at any precision. Q is orthogonal to the working precision, and the eigenvalues
/// are accurate to about 2^(−p)·‖A‖ (absolute).
///
/// The spectral calculus of the exponential integrator (`ExponentialCollocationStepper`):
/// φ(hA)v = Q φ(hΛ) Qᵀ v for the flow's symmetric Jacobian A = −∇²L. Allocation-free after `init`.
public struct SymmetricEigensystem<S: Scalar> {
    public let dimension: Int
    /// The eigenvalues λ_i (unordered), after `decompose`.
    @usableFromInline var eigenvalues: [S]
    /// The eigenvalues of the last `decompose`.
    public var spectrum: [S] { eigenvalues }
    /// The eigenvectors, row-major: column i of Q (entries q[r·P + i]) belongs to λ_i.
    @usableFromInline var vectors: [S]
    /// The working copy of A, diagonalised in place.
    @usableFromInline var a: [S]
    @usableFromInline var theta: S, tangent: S, cosine: S, sine: S, tau: S, u: S, v: S, off: S, threshold: S, one: S, zero: S

    public init(dimension: Int, precision: Precision) {
        self.dimension = dimension
        func reg() -> S { S(0, precision: precision) }
        eigenvalues = (0..<dimension).map { _ in reg() }
        vectors = (0..<(dimension * dimension)).map { _ in reg() }
        a = (0..<(dimension * dimension)).map { _ in reg() }
        theta = reg(); tangent = reg(); cosine = reg(); sine = reg(); tau = reg()
        u = reg(); v = reg(); off = reg(); threshold = reg()
        one = S(1, precision: precision); zero = reg()
    }

    /// Decomposes the symmetric part (A + Aᵀ)/2 of the row-major matrix `matrix`. Returns false
    /// if the sweeps did not converge (non-finite entries).
    @inlinable
    public mutating func decompose(_ matrix: [S]) -> Bool {
        let n = dimension
        let bits = matrix.first?.precision.bits ?? 53
        for i in 0..<n {
            for j in 0..<n {
                a[i * n + j].add(matrix[i * n + j], matrix[j * n + i])
                a[i * n + j].div(a[i * n + j], 2)
                vectors[i * n + j].set(i == j ? 1 : 0)
            }
        }
        // Stop when Σ_{i<j} a_ij² ≤ (2^(−p−4)·‖A‖_F)², the diagonal then being the spectrum to
        // working precision (the perturbation of each eigenvalue is at most the off-diagonal norm).
        threshold.set(0)
        for x in a { threshold.fma(x, x, threshold) }
        if !threshold.isFinite { return false }
        threshold.mul(threshold, S(Rational.pow(Rational(2), -2 * (bits + 4)), precision: threshold.precision))
        for _ in 0..<64 {
            off.set(0)
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off.fma(a[p * n + q], a[p * n + q], off) } }
            if !off.isFinite { return false }
            if off <= threshold { break }
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) where !a[p * n + q].isZero { rotate(p, q) } }
        }
        for i in 0..<n { eigenvalues[i].set(a[i * n + i]) }
        return off <= threshold
    }

    /// The rotation in the (p, q) plane that annihilates a_pq:
    ///     θ = (a_qq − a_pp)/(2a_pq), t = sgn θ/(|θ| + √(θ² + 1)), c = 1/√(t² + 1), s = t·c, τ = s/(1 + c),
    ///     a_pp −= t·a_pq, a_qq += t·a_pq, and for r ≠ p, q: a_rp −= s(a_rq + τa_rp), a_rq += s(a_rp − τa_rq);
    /// the same update on Q's columns p and q.
    @inlinable
    mutating func rotate(_ p: Int, _ q: Int) {
        let n = dimension
        theta.sub(a[q * n + q], a[p * n + p])
        theta.div(theta, a[p * n + q])
        theta.div(theta, 2)
        tangent.sqr(theta)
        if tangent.isFinite {
            tangent.add(tangent, one)
            tangent.sqrt(tangent)
            u.abs(theta)
            tangent.add(tangent, u)
            tangent.div(one, tangent)
            if theta < zero { tangent.neg(tangent) }
        } else {
            tangent.div(one, theta)   // |θ| huge: t ≈ 1/(2θ)
            tangent.div(tangent, 2)
        }
        cosine.sqr(tangent)
        cosine.add(cosine, one)
        cosine.sqrt(cosine)
        cosine.div(one, cosine)
        sine.mul(tangent, cosine)
        tau.add(cosine, one)
        tau.div(sine, tau)
        u.mul(tangent, a[p * n + q])
        a[p * n + p].sub(a[p * n + p], u)
        a[q * n + q].add(a[q * n + q], u)
        a[p * n + q].set(0); a[q * n + p].set(0)
        for r in 0..<n where r != p && r != q {
            // u = a_rp, v = a_rq (old values).
            u.set(a[r * n + p]); v.set(a[r * n + q])
            theta.fma(tau, u, v)                        // a_rq + τ a_rp
            a[r * n + p].fms(sine, theta, u); a[r * n + p].neg(a[r * n + p])
            theta.fms(tau, v, u); theta.neg(theta)      // a_rp − τ a_rq
            a[r * n + q].fma(sine, theta, v)
            a[p * n + r].set(a[r * n + p]); a[q * n + r].set(a[r * n + q])
        }
        for r in 0..<n {
            u.set(vectors[r * n + p]); v.set(vectors[r * n + q])
            theta.fma(tau, u, v)
            vectors[r * n + p].fms(sine, theta, u); vectors[r * n + p].neg(vectors[r * n + p])
            theta.fms(tau, v, u); theta.neg(theta)
            vectors[r * n + q].fma(sine, theta, v)
        }
    }
}
