import Foundation
import MultiPrecision

/// When exponential collocation corrects its fixed-point iteration by Newton's method
/// (`CollocationNewton`).
public enum CollocationNewtonMode: String, Sendable, CaseIterable {
    /// The mixed fixed-point iteration only.
    case off
    /// From the first accepted step whose iteration contracted by less than `activation` per
    /// update, to the end of the run (where the iteration is fast, forming the correction costs
    /// more than the updates it saves: P2's tail, `flowverify-bench 1 newton` in the README).
    case automatic
    /// From the first step.
    case on

    /// The measured contraction per update above which `.automatic` turns the correction on.
    public static let activation = 0.01
}

/// A simplified Newton correction, in double, of the exponential collocation's fixed-point
/// iteration (`ExponentialCollocationStepper`).
///
/// The iteration u ← Φ(u) on the node values u_i (i = 1…K, u_ik the component along the
/// Jacobian's eigenvector q_k) contracts by about H·‖J(y) − J(y₀)‖ per update through the
/// modes the exponential weights do not damp. Near a saddle or along a bending algebraic tail
/// that caps the step well below what the error estimate allows, and the steps that overshoot
/// are rejected after dozens of updates. Newton's method solves (I − ∂Φ/∂u) δ = Φ(u) − u
/// instead, with
///
///     (∂Φ/∂u)_{(i,k),(j,l)} = W^k_ij (D_j)_kl,   D_j = Qᵀ(J(Y_j) − J(y₀))Q,
///     W^k_ij = ∫₀^(c_i H) e^((c_i H − s)λ_k) ℓ_j(s/H) ds,
///
/// Y_j the node states of the iterate it is formed at (once per attempt) and ℓ_j the Lagrange
/// basis of the nodes. Everything is in double: the matrix only preconditions the update (its
/// error slows the convergence, it does not move the fixed point; the convergence test and
/// the error estimate are the method's own), and δ is small. The modes with λ_k H < −K are
/// stiff: their weights are local to their node, W^k_ij ≈ −δ_ij/λ_k (the leading term of the
/// quasi-static expansion), so their unknowns are eliminated node by node and only the K·S
/// unknowns of the S other modes form a dense system (a Schur complement). Their weights
/// come from Gauss–Legendre quadrature (exact for the polynomial factor; the exponent is at
/// most K in magnitude), ℓ_j from the barycentric formula of the Chebyshev–Lobatto nodes.
struct CollocationNewton<S: Scalar> {
    let degree: Int, dimension: Int
    /// Nodes c_j (j = 0…K) and their barycentric weights (−1)^j, halved at the ends.
    let nodes: [Double], barycentric: [Double]
    /// Gauss–Legendre nodes and weights on [0, 1].
    let gaussNodes: [Double], gaussWeights: [Double]
    /// basis[((i − 1)·G + g)·K + (j − 1)] = ℓ_j(c_i x_g) for i, j = 1…K (ℓ_0 is not needed: r_0 = 0).
    let basis: [Double]
    /// The modes of the prepared step (stiff: λ_k H < −K) and the factored Schur system.
    var slow: [Int] = [], stiff: [Int] = []
    var inverseEigenvalues: [Double] = []
    var weights: [Double] = []
    /// The node Jacobians of the last `form`, the stiff blocks' factors E_j, and E_j⁻¹Λ_f⁻¹D_j,fs.
    var nodeBlocks: [Double] = []
    var local: [DenseLU] = []
    var reduced: [Double] = []
    var solver = DenseLU(dimension: 0)
    var ready = false
    var solution: [Double] = []
    /// −λ_k·H above which a mode is stiff.
    var stiffLimit: Double { Double(degree) }

    init(nodes c: [S], dimension: Int) {
        degree = c.count - 1
        self.dimension = dimension
        let K = degree
        nodes = c.map(\.doubleValue)
        barycentric = (0...K).map { j in (j % 2 == 0 ? 1.0 : -1.0) * (j == 0 || j == K ? 0.5 : 1) }
        let (x, w) = Self.gaussLegendre(count: K + 24)
        gaussNodes = x; gaussWeights = w
        var table = [Double](repeating: 0, count: K * x.count * K)
        for i in 1...K {
            for (g, xg) in x.enumerated() {
                let l = Self.lagrange(at: nodes[i] * xg, nodes: nodes, weights: barycentric)
                for j in 1...K { table[((i - 1) * x.count + g) * K + (j - 1)] = l[j] }
            }
        }
        basis = table
    }

    /// ℓ_0(σ) … ℓ_K(σ) by the second barycentric form.
    static func lagrange(at sigma: Double, nodes: [Double], weights: [Double]) -> [Double] {
        if let hit = nodes.firstIndex(of: sigma) { return nodes.indices.map { $0 == hit ? 1 : 0 } }
        let terms = nodes.indices.map { weights[$0] / (sigma - nodes[$0]) }
        let sum = terms.reduce(0, +)
        return terms.map { $0 / sum }
    }

    /// Gauss–Legendre nodes and weights on [0, 1] (Newton's method on P_n from the usual
    /// initial guesses cos(π(i + 3/4)/(n + 1/2))).
    static func gaussLegendre(count n: Int) -> ([Double], [Double]) {
        var x = [Double](repeating: 0, count: n), w = x
        for i in 0..<n {
            var z = Foundation.cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5)), derivative = 1.0
            for _ in 0..<100 {
                var p1 = 1.0, p2 = 0.0
                for j in 1...n {
                    let p3 = p2
                    p2 = p1
                    p1 = ((2 * Double(j) - 1) * z * p2 - (Double(j) - 1) * p3) / Double(j)
                }
                derivative = Double(n) * (z * p1 - p2) / (z * z - 1)
                let dz = p1 / derivative
                z -= dz
                if Swift.abs(dz) <= 1e-15 { break }
            }
            x[i] = (1 - z) / 2
            w[i] = 1 / ((1 - z * z) * derivative * derivative)
        }
        return (x, w)
    }

    /// The modes of a step of length H: `stiff` those with λ_k H < −K, whose weights are
    /// local to their node (W^k_ij ≈ −δ_ij/λ_k, the leading term of the quasi-static
    /// expansion), and `slow` the rest, with their weights W^k_ij by quadrature (before `form`).
    mutating func prepare(step H: Double, eigenvalues lambda: [Double]) {
        let K = degree, G = gaussNodes.count
        stiff = lambda.indices.filter { lambda[$0] * H < -stiffLimit }
        slow = lambda.indices.filter { lambda[$0] * H >= -stiffLimit }
        inverseEigenvalues = stiff.map { 1 / lambda[$0] }
        weights = [Double](repeating: 0, count: slow.count * K * K)
        var e = [Double](repeating: 0, count: G)
        for (a, k) in slow.enumerated() {
            for i in 1...K {
                let ci = nodes[i]
                for g in 0..<G { e[g] = gaussWeights[g] * Foundation.exp(ci * (1 - gaussNodes[g]) * H * lambda[k]) * H * ci }
                for j in 1...K {
                    var sum = 0.0
                    for g in 0..<G { sum += e[g] * basis[((i - 1) * G + g) * K + (j - 1)] }
                    weights[(a * K + (i - 1)) * K + (j - 1)] = sum
                }
            }
        }
        ready = false
    }

    /// Forms the correction from the node Jacobians D_j = Qᵀ(J(Y_j) − J(y₀))Q (P × P,
    /// row-major, `blocks[(j − 1)P² …]`, j = 1…K): per node the stiff block
    /// E_j = I + Λ_f⁻¹ D_j,ff, then the Schur complement on the slow modes,
    /// D̃_j = D_j,ss − D_j,sf E_j⁻¹ Λ_f⁻¹ D_j,fs, and the factored I − W D̃ (K·S unknowns).
    /// False (and no correction) if a factor is singular.
    mutating func form(blocks: [Double]) -> Bool {
        let K = degree, P = dimension, Sn = slow.count, Fn = stiff.count, N = K * Sn
        ready = false
        nodeBlocks = blocks
        if local.count != K || local.first?.dimension != Fn { local = (0..<K).map { _ in DenseLU(dimension: Fn) } }
        reduced = [Double](repeating: 0, count: K * Fn * Sn)
        var schur = [Double](repeating: 0, count: K * Sn * Sn)
        var column = [Double](repeating: 0, count: Fn), solved = column
        for j in 0..<K {
            let D = j * P * P
            if Fn > 0 {
                for (f, kf) in stiff.enumerated() {
                    for (f2, kf2) in stiff.enumerated() {
                        local[j].lu[f * Fn + f2] = (f == f2 ? 1 : 0) + inverseEigenvalues[f] * blocks[D + kf * P + kf2]
                    }
                }
                guard local[j].factor() else { return false }
                // reduced_j = E_j⁻¹ Λ_f⁻¹ D_j,fs (F × S)
                for (b, kb) in slow.enumerated() {
                    for (f, kf) in stiff.enumerated() { column[f] = inverseEigenvalues[f] * blocks[D + kf * P + kb] }
                    local[j].solve(column, into: &solved)
                    for f in 0..<Fn { reduced[(j * Fn + f) * Sn + b] = solved[f] }
                }
            }
            for (a, ka) in slow.enumerated() {
                for (b, kb) in slow.enumerated() {
                    var v = blocks[D + ka * P + kb]
                    for (f, kf) in stiff.enumerated() { v -= blocks[D + ka * P + kf] * reduced[(j * Fn + f) * Sn + b] }
                    schur[(j * Sn + a) * Sn + b] = v
                }
            }
        }
        guard N > 0 else { ready = true; return true }
        if solver.dimension != N { solver = DenseLU(dimension: N) }
        solution = [Double](repeating: 0, count: N)
        for i in 0..<K {
            for a in 0..<Sn {
                let row = i * Sn + a
                for j in 0..<K {
                    let w = weights[(a * K + i) * K + j]
                    for b in 0..<Sn {
                        let col = j * Sn + b
                        solver.lu[row * N + col] = (row == col ? 1 : 0) - w * schur[(j * Sn + a) * Sn + b]
                    }
                }
            }
        }
        ready = solver.factor()
        return ready
    }

    /// δ = (I − ∂Φ/∂u)⁻¹ g for g = Φ(u) − u (node-major, g[(i − 1)P + k], i = 1…K), by the
    /// factors of `form`: the slow modes from the Schur system, then the stiff ones per node.
    mutating func correct(_ g: [Double]) -> [Double] {
        let K = degree, P = dimension, Sn = slow.count, Fn = stiff.count
        var delta = g
        var localRHS = [Double](repeating: 0, count: Fn), localSolution = localRHS
        // y_j = E_j⁻¹ g_j,f (the stiff modes' response to their own residual)
        var response = [Double](repeating: 0, count: K * Fn)
        if Fn > 0 {
            for j in 0..<K {
                for (f, kf) in stiff.enumerated() { localRHS[f] = g[j * P + kf] }
                local[j].solve(localRHS, into: &localSolution)
                for f in 0..<Fn { response[j * Fn + f] = localSolution[f] }
            }
        }
        if Sn > 0 {
            // rhs_ia = g_ia + Σ_j W^a_ij (D_j,sf y_j)_a
            var rhs = [Double](repeating: 0, count: K * Sn), h = [Double](repeating: 0, count: K * Sn)
            for j in 0..<K {
                for (a, ka) in slow.enumerated() {
                    var v = 0.0
                    for (f, kf) in stiff.enumerated() { v += nodeBlocks[j * P * P + ka * P + kf] * response[j * Fn + f] }
                    h[j * Sn + a] = v
                }
            }
            for i in 0..<K {
                for (a, ka) in slow.enumerated() {
                    var v = g[i * P + ka]
                    for j in 0..<K { v += weights[(a * K + i) * K + j] * h[j * Sn + a] }
                    rhs[i * Sn + a] = v
                }
            }
            solver.solve(rhs, into: &solution)
            for i in 0..<K { for (a, ka) in slow.enumerated() { delta[i * P + ka] = solution[i * Sn + a] } }
        }
        // δ_i,f = E_i⁻¹ (g_i,f − Λ_f⁻¹ D_i,fs δ_i,s) = y_i − reduced_i δ_i,s
        for i in 0..<K {
            for (f, kf) in stiff.enumerated() {
                var v = response[i * Fn + f]
                for (b, kb) in slow.enumerated() { v -= reduced[(i * Fn + f) * Sn + b] * delta[i * P + kb] }
                delta[i * P + kf] = v
            }
        }
        return delta
    }
}

/// LU factorization with partial pivoting of a dense N × N matrix of doubles (row-major `lu`,
/// filled by the caller), and the solve: the Newton matrix of `CollocationNewton`, whose size
/// K·S reaches hundreds, where the register-generic `LinearSolver` is too slow, and its stiff
/// blocks E_j (N = 0 factors and solves nothing).
struct DenseLU {
    let dimension: Int
    var lu: [Double]
    var pivot: [Int]

    init(dimension n: Int) {
        dimension = n
        lu = [Double](repeating: 0, count: n * n)
        pivot = Array(0..<n)
    }

    /// Factors `lu` in place; false if a pivot is zero or a factor is not finite.
    mutating func factor() -> Bool {
        let n = dimension
        return lu.withUnsafeMutableBufferPointer { a in
            for col in 0..<n {
                var r = col, best = Swift.abs(a[col * n + col])
                for row in (col + 1)..<Swift.max(col + 1, n) where Swift.abs(a[row * n + col]) > best {
                    best = Swift.abs(a[row * n + col]); r = row
                }
                guard best > 0, best.isFinite else { return false }
                pivot[col] = r
                if r != col { for j in 0..<n { a.swapAt(r * n + j, col * n + j) } }
                let inverse = 1 / a[col * n + col]
                for row in (col + 1)..<Swift.max(col + 1, n) {
                    let factor = a[row * n + col] * inverse
                    a[row * n + col] = factor
                    if factor == 0 { continue }
                    for j in (col + 1)..<n { a[row * n + j] -= factor * a[col * n + j] }
                }
            }
            return true
        }
    }

    /// x ← A⁻¹ b with the factors of `factor`.
    func solve(_ b: [Double], into x: inout [Double]) {
        let n = dimension
        for i in 0..<n { x[i] = b[i] }
        for col in 0..<n where pivot[col] != col { x.swapAt(col, pivot[col]) }
        lu.withUnsafeBufferPointer { a in
            for i in 0..<n {
                var v = x[i]
                for j in 0..<i { v -= a[i * n + j] * x[j] }
                x[i] = v
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var v = x[i]
                for j in (i + 1)..<n { v -= a[i * n + j] * x[j] }
                x[i] = v / a[i * n + i]
            }
        }
    }
}
