import MultiPrecision

/// The role of one neuron in the nearest point of the aligned target set (claim 11).
public enum NeuronRole: Equatable, Sendable, CustomStringConvertible {
    /// w̃_k = sign · w̃* (sign = −1 only for odd σ): the neuron carries part of the target.
    case aligned(sign: Int)
    /// a_k = 0: the neuron is silenced by its output weight (w̃_k arbitrary).
    case silent
    /// w̃_k = 0: the neuron's input weights vanish (a_k arbitrary; needs σ(0) = 0).
    case dead

    public var description: String {
        switch self {
        case .aligned(let s): return s > 0 ? "aligned(+w*)" : "aligned(−w*)"
        case .silent: return "silent"
        case .dead: return "dead"
        }
    }
}

/// The distance of θ to the target set `Q* = {θ : f(·; θ) ≡ f*}` (proofs/THEORY.md §1, "recovery").
///
/// **Definition used.** Q* itself is a union of pieces whose shape depends on σ; this tool
/// measures the Euclidean distance in parameter space to its *aligned part*
///
///     Q*_al = { θ : each neuron k is aligned (w̃_k = s_k w̃*, s_k = +1, or ±1 when σ is odd),
///                   silent (a_k = 0) or dead (w̃_k = 0, allowed when σ(0) = 0),
///                   and Σ_{aligned k} s_k a_k = a* },      w̃* = (w*, 0) with bias,
///
/// which is contained in Q* for every σ (then f = Σ_aligned s_k a_k σ(w*ᵀx) = f*). So
/// `dist(θ, Q*) ≤ dist(θ, Q*_al)`, with equality near every point of Q*_al for tanh except
/// where two non-target neurons cancel (w_k = ±w_l, a_k = ∓a_l), and Q*_al is the piece that
/// claims 7 and 11 speak of (one neuron is the target, the others are zero). For linear and
/// relu σ, Q* is larger (a_k w_k sums, positive rescalings), so this is an upper bound.
///
/// For a fixed role assignment the squared distance is
/// `Σ_aligned ‖w̃_k − s_k w̃*‖² + r²/K + Σ_silent a_k² + Σ_dead ‖w̃_k‖²`, with
/// `r = a* − Σ_aligned s_k a_k`, K the number of aligned neurons (the projection of the a_k onto
/// the hyperplane Σ s_k α_k = a*); K ≥ 1 unless a* = 0. The minimum over all assignments is found
/// by exhaustive depth-first search at working precision (3^m to 4^m leaves, less the branches
/// whose partial cost already reaches the best leaf; m ≤ 12).
public struct TargetSetDistance<S: Scalar> {
    /// dist(θ, Q*_al).
    public let distance: S
    /// The roles of the neurons at the nearest point.
    public let roles: [NeuronRole]

    /// The largest width searched exhaustively.
    public static var maximumWidth: Int { 12 }

    /// dist(θ, Q*_al) for `network` and `target`; nil if the width exceeds `maximumWidth`.
    public init?(of theta: [S], network: TwoLayerNetwork, target: Target<S>) {
        let m = network.width, q = network.neuronBlockSize
        guard m <= TargetSetDistance.maximumWidth else { return nil }
        let p = theta[0].precision
        var kernel = ActivationKernel<S>(network.activation, precision: p)
        let deadAllowed = kernel.value(at: S(0, precision: p)).isZero
        let signs = network.activation.isOdd ? [1, -1] : [1]
        let costs = NeuronClassCosts(theta, network: network, target: target, signs: signs)
        let alignedCost = costs.aligned, silentCost = costs.silent, deadCost = costs.dead
        // Depth-first search with per-depth registers (partial cost, partial Σ s_k a_k).
        var cost: [S] = TwoLayerNetwork.registers(m + 1, precision: p)
        var sum: [S] = TwoLayerNetwork.registers(m + 1, precision: p)
        var best: S? = nil
        var bestRoles: [NeuronRole] = []
        var roles = [NeuronRole](repeating: .silent, count: m)
        var leaf = S(0, precision: p), r = S(0, precision: p)
        let aStar = target.outputWeight
        func visit(_ k: Int, _ K: Int) {
            // Every class adds a non-negative cost, and a rounded sum never falls when a
            // non-negative term is added: a branch already at the best leaf cannot beat it.
            if let b = best, cost[k] >= b { return }
            if k == m {
                if K == 0 && !aStar.isZero { return }
                leaf.set(cost[m])
                if K > 0 {
                    r.sub(aStar, sum[m]); r.sqr(r); r.div(r, K)
                    leaf.add(leaf, r)
                }
                if best == nil || leaf < best! {
                    if best == nil { best = S(leaf, precision: p) } else { best!.set(leaf) }
                    bestRoles = roles
                }
                return
            }
            for (si, s) in signs.enumerated() {
                roles[k] = .aligned(sign: s)
                cost[k + 1].add(cost[k], alignedCost[k][si])
                if s > 0 { sum[k + 1].add(sum[k], theta[k * q]) } else { sum[k + 1].sub(sum[k], theta[k * q]) }
                visit(k + 1, K + 1)
            }
            roles[k] = .silent
            cost[k + 1].add(cost[k], silentCost[k]); sum[k + 1].set(sum[k])
            visit(k + 1, K)
            if deadAllowed {
                roles[k] = .dead
                cost[k + 1].add(cost[k], deadCost[k]); sum[k + 1].set(sum[k])
                visit(k + 1, K)
            }
        }
        visit(0, 0)
        var dist = best ?? S(0, precision: p)
        dist.sqrt(dist)
        distance = dist
        self.roles = bestRoles
    }

    /// The number of aligned neurons at the nearest point (claim 11's "active" neurons).
    public var alignedCount: Int { roles.filter { if case .aligned = $0 { return true } else { return false } }.count }
}
