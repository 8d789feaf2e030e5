import MultiPrecision

/// The eigenvalues of a small symmetric matrix by the cyclic Jacobi method, at the matrix's
/// working precision (the recovery verdict's Hessian test, proofs/recovery.md). Jacobi is
/// backward stable: the computed eigenvalues are those of a matrix within a few units of the
/// working precision times ‖A‖ of A, so each is accurate to about P·2^(−p)·‖A‖ (Weyl).
public enum JacobiEigenvalues {
    /// The eigenvalues of the row-major symmetric `size × size` matrix `a`, ascending.
    public static func of<S: Scalar>(_ a: [S], size P: Int, sweeps: Int = 60) -> [S] {
        precondition(a.count == P * P, "matrix has \(a.count) entries, expected \(P * P)")
        guard P > 0 else { return [] }
        let p = a[0].precision
        var m = a.map { S($0, precision: p) }
        let zero = S(0, precision: p), one = S(1, precision: p), two = S(2, precision: p)
        var scale = zero
        for x in m { scale = max(scale, S.abs(x)) }
        let negligible = scale / S.pow(two, p.bits + 8)
        for _ in 0..<sweeps {
            var off = zero
            for i in 0..<P { for j in (i + 1)..<P { off = max(off, S.abs(m[i * P + j])) } }
            if off <= negligible { break }
            for i in 0..<P {
                for j in (i + 1)..<P where !m[i * P + j].isZero {
                    // Rotation annihilating m[i][j] (Golub & Van Loan, Alg. 8.5.2).
                    let theta = (m[j * P + j] - m[i * P + i]) / (two * m[i * P + j])
                    let t = (theta < zero ? -one : one) / (S.abs(theta) + S.sqrt(theta * theta + one))
                    let c = one / S.sqrt(t * t + one), s = t * c
                    for k in 0..<P {
                        let x = m[k * P + i], y = m[k * P + j]
                        m[k * P + i] = c * x - s * y; m[k * P + j] = s * x + c * y
                    }
                    for k in 0..<P {
                        let x = m[i * P + k], y = m[j * P + k]
                        m[i * P + k] = c * x - s * y; m[j * P + k] = s * x + c * y
                    }
                }
            }
        }
        return (0..<P).map { m[$0 * P + $0] }.sorted()
    }
}
