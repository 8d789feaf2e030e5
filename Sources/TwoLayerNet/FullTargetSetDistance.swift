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
/// and a group's first member takes the sign +, so each partition and choice of relative signs is
/// visited once).
public struct FullTargetSetDistance<S: Scalar> {
    /// dist(θ, Q*).
    public let distance: S
    /// The classes at the nearest point: "aligned(±w*)", "silent", "dead", "group g (±)".
    public let roles: [String]

    /// The largest width searched. The search tree has about (4 + 2·m/2)^m leaves; pruning by
    /// Q*_al's distance and by the groups' scatter (`ClassSearch.exceeds`) leaves a fraction of them.
    public static var maximumWidth: Int { 8 }

    enum Label: Equatable { case aligned(Int), silent, dead, group(Int, Int) }

    /// dist(θ, Q*) for a tanh `network`; nil for other activations (Q* has another shape) or
    /// widths above `maximumWidth`.
    ///
    /// Specialized for Double and BigFloat: unspecialized, the search spends most of its time in
    /// generic metadata lookups.
    @_specialize(where S == Double)
    @_specialize(where S == BigFloat)
    public init?(of theta: [S], network: TwoLayerNetwork, target: Target<S>) {
        guard case .tanh = network.activation, network.width <= FullTargetSetDistance.maximumWidth else { return nil }
        var search = ClassSearch(theta, network: network, target: target)
        // Q*_al ⊂ Q*: its distance bounds the search from the start, a little above, so that
        // the search still reaches the leaf of Q*_al's nearest point when no group does better.
        if let aligned = TargetSetDistance(of: theta, network: network, target: target)?.distance, !aligned.isZero {
            search.ceiling = aligned * aligned * (S(1, precision: aligned.precision) + S(Rational.pow(Rational(2), -20), precision: aligned.precision))
        }
        search.visit(0, groupsUsed: 0, aligned: 0)
        if search.best == nil {
            // No leaf under the ceiling: the two computations of Q*_al's cost differ by more than
            // 2^−20 (possible only where that cost is at the level of its rounding). Search again
            // without it rather than report no leaf.
            search.ceiling = nil
            search.visit(0, groupsUsed: 0, aligned: 0)
        }
        var best = search.best ?? S(0, precision: theta[0].precision)
        best.sqrt(best)
        distance = best
        roles = search.bestLabels.map {
            switch $0 {
            case .aligned(let s): return s > 0 ? "aligned(+w*)" : "aligned(−w*)"
            case .silent: return "silent"
            case .dead: return "dead"
            case .group(let g, let s): return "group \(g + 1) (\(s > 0 ? "+" : "−"))"
            }
        }
    }

    /// The exhaustive search over class assignments (labels in the canonical order: groups
    /// numbered by first use). Per-depth registers hold the cost of the neurons outside groups
    /// and Σ s_k a_k over the aligned ones; a branch whose partial cost reaches the best leaf is
    /// cut (every class adds a non-negative cost, and a rounded sum never falls when a
    /// non-negative term is added). A group's cost depends only on its members and their signs
    /// up to one global flip (negation is exact), so it is computed once per (members, signs).
    struct ClassSearch {
        let m: Int, q: Int, D: Int
        let theta: [S]
        let costs: NeuronClassCosts<S>
        let aStar: S
        var labels: [Label]
        var cost: [S], sum: [S]
        var leaf: S, r: S, t: S
        /// Per depth: the groups' partial scatter (`join`); per group: its member count and the
        /// running sums of its members' s_j w̃_j, index (g(m + 1) + count)·D + j; 1 − 2^−20.
        var scatter: [S]
        var memberCounts: [Int]
        /// A leaf's groups as bit masks of their members and of their negative signs (reused).
        var leafMembers: [Int], leafSigns: [Int]
        var groupSums: [S]
        let shrink: S
        var best: S? = nil
        /// A bound on the minimum known before the search (Q*_al's), pruning until a leaf is found.
        var ceiling: S? = nil
        var bestLabels: [Label]
        /// Group costs by (member mask << m | sign mask), the lowest member's sign +.
        var groupCosts: [S?]

        init(_ theta: [S], network: TwoLayerNetwork, target: Target<S>) {
            m = network.width; q = network.neuronBlockSize; D = network.extendedInputDimension
            self.theta = theta
            let p = theta[0].precision
            costs = NeuronClassCosts(theta, network: network, target: target, signs: [1, -1])
            aStar = target.outputWeight
            labels = [Label](repeating: .silent, count: m)
            bestLabels = labels
            cost = TwoLayerNetwork.registers(m + 1, precision: p)
            sum = TwoLayerNetwork.registers(m + 1, precision: p)
            leaf = S(0, precision: p); r = S(0, precision: p); t = S(0, precision: p)
            scatter = TwoLayerNetwork.registers(m + 1, precision: p)
            memberCounts = [Int](repeating: 0, count: max(1, m / 2))
            leafMembers = [Int](repeating: 0, count: m); leafSigns = leafMembers
            groupSums = TwoLayerNetwork.registers(max(1, m / 2) * (m + 1) * D, precision: p)
            shrink = S(1, precision: p) - S(Rational.pow(Rational(2), -20), precision: p)
            groupCosts = [S?](repeating: nil, count: 1 << (2 * m))
        }

        mutating func visit(_ k: Int, groupsUsed: Int, aligned K: Int) {
            if let b = best ?? ceiling, cost[k] >= b || exceeds(b, depth: k) { return }
            if k == m { return finish(aligned: K) }
            for i in 0..<2 {
                let s = 1 - 2 * i
                labels[k] = .aligned(s)
                cost[k + 1].add(cost[k], costs.aligned[k][i])
                if s > 0 { sum[k + 1].add(sum[k], theta[k * q]) } else { sum[k + 1].sub(sum[k], theta[k * q]) }
                scatter[k + 1].set(scatter[k])
                visit(k + 1, groupsUsed: groupsUsed, aligned: K + 1)
            }
            for choice in 0..<2 {
                let dead = choice == 1
                labels[k] = dead ? .dead : .silent
                cost[k + 1].add(cost[k], dead ? costs.dead[k] : costs.silent[k]); sum[k + 1].set(sum[k]); scatter[k + 1].set(scatter[k])
                visit(k + 1, groupsUsed: groupsUsed, aligned: K)
            }
            for g in 0..<min(groupsUsed + 1, m / 2) {
                // A group's cost is the same with every member's sign flipped, so the neuron that
                // opens a group (g = groupsUsed) takes the sign + only.
                for i in 0..<(g == groupsUsed ? 1 : 2) {
                    let s = 1 - 2 * i
                    labels[k] = .group(g, s)
                    cost[k + 1].set(cost[k]); sum[k + 1].set(sum[k])
                    join(g, neuron: k, sign: s)
                    visit(k + 1, groupsUsed: max(groupsUsed, g + 1), aligned: K)
                    memberCounts[g] -= 1
                }
            }
        }

        /// True if the partial cost plus the groups' partial scatter (shrunk by 2^−20 for the
        /// rounding of its running sums) reaches `b`: the scatter Σ‖s_k w̃_k − v̄‖² of a group
        /// never falls when a member joins, so every leaf below costs at least that.
        mutating func exceeds(_ b: S, depth k: Int) -> Bool {
            guard !scatter[k].isZero else { return false }
            r.mul(scatter[k], shrink); r.add(r, cost[k])
            return r >= b
        }

        /// Neuron k joins group g with sign s: scatter[k + 1] = scatter[k] plus the scatter it
        /// adds, n/(n + 1)·‖s w̃_k − mean‖² = ‖n s w̃_k − Σ‖²/(n(n + 1)) for a group of n members
        /// whose s_j w̃_j sum to Σ; the sums of the group's first 1, 2, … members are kept
        /// (`groupSums`), so leaving the branch only decrements `memberCounts[g]`.
        mutating func join(_ g: Int, neuron k: Int, sign s: Int) {
            let n = memberCounts[g], from = (g * (m + 1) + n) * D, to = from + D
            scatter[k + 1].set(scatter[k])
            if n > 0 { r.set(0) }
            for j in 0..<D {
                let w = theta[k * q + 1 + j]
                if s > 0 { groupSums[to + j].add(groupSums[from + j], w) } else { groupSums[to + j].sub(groupSums[from + j], w) }
                guard n > 0 else { continue }
                t.mul(w, s * n); t.sub(t, groupSums[from + j]); r.fma(t, t, r)
            }
            if n > 0 { r.div(r, n * (n + 1)); scatter[k + 1].add(scatter[k + 1], r) }
            memberCounts[g] = n + 1
        }

        /// A leaf: the partial cost, the aligned class's projection (a* − Σ s_k a_k)²/K, and
        /// the groups' costs.
        mutating func finish(aligned K: Int) {
            if K == 0 && !aStar.isZero { return }
            leaf.set(cost[m])
            if K > 0 {
                r.sub(aStar, sum[m]); r.sqr(r); r.div(r, K)
                leaf.add(leaf, r)
            }
            for g in 0..<m { leafMembers[g] = 0; leafSigns[g] = 0 }
            for (k, label) in labels.enumerated() {
                guard case .group(let g, let s) = label else { continue }
                leafMembers[g] |= 1 << k
                if s < 0 { leafSigns[g] |= 1 << k }
            }
            for g in 0..<m where leafMembers[g] != 0 { leaf.add(leaf, groupCost(members: leafMembers[g], signs: leafSigns[g])) }
            if best == nil || leaf < best! {
                if best == nil { best = S(leaf, precision: leaf.precision) } else { best!.set(leaf) }
                bestLabels = labels
            }
        }

        /// `Σ_{k∈G} ‖s_k w̃_k − v̄‖² + (Σ_{k∈G} s_k a_k)²/|G|` for the group G of `members` with
        /// negative signs at `signs` (bit masks), computed once.
        mutating func groupCost(members: Int, signs: Int) -> S {
            let lowest = members & -members
            let flipped = signs & lowest != 0 ? signs ^ members : signs
            let key = members << m | flipped
            if let c = groupCosts[key] { return c }
            let p = leaf.precision, count = members.nonzeroBitCount
            let ks = (0..<m).filter { members & (1 << $0) != 0 }
            var mean: [S] = TwoLayerNetwork.registers(D, precision: p)
            var sa = S(0, precision: p), t = S(0, precision: p), c = S(0, precision: p)
            for k in ks {
                let negative = flipped & (1 << k) != 0
                for j in 0..<D {
                    if negative { mean[j].sub(mean[j], theta[k * q + 1 + j]) } else { mean[j].add(mean[j], theta[k * q + 1 + j]) }
                }
                if negative { sa.sub(sa, theta[k * q]) } else { sa.add(sa, theta[k * q]) }
            }
            for j in 0..<D { mean[j].div(mean[j], count) }
            for k in ks {
                let negative = flipped & (1 << k) != 0
                for j in 0..<D {
                    if negative { t.add(theta[k * q + 1 + j], mean[j]); t.neg(t) } else { t.sub(theta[k * q + 1 + j], mean[j]) }
                    c.fma(t, t, c)
                }
            }
            sa.sqr(sa); sa.div(sa, count)
            c.add(c, sa)
            groupCosts[key] = c
            return c
        }
    }
}
