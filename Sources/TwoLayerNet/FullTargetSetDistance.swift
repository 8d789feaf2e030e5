import MultiPrecision

/// The distance of θ to the whole target set `Q* = {θ : f(·; θ) ≡ f*}` for tanh (proofs/recovery.md).
///
/// **Structure of Q* for tanh.** The functions x ↦ tanh(vᵀx̃) for directions v ≠ 0 that differ
/// other than by sign are linearly independent, and tanh is odd, so f(·; θ) ≡ a* tanh(w*ᵀx)
/// exactly when the neurons split into classes:
///
/// - the *aligned* class: w̃_k = s_k w̃* (s_k = ±1) with Σ s_k a_k = a*;
/// - *dead* neurons, w̃_k = 0 (tanh(0) = 0, a_k free), and *silent* ones, a_k = 0;
/// - *cancelling groups* of two or more neurons with w̃_k = s_k v for one direction v ≠ ±w̃*
///   and Σ s_k a_k = 0 (they exist for m ≥ 3: two neurons beside the target).
///
/// Q*_al (`TargetSetDistance`) is the part without cancelling groups. For one assignment of
/// classes the squared distance is the aligned cost of `TargetSetDistance` plus, for each group
/// G, `Σ_{k∈G} ‖s_k w̃_k − v̄‖² + (Σ_{k∈G} s_k a_k)²/|G|` (v̄ the mean of s_k w̃_k: the nearest
/// common direction; the a_k projected onto Σ s_k a_k = 0). The minimum over all assignments is
/// found by exhaustive search at working precision (groups are numbered in order of first use,
/// so each partition is visited once per choice of signs).
public struct FullTargetSetDistance<S: Scalar> {
    /// dist(θ, Q*).
    public let distance: S
    /// The classes at the nearest point: "aligned(±w*)", "silent", "dead", "group g (±)".
    public let roles: [String]

    /// The largest width searched (the search visits about (4 + 2·m/2)^m leaves).
    public static var maximumWidth: Int { 5 }

    enum Label: Equatable { case aligned(Int), silent, dead, group(Int, Int) }

    /// dist(θ, Q*) for a tanh `network`; nil for other activations (Q* has another shape) or
    /// widths above `maximumWidth`.
    public init?(of theta: [S], network: TwoLayerNetwork, target: Target<S>) {
        guard case .tanh = network.activation, network.width <= FullTargetSetDistance.maximumWidth else { return nil }
        let m = network.width, q = network.neuronBlockSize, D = network.extendedInputDimension
        let p = theta[0].precision
        let zero = S(0, precision: p)
        var wStar = [S](repeating: zero, count: D)
        for j in 0..<target.inputDimension { wStar[j] = S(target.inputWeights[j], precision: p) }
        let a = (0..<m).map { theta[$0 * q] }
        let w = (0..<m).map { k in (0..<D).map { theta[k * q + 1 + $0] } }
        func squaredNorm(_ v: [S]) -> S { v.reduce(zero) { $0 + $1 * $1 } }
        func signed(_ v: [S], _ s: Int) -> [S] { s > 0 ? v : v.map { -$0 } }
        var labels = [Label](repeating: .silent, count: m)
        var best: S? = nil, bestLabels = labels
        func leafCost() -> S? {
            var cost = zero, sum = zero, K = 0
            var groups: [Int: [(Int, Int)]] = [:]
            for k in 0..<m {
                switch labels[k] {
                case .aligned(let s):
                    cost = cost + squaredNorm(zip(w[k], wStar).map { $0 - (s > 0 ? $1 : -$1) })
                    sum = s > 0 ? sum + a[k] : sum - a[k]; K += 1
                case .silent: cost = cost + a[k] * a[k]
                case .dead: cost = cost + squaredNorm(w[k])
                case .group(let g, let s): groups[g, default: []].append((k, s))
                }
            }
            if K == 0 && !target.outputWeight.isZero { return nil }
            if K > 0 { let r = target.outputWeight - sum; cost = cost + r * r / S(K, precision: p) }
            for members in groups.values {
                let count = S(members.count, precision: p)
                var mean = [S](repeating: zero, count: D), sa = zero
                for (k, s) in members {
                    mean = zip(mean, signed(w[k], s)).map { $0 + $1 }
                    sa = s > 0 ? sa + a[k] : sa - a[k]
                }
                mean = mean.map { $0 / count }
                for (k, s) in members { cost = cost + squaredNorm(zip(signed(w[k], s), mean).map { $0 - $1 }) }
                cost = cost + sa * sa / count
            }
            return cost
        }
        func visit(_ k: Int, _ groupsUsed: Int) {
            if k == m {
                if let c = leafCost(), best == nil || c < best! { best = c; bestLabels = labels }
                return
            }
            var choices: [Label] = [.aligned(1), .aligned(-1), .silent, .dead]
            for g in 0..<min(groupsUsed + 1, m / 2) { choices += [.group(g, 1), .group(g, -1)] }
            for choice in choices {
                labels[k] = choice
                if case .group(let g, _) = choice { visit(k + 1, max(groupsUsed, g + 1)) } else { visit(k + 1, groupsUsed) }
            }
        }
        visit(0, 0)
        distance = S.sqrt(best ?? zero)
        roles = bestLabels.map {
            switch $0 {
            case .aligned(let s): return s > 0 ? "aligned(+w*)" : "aligned(−w*)"
            case .silent: return "silent"
            case .dead: return "dead"
            case .group(let g, let s): return "group \(g + 1) (\(s > 0 ? "+" : "−"))"
            }
        }
    }
}
