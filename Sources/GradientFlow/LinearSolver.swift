import MultiPrecision

/// LU factorization with partial pivoting of a dense P × P matrix held in registers, and the
/// triangular solves: the linear algebra of the linearly implicit midpoint steps
/// (`(I − hJ) Δ = h F(y) − …`). Allocation-free after `init`.
///
/// Not permutation-equivariant: the pivot search and the elimination visit the parameters in
/// index order, so two identical neurons come out of a linearly implicit step with different
/// roundings, and an exactly symmetric configuration stays symmetric only to rounding (the
/// Taylor method and explicit extrapolation keep it exactly: every neuron's sums run over the
/// samples and the neurons in the same order). A claim that needs exact symmetry must not rely
/// on the stiff methods in double.
public struct LinearSolver<S: Scalar> {
    public let dimension: Int
    /// The factors L (unit lower, below the diagonal) and U, row-major, after `factor`.
    @usableFromInline var lu: [S]
    @usableFromInline var pivot: [Int]
    @usableFromInline var t: S
    @usableFromInline var best: S
    @usableFromInline var candidate: S

    public init(dimension: Int, precision: Precision) {
        self.dimension = dimension
        lu = (0..<(dimension * dimension)).map { _ in S(0, precision: precision) }
        pivot = Array(0..<dimension)
        t = S(0, precision: precision)
        best = S(0, precision: precision)
        candidate = S(0, precision: precision)
    }

    /// Factors M = I − h·J (J row-major, P × P). Returns false if M is singular to working
    /// precision (a zero pivot).
    @inlinable
    public mutating func factorIdentityMinus(_ h: S, times jacobian: [S]) -> Bool {
        let p = dimension
        for i in 0..<p {
            for j in 0..<p {
                lu[i * p + j].mul(h, jacobian[i * p + j])
                lu[i * p + j].neg(lu[i * p + j])
            }
            t.set(1)
            lu[i * p + i].add(lu[i * p + i], t)
        }
        return factorInPlace()
    }

    @inlinable
    mutating func factorInPlace() -> Bool {
        let p = dimension
        for i in 0..<p { pivot[i] = i }
        for col in 0..<p {
            var r = col
            best.abs(lu[col * p + col])
            for row in (col + 1)..<max(col + 1, p) {
                candidate.abs(lu[row * p + col])
                if candidate > best { best.set(candidate); r = row }
            }
            if best.isZero { return false }
            if r != col {
                for j in 0..<p { lu.swapAt(r * p + j, col * p + j) }
                pivot.swapAt(r, col)
            }
            for row in (col + 1)..<max(col + 1, p) {
                // l = a[row][col] / a[col][col]; a[row][j] -= l a[col][j]
                lu[row * p + col].div(lu[row * p + col], lu[col * p + col])
                for j in (col + 1)..<p {
                    lu[row * p + j].fms(lu[row * p + col], lu[col * p + j], lu[row * p + j])
                    lu[row * p + j].neg(lu[row * p + j])
                }
            }
        }
        return true
    }

    /// x ← M⁻¹ b with the last factorization. `x` and `b` must be distinct buffers.
    @inlinable
    public mutating func solve(_ b: [S], into x: inout [S]) {
        let p = dimension
        for i in 0..<p {
            t.set(b[pivot[i]])
            Self.subtractProducts(&t, lu, row: i * p, x, 0..<i)
            x[i].set(t)
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            t.set(x[i])
            Self.subtractProducts(&t, lu, row: i * p, x, (i + 1)..<max(i + 1, p))
            x[i].div(t, lu[i * p + i])
        }
    }

    /// acc ← acc − Σ_{j ∈ columns} lu[row + j]·x[j], each term as −(lu·x − acc) with one
    /// rounding. `acc` is an exclusive inout, so the chain of fused operations stays in a
    /// register rather than going through memory.
    @inlinable
    static func subtractProducts(_ acc: inout S, _ lu: [S], row: Int, _ x: [S], _ columns: Range<Int>) {
        for j in columns { acc.fms(lu[row + j], x[j], acc); acc.neg(acc) }
    }
}
