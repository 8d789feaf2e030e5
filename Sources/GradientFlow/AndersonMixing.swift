import MultiPrecision

/// Anderson acceleration of a fixed-point iteration x ← G(x) (Anderson, J. ACM 12 (1965);
/// "type II" as in Walker & Ni, *Anderson acceleration for fixed-point iterations*, SIAM J.
/// Numer. Anal. 49 (2011), eq. (2.1) with β = 1): from the last `depth` differences
/// ΔF_i = f_(i+1) − f_i of the residuals f = G(x) − x and ΔG_i of the images,
///     γ = argmin ‖f_n − ΔF γ‖₂,   x_(n+1) = G(x_n) − ΔG γ.
/// Kept in full on a linear map x ← Ax + c it is equivalent to GMRES on (I − A)x = c (Walker & Ni,
/// loc. cit.); with a few differences kept it damps the slowest modes that limit the plain iteration
/// (`AndersonMixingTests` measures it on a linear map). It changes only the iterates: a fixed point
/// of x ← G(x) is one of the mixed iteration, and the caller's convergence test (on G(x_n) − x_n)
/// is unchanged.
///
/// γ comes from a small least-squares problem solved in Double on the vectors scaled to unit
/// maximum (γ only steers the iteration: its rounding changes the next iterate, not the fixed
/// point); the differences and the mixed iterate are formed at the working precision.
struct AndersonMixing<S: Scalar> {
    /// Vector length and the number of differences kept (0: plain iteration; at most 16).
    let count: Int, depth: Int
    /// The previous residual and image, the ring of differences ΔF_i and ΔG_i (count each), and
    /// the current residual.
    let previousResidual: UnsafeMutablePointer<S>, previousImage: UnsafeMutablePointer<S>
    let residualDifferences: UnsafeMutablePointer<S>, imageDifferences: UnsafeMutablePointer<S>
    let residual: UnsafeMutablePointer<S>
    let registers: RegisterFile<S>
    /// Differences stored (≤ depth), the ring's next slot, whether a previous pair exists.
    var stored = 0, next = 0, primed = false
    /// The scaled residual and differences in Double (column-major, count rows), their scales.
    var columns: [Double], target: [Double], scales: [Double]
    /// The least-squares workspace: orthonormalized columns, the triangle R, γ̂.
    var q: [Double], r: [Double], gamma: [Double]
    var t0: S, t1: S

    init(count: Int, depth: Int, precision: Precision) {
        self.count = count
        self.depth = min(max(depth, 0), 16)
        registers = RegisterFile(count: (3 + 2 * self.depth) * count, precision: precision)
        previousResidual = registers.take(count); previousImage = registers.take(count)
        residual = registers.take(count)
        residualDifferences = registers.take(self.depth * count); imageDifferences = registers.take(self.depth * count)
        columns = Array(repeating: 0, count: self.depth * count)
        target = Array(repeating: 0, count: count)
        scales = Array(repeating: 0, count: self.depth)
        q = columns; r = Array(repeating: 0, count: self.depth * self.depth); gamma = scales
        t0 = S(0, precision: precision); t1 = S(0, precision: precision)
    }

    /// Forgets the history (a new fixed-point problem).
    mutating func reset() { stored = 0; next = 0; primed = false }

    /// Given the iterate x and its image G(x) (in `image`), overwrites `image` with the next
    /// iterate. With no history yet (or depth 0) the next iterate is G(x) itself.
    mutating func mix(iterate x: UnsafePointer<S>, image g: UnsafeMutablePointer<S>) {
        guard depth > 0 else { return }
        for i in 0..<count { residual[i].sub(g[i], x[i]) }
        if primed {
            let slot = next * count
            for i in 0..<count {
                residualDifferences[slot + i].sub(residual[i], previousResidual[i])
                imageDifferences[slot + i].sub(g[i], previousImage[i])
            }
            scales[next] = scaled(residualDifferences + slot, into: next * count)
            next = (next + 1) % depth
            stored = min(stored + 1, depth)
        }
        for i in 0..<count { previousResidual[i].set(residual[i]); previousImage[i].set(g[i]) }
        primed = true
        guard stored > 0 else { return }
        let residualScale = scaled(residual, into: nil)
        guard residualScale.isFinite, residualScale > 0, leastSquares() else { return }
        for c in 0..<stored {
            // γ_c for the unscaled columns: the target and column c were divided by their scales.
            let coefficient = gamma[c] * residualScale / scales[c]
            guard coefficient.isFinite, scales[c] > 0 else { reset(); return }
            t1 = S(coefficient, precision: t1.precision)
            for i in 0..<count { g[i].fms(t1, imageDifferences[c * count + i], g[i]); g[i].neg(g[i]) }
        }
    }

    /// v / max|v| into `columns` at `offset` (or into `target` when nil); returns max|v| as a
    /// Double (0 when v = 0, which leaves the scaled vector 0).
    mutating func scaled(_ v: UnsafePointer<S>, into offset: Int?) -> Double {
        t0.set(0)
        for i in 0..<count { t1.abs(v[i]); if t1 > t0 { t0.set(t1) } }
        let scale = t0.doubleValue
        let zero = t0.isZero
        if !zero { t0 = S(1, precision: t0.precision) / t0 }
        for i in 0..<count {
            let value: Double
            if zero { value = 0 } else { t1.mul(v[i], t0); value = t1.doubleValue }
            if let offset { columns[offset + i] = value } else { target[i] = value }
        }
        return scale
    }

    /// γ̂ = argmin ‖target − C γ̂‖₂ over the stored columns into `gamma`, by modified
    /// Gram–Schmidt; false when a column is (numerically) dependent on the others, and then the
    /// history is dropped.
    mutating func leastSquares() -> Bool {
        let n = count, k = stored
        for i in 0..<(k * n) { q[i] = columns[i] }
        for j in 0..<k {
            var norm = 0.0
            for i in 0..<n { norm += q[j * n + i] * q[j * n + i] }
            norm = norm.squareRoot()
            for l in 0..<j {
                var dot = 0.0
                for i in 0..<n { dot += q[l * n + i] * q[j * n + i] }
                r[l * k + j] = dot
                for i in 0..<n { q[j * n + i] -= dot * q[l * n + i] }
            }
            var rest = 0.0
            for i in 0..<n { rest += q[j * n + i] * q[j * n + i] }
            rest = rest.squareRoot()
            guard rest > 1e-10 * norm, rest.isFinite else { reset(); return false }
            r[j * k + j] = rest
            for i in 0..<n { q[j * n + i] /= rest }
        }
        for l in 0..<k {
            var dot = 0.0
            for i in 0..<n { dot += q[l * n + i] * target[i] }
            gamma[l] = dot
        }
        for j in stride(from: k - 1, through: 0, by: -1) {
            for l in (j + 1)..<k { gamma[j] -= r[j * k + l] * gamma[l] }
            gamma[j] /= r[j * k + j]
        }
        return true
    }
}
