/// Claim 6 (proofs/claim-06.md, steps 3 and "Numerical check"): the distance between two
/// parameter points modulo the symmetries of the network Σ a_k σ(w_kᵀx) with odd σ: the
/// per-neuron sign flip (a_k, w_k) → (−a_k, −w_k) and the permutation of neurons,
///   dist_G(θ, θ') = min over σ ∈ S_m, s ∈ {±1}^m of ‖(θ_k − s_k θ'_σ(k))_k‖₂.
/// Two points at distance 0 are the same network up to relabelling, so the same function; the
/// converse fails (a function has other parametrizations), so this is the finer comparison.
///
/// For a fixed σ the best sign of each neuron is independent of the others:
/// min_s ‖u − s v‖² = ‖u‖² + ‖v‖² − 2|u·v|. The permutations are enumerated (widths up to 8).
/// NaN for mismatched sizes, a width out of range, or a non-finite entry.
public func symmetricDistance(_ x: [Double], _ y: [Double], width m: Int) -> Double {
    guard m > 0, m <= 8, x.count == y.count, x.count % m == 0,
          x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return .nan }
    let q = x.count / m
    let cost: [[Double]] = (0..<m).map { k in
        (0..<m).map { l in
            var uu = 0.0, vv = 0.0, uv = 0.0
            for j in 0..<q {
                let u = x[k * q + j], v = y[l * q + j]
                uu += u * u; vv += v * v; uv += u * v
            }
            return Swift.max(0, uu + vv - 2 * Swift.abs(uv))
        }
    }
    // Cheapest assignment of neurons k → l over the unused set `used` (bit mask).
    func best(_ k: Int, _ used: Int) -> Double {
        if k == m { return 0 }
        var smallest = Double.infinity
        for l in 0..<m where used & (1 << l) == 0 {
            smallest = Swift.min(smallest, cost[k][l] + best(k + 1, used | (1 << l)))
        }
        return smallest
    }
    return best(0, 0).squareRoot()
}
