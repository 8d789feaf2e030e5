import CMPFR
import MultiPrecision

/// The eigendecomposition A = Q Λ Qᵀ of a dense symmetric P × P matrix by the cyclic Jacobi
/// method (Golub & Van Loan, *Matrix Computations*, §8.5; the rotation in Rutishauser's stable
/// form, *Handbook for Automatic Computation II*, contribution II/1): plane rotations annihilate
/// the off-diagonal entries sweep by sweep, converging quadratically, with only +, ×, ÷ and √,
/// so it works at any precision. Q is orthogonal to the working precision, and the eigenvalues
/// are accurate to about 2^(−p)·‖A‖ (absolute).
///
/// **Stopping.** The sweeps stop when Σ_{i<j} a_ij² ≤ T = (2^(−p−4)·‖A‖_F)², the diagonal then
/// being the spectrum to working precision (each eigenvalue moves by at most the off-diagonal
/// norm). Within a sweep an entry with a_pq² ≤ T/N (N = P(P − 1)/2, the number of entries) is
/// not rotated away (threshold Jacobi, Golub & Van Loan §8.5.4): if every entry is that small,
/// the sum is below T anyway, and the rotation's cost (about 6P multiply-adds on A and Q) would
/// buy nothing the rule counts.
///
/// **Start in double.** For a scalar wider than Double (`startsFromDouble`, the default) the
/// sweeps do not start from the identity but from the eigenvectors of A rounded to Double, found
/// by the same Jacobi method in Double and made orthogonal at the working precision
/// (`SymmetricEigensystem+DoubleStart.swift`): the sweeps then diagonalize QᵀAQ, whose
/// off-diagonal part is already about 2^(−50)·‖A‖, and accumulate their rotations onto Q; by the
/// quadratic convergence that takes about log₂(p/50) + 1 sweeps, fewer than from the identity
/// (`SymmetricEigensystemTests` checks both). Where A cannot be rounded to Double (an entry beyond its range) or its Jacobi method fails,
/// the sweeps start from the identity. The result depends on A alone (not on earlier calls).
///
/// The spectral calculus of the exponential integrator (`ExponentialCollocationStepper`):
/// φ(hA)v = Q φ(hΛ) Qᵀ v for the flow's symmetric Jacobian A = −∇²L. The registers live in one
/// `RegisterFile`, addressed by pointer (no reference counting or uniqueness check per operation);
/// a copy shares them, so each copy must stay with one owner. Allocation-free after `init`.
public struct SymmetricEigensystem<S: Scalar> {
    public let dimension: Int
    /// Start from the eigenvectors found in Double (see the type's documentation); false: from
    /// the identity. Always false for Double itself.
    public let startsFromDouble: Bool
    /// Sweeps run by all `decompose` calls so far at this precision (a sweep: one pass over the
    /// entries above the diagonal; the start in Double is not counted).
    public private(set) var sweeps = 0
    let registers: RegisterFile<S>
    /// The eigenvalues λ_i (unordered), after `decompose`.
    let eigenvalues: UnsafeMutablePointer<S>
    /// The eigenvectors, row-major: column i of Q (entries vectors[r·P + i]) belongs to λ_i.
    let vectors: UnsafeMutablePointer<S>
    /// The working copy of A, diagonalised in place, and two P × P matrices for the start in
    /// Double.
    let a: UnsafeMutablePointer<S>, product: UnsafeMutablePointer<S>, gram: UnsafeMutablePointer<S>
    /// Scalars: of a rotation θ, t, c, s, τ, u, −τ, −s; the off-diagonal sum, T, T/N, 1, 0, a_pq²,
    /// and the orthogonality bound of the start in Double.
    let scalars: UnsafeMutablePointer<S>
    let dots: DotAccumulator<S>
    /// The Jacobi method in Double of the start (nil: start from the identity).
    let start: DoubleStart?

    public init(dimension: Int, precision: Precision, startsFromDouble: Bool = true) {
        self.dimension = dimension
        let n = dimension
        registers = RegisterFile(count: n + 4 * n * n + 15, precision: precision)
        eigenvalues = registers.take(n)
        vectors = registers.take(n * n)
        a = registers.take(n * n)
        product = registers.take(n * n)
        gram = registers.take(n * n)
        scalars = registers.take(15)
        scalars[11].set(1)
        scalars[14] = S(Rational(Swift.max(1, n)) * Rational.pow(Rational(2), 4 - precision.bits), precision: precision)
        dots = DotAccumulator(precision: precision)
        self.startsFromDouble = startsFromDouble && S.self != Double.self
        start = self.startsFromDouble ? DoubleStart(dimension: n) : nil
    }

    /// The eigenvalues of the last `decompose`.
    public var spectrum: [S] { (0..<dimension).map { eigenvalues[$0] } }

    /// Decomposes the symmetric part (A + Aᵀ)/2 of the row-major matrix `matrix`. Returns false
    /// if the sweeps did not converge (non-finite entries).
    public mutating func decompose(_ matrix: [S]) -> Bool {
        let n = dimension, a = a
        // In Double (the start of a wider eigensystem) the sweeps stop at 2^−50·‖A‖_F.
        let bits = S.self == Double.self ? 46 : matrix.first?.precision.bits ?? 53
        for i in 0..<n {
            for j in 0..<n {
                a[i * n + j].add(matrix[i * n + j], matrix[j * n + i])
                a[i * n + j].div(a[i * n + j], 2)
            }
        }
        let off = scalars + 8, threshold = scalars + 9, entryThreshold = scalars + 10, square = scalars + 13
        threshold.pointee.set(0)
        for i in 0..<(n * n) { threshold.pointee.fma(a[i], a[i], threshold.pointee) }
        if !threshold.pointee.isFinite { return false }
        threshold.pointee.mul(threshold.pointee, S(Rational.pow(Rational(2), -2 * (bits + 4)), precision: threshold.pointee.precision))
        entryThreshold.pointee.div(threshold.pointee, Swift.max(1, n * (n - 1) / 2))
        if !startInDouble() {
            for i in 0..<n { for j in 0..<n { vectors[i * n + j].set(i == j ? 1 : 0) } }
        }
        for _ in 0..<64 {
            off.pointee.set(0)
            for p in 0..<n { for q in (p + 1)..<Swift.max(p + 1, n) { off.pointee.fma(a[p * n + q], a[p * n + q], off.pointee) } }
            if !off.pointee.isFinite { return false }
            if off.pointee <= threshold.pointee { break }
            sweeps += 1
            for p in 0..<n {
                for q in (p + 1)..<Swift.max(p + 1, n) {
                    square.pointee.sqr(a[p * n + q])
                    if square.pointee > entryThreshold.pointee { rotate(p, q) }
                }
            }
        }
        for i in 0..<n { eigenvalues[i].set(a[i * n + i]) }
        return off.pointee <= threshold.pointee
    }

    /// The rotation in the (p, q) plane that annihilates a_pq:
    ///     θ = (a_qq − a_pp)/(2a_pq), t = sgn θ/(|θ| + √(θ² + 1)), c = 1/√(t² + 1), s = t·c, τ = s/(1 + c),
    ///     a_pp −= t·a_pq, a_qq += t·a_pq, and for r ≠ p, q: a_rp −= s(a_rq + τa_rp), a_rq += s(a_rp − τa_rq);
    /// the same update on Q's columns p and q.
    mutating func rotate(_ p: Int, _ q: Int) {
        let n = dimension, a = a
        let theta = scalars, tangent = scalars + 1, cosine = scalars + 2, sine = scalars + 3, tau = scalars + 4
        let u = scalars + 5, one = scalars + 11, zero = scalars + 12
        theta.pointee.sub(a[q * n + q], a[p * n + p])
        theta.pointee.div(theta.pointee, a[p * n + q])
        theta.pointee.div(theta.pointee, 2)
        tangent.pointee.sqr(theta.pointee)
        if tangent.pointee.isFinite {
            tangent.pointee.add(tangent.pointee, one.pointee)
            tangent.pointee.sqrt(tangent.pointee)
            u.pointee.abs(theta.pointee)
            tangent.pointee.add(tangent.pointee, u.pointee)
            tangent.pointee.div(one.pointee, tangent.pointee)
            if theta.pointee < zero.pointee { tangent.pointee.neg(tangent.pointee) }
        } else {
            tangent.pointee.div(one.pointee, theta.pointee)   // |θ| huge: t ≈ 1/(2θ)
            tangent.pointee.div(tangent.pointee, 2)
        }
        cosine.pointee.sqr(tangent.pointee)
        cosine.pointee.add(cosine.pointee, one.pointee)
        cosine.pointee.sqrt(cosine.pointee)
        cosine.pointee.div(one.pointee, cosine.pointee)
        sine.pointee.mul(tangent.pointee, cosine.pointee)
        tau.pointee.add(cosine.pointee, one.pointee)
        tau.pointee.div(sine.pointee, tau.pointee)
        u.pointee.mul(tangent.pointee, a[p * n + q])
        a[p * n + p].sub(a[p * n + p], u.pointee)
        a[q * n + q].add(a[q * n + q], u.pointee)
        a[p * n + q].set(0); a[q * n + p].set(0)
        scalars[7].neg(sine.pointee); scalars[6].neg(tau.pointee)
        for r in 0..<n where r != p && r != q {
            planeRotation(a + r * n + p, a + r * n + q)
            if S.self == BigFloat.self {
                mpfr_set(DotAccumulator<S>.mp(a + p * n + r), DotAccumulator<S>.mp(a + r * n + p), MPFR_RNDN)
                mpfr_set(DotAccumulator<S>.mp(a + q * n + r), DotAccumulator<S>.mp(a + r * n + q), MPFR_RNDN)
            } else {
                a[p * n + r].set(a[r * n + p]); a[q * n + r].set(a[r * n + q])
            }
        }
        for r in 0..<n { planeRotation(vectors + r * n + p, vectors + r * n + q) }
    }

    /// (x, y) ← (x − s(y + τx), y + s(x − τy)) with the rotation's s and τ, as four fused
    /// multiply-adds from the old x and y (−s and −τ are exact negations, so this is the same
    /// rounding as Rutishauser's formulas); for BigFloat straight on the MPFR structs (the
    /// registers are never handed out, so writing through them changes no other value).
    @inline(__always)
    func planeRotation(_ x: UnsafeMutablePointer<S>, _ y: UnsafeMutablePointer<S>) {
        let sine = scalars + 3, tau = scalars + 4, negativeSine = scalars + 7, negativeTau = scalars + 6
        let w1 = scalars, w2 = scalars + 1
        if S.self == BigFloat.self {
            typealias D = DotAccumulator<S>
            let x = D.mp(x), y = D.mp(y), w1 = D.mp(w1), w2 = D.mp(w2)
            mpfr_fma(w1, D.mp(tau), x, y, MPFR_RNDN)           // y + τx
            mpfr_fma(w2, D.mp(negativeTau), y, x, MPFR_RNDN)   // x − τy
            mpfr_fma(x, D.mp(negativeSine), w1, x, MPFR_RNDN)
            mpfr_fma(y, D.mp(sine), w2, y, MPFR_RNDN)
        } else {
            w1.pointee.fma(tau.pointee, x.pointee, y.pointee)
            w2.pointee.fma(negativeTau.pointee, y.pointee, x.pointee)
            x.pointee.fma(negativeSine.pointee, w1.pointee, x.pointee)
            y.pointee.fma(sine.pointee, w2.pointee, y.pointee)
        }
    }
}
