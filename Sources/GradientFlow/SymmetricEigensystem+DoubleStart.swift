import CMPFR
import MultiPrecision

/// The Jacobi method in Double that starts a wider `SymmetricEigensystem` (see its
/// documentation), with the matrix it decomposes.
final class DoubleStart {
    var system: SymmetricEigensystem<Double>
    var matrix: [Double]

    init(dimension n: Int) {
        system = SymmetricEigensystem<Double>(dimension: n, precision: .double, startsFromDouble: false)
        matrix = [Double](repeating: 0, count: n * n)
    }
}

extension SymmetricEigensystem {
    /// Q ← the eigenvectors of `a` (the symmetrized A) found by the Jacobi method in Double, made
    /// orthogonal at the working precision by the Newton–Schulz iteration
    /// X ← X + ½X(I − XᵀX) (quadratically convergent to the orthogonal polar factor of X, which
    /// differs from X by about ‖I − XᵀX‖: Higham, *Functions of Matrices*, §8.3), until every
    /// entry of I − XᵀX is at most P·2^(−p+4); then a ← QᵀaQ. False, with `a` unchanged, when
    /// there is no start in Double, an entry of a is beyond Double's range, the Jacobi method in
    /// Double fails, or the iteration has not converged after 8 updates.
    mutating func startInDouble() -> Bool {
        guard let start else { return false }
        let n = dimension
        for i in 0..<(n * n) {
            let x = a[i].doubleValue
            guard x.isFinite else { return false }
            start.matrix[i] = x
        }
        guard start.system.decompose(start.matrix) else { return false }
        for i in 0..<(n * n) { setExactly(vectors + i, start.system.vectors[i]) }
        for update in 0...8 {
            if orthogonalityDefect() { break }
            if update == 8 { return false }
            newtonSchulzUpdate()
        }
        transformToVectors()
        return true
    }

    /// x ← d exactly (the working precision is at least Double's).
    @inline(__always)
    func setExactly(_ x: UnsafeMutablePointer<S>, _ d: Double) {
        if S.self == BigFloat.self { mpfr_set_d(DotAccumulator<S>.mp(x), d, MPFR_RNDN) } else { x.pointee = S(d, precision: x.pointee.precision) }
    }

    /// gram ← ½(I − XᵀX) for X = `vectors` (each entry one exact dot product for BigFloat, the
    /// upper triangle mirrored); true if every entry of I − XᵀX is within P·2^(−p+4).
    func orthogonalityDefect() -> Bool {
        let n = dimension, x = vectors, e = gram, dots = dots
        let bound = scalars + 14, size = scalars + 13, one = scalars + 11
        var orthogonal = true
        for i in 0..<n {
            for j in i..<n {
                let eij = e + i * n + j
                dots.begin(eij)
                if i == j { dots.add(one, into: eij) }
                for k in 0..<n { dots.add(x + k * n + i, x + k * n + j, negated: true, into: eij) }
                dots.finish(eij)
                size.pointee.abs(eij.pointee)
                if size.pointee > bound.pointee { orthogonal = false }
                eij.pointee.div(eij.pointee, 2)
                if j != i { e[j * n + i].set(eij.pointee) }
            }
        }
        return orthogonal
    }

    /// X ← X + X·gram, gram = ½(I − XᵀX) (`orthogonalityDefect`), through `product`.
    func newtonSchulzUpdate() {
        let n = dimension, x = vectors, e = gram, w = product, dots = dots
        for i in 0..<n {
            for j in 0..<n {
                dots.begin(w + i * n + j)
                dots.add(x + i * n + j, into: w + i * n + j)
                dots.add(n, x + i * n, stride: 1, e + j, stride: n, into: w + i * n + j)
                dots.finish(w + i * n + j)
            }
        }
        for i in 0..<(n * n) { x[i].set(w[i]) }
    }

    /// a ← Qᵀ a Q (Q = `vectors`), each entry one exact dot product for BigFloat; the upper
    /// triangle is computed and mirrored, so a stays exactly symmetric.
    func transformToVectors() {
        let n = dimension, a = a, q = vectors, w = product, dots = dots
        for i in 0..<n {
            for j in 0..<n {   // w = a·Q
                dots.begin(w + i * n + j)
                dots.add(n, a + i * n, stride: 1, q + j, stride: n, into: w + i * n + j)
                dots.finish(w + i * n + j)
            }
        }
        for i in 0..<n {
            for j in i..<n {   // a = Qᵀ·w
                dots.begin(a + i * n + j)
                dots.add(n, q + i, stride: n, w + j, stride: n, into: a + i * n + j)
                dots.finish(a + i * n + j)
                if j != i { a[j * n + i].set(a[i * n + j]) }
            }
        }
    }
}
