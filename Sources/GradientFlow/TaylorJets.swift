import Dispatch
import MultiPrecision
import TwoLayerNet

/// Taylor coefficients of the gradient-flow solution of the two-layer network (proofs/THEORY.md §1)
/// through a point, by automatic differentiation with jet recurrences (the "Taylor method" of
/// Jorba & Zou 2005; the decomposition heyoka uses).
///
/// With `θ(t₀ + τ) = Σ_k θ_k τ^k` and the field F = −∇L, the coefficients obey
/// `θ_{k+1} = F_k / (k + 1)`, where F_k, the k-th coefficient of F(θ(t₀ + τ)), depends only on
/// θ_0…θ_k. Every intermediate of the model is carried as a jet (its coefficients 0…K):
///
///     u_ik = w̃_kᵀx̃_i                    (linear: coefficient by coefficient)
///     t_ik = σ(u_ik),  s_ik = σ'(u_ik)
///       tanh:   t_0 = tanh u_0,  s = 1 − t²:  k·t_k = Σ_{j=1..k} (j u_j) s_{k−j},
///               s_0 = 1 − t_0²,  s_k = −Σ_{j=0..k} t_j t_{k−j}  (k ≥ 1)
///       linear, relu, leaky relu (activation pattern frozen at the expansion point):
///               t = c·u, s = c  with the slope c ∈ {1, 0, slope} of u_0's side
///     e_i = Σ_k a_k t_ik − y_i                                       (Cauchy products)
///     a_k' = −(1/n) Σ_i e_i t_ik
///     r_ik = e_i s_ik,  g_kj = Σ_i r_ik x̃_ij,  w̃_kj' = −(1/n) a_k g_kj
///
/// Cost: about (4.5·n·m + m·D)·K²/2 multiply-adds for order K (P1 at 256 bits, K = 89: 3·10^5
/// per step). For BigFloat every sum of products (Cauchy products, u = w̃ᵀx̃, the sums over
/// samples) is accumulated exactly in fixed point and rounded once (`ExactDot`, ≈ 2.3×
/// faster than fma chains, and more accurate); `exactDots = false` selects the fma chains.
/// Allocation-free after `init` with one worker (the jet registers are allocated for
/// `maximumOrder` and regrown only when a higher order is requested; more workers allocate a
/// closure per phase). Parameters are in the order of `TwoLayerNetwork` (neuron by neuron:
/// a_k, w_k1…w_kd, [b_k]); the bias is the extended input coordinate x̃_{i,d} = 1.
///
/// **Relu / leaky relu.** The coefficients are those of the flow *with the activation pattern
/// of the expansion point* (sign of u_ik(t₀); at u = 0 the kernels' left-derivative convention,
/// slope 0 for relu and `slope` for leaky relu). They are the true solution's only up to the
/// first time some u_ik(t₀ + τ) changes sign; `firstPatternChange(before:)` locates it on the
/// jets' polynomials u_ik(τ) so that a driver can end the step there.
///
/// **Threads.** With `threadCount` = T > 1 each level runs as two phases on a `LevelTeam` of T
/// threads: the samples' u, σ, σ', e, r, then the neurons' sums over the samples and θ's next
/// order, each phase split into contiguous blocks (`TaylorJetLayout`). Every coefficient is
/// computed whole by one worker, so the coefficients are the same bits for any T. The team's
/// helpers poll for the next phase instead of being woken by the kernel, which is what makes
/// sharing levels this short pay (`flowverify-bench N jets` measures it). When another process
/// holds a core the team can be slower than one thread, so by default each compute runs on the
/// team or on the caller alone, whichever has been cheaper (`choosesTeamByCost`, `TeamChoice`).
///
/// Not thread-safe itself: one instance per thread.
public struct TaylorJets<S: Scalar> {
    public let network: TwoLayerNetwork
    public let precision: Precision
    public let sampleCount: Int
    /// The highest order the registers hold (grown by `reserve(order:)`).
    public var maximumOrder: Int { layout.L - 1 }
    /// The order of the last `compute`.
    public var order: Int { currentOrder }
    @usableFromInline var currentOrder: Int = -1
    /// Workers per level (1…n); see the type's documentation.
    public var threadCount: Int {
        get { layout.threads }
        set {
            let T = Swift.max(1, Swift.min(newValue, sampleCount, 64))
            if T != layout.threads {
                allocate(order: maximumOrder, threads: T, exactDots: layout.exact != nil)
                team = T > 1 ? LevelTeam(threads: T) : nil
                teamChoice = TeamChoice()
            }
        }
    }

    /// The threads of the levels' phases when `threadCount` > 1.
    @usableFromInline var team: LevelTeam?

    /// With a team: whether each `compute` chooses between the team and the calling thread alone
    /// by their measured cost (`TeamChoice`; the default), or always runs on the team (`false`).
    /// The coefficients are the same bits either way.
    public var choosesTeamByCost = true
    @usableFromInline var teamChoice = TeamChoice()

    /// 0 tanh, 1 piecewise linear with frozen pattern (linear, relu, leaky relu).
    @usableFromInline let kind: Int
    /// Data registers: x̃ (n × D, row-major), y (n), slopes [0] the negative side's slope (0 relu,
    /// `slope` leaky, 1 linear), [1] = 1, [2] = 0, [3] = 2^−(p−32) (what counts as zero for
    /// u_ik relative to Σ_j |w̃_kj x̃_ij|), [4], [5] scratch, and c_ik (n·m), the frozen slopes.
    @usableFromInline let dataFile: RegisterFile<S>
    @usableFromInline var jetFile: RegisterFile<S>
    @usableFromInline var layout: TaylorJetLayout<S>
    /// The frozen activation pattern, index i·m + k (piecewise linear only).
    @usableFromInline var pattern: [Bool]

    /// For relu / leaky relu: the side to freeze for pair i·m + k at the next `compute` when its
    /// u_ik is zero to rounding (|u_ik| ≤ 2^−(p−32) Σ_j |w̃_kj x̃_ij|); otherwise ignored. Set by
    /// `TaylorStepper` after a step that ended on a located sign change of u_ik, so that the
    /// next step takes the new side even if the rounded state's u_ik still has the old sign
    /// (without it, such a state would be stepped by ever shorter steps). Cleared by `compute`.
    public var patternOverride: (index: Int, active: Bool)?

    /// Jets for `network` on `data`, at `precision` (the data are copied into registers at that
    /// precision), with registers for orders up to `maximumOrder`, and `threadCount` workers.
    public init(network: TwoLayerNetwork, data: Dataset<S>, precision: Precision, maximumOrder: Int = 32,
                threadCount: Int = 1) {
        precondition(data.inputDimension == network.inputDimension, "data dimension ≠ network input dimension")
        self.network = network
        self.precision = precision
        let n = data.sampleCount, m = network.width, D = network.extendedInputDimension
        sampleCount = n
        let d = network.inputDimension
        let file = RegisterFile<S>(count: n * D + n + 6 + n * m, precision: precision)
        dataFile = file
        let x = file.take(n * D), y = file.take(n), slopes = file.take(6), c = file.take(n * m)
        slopes[1].set(1)
        slopes[3] = S(Rational.pow(Rational(2), -Swift.max(1, precision.bits - 32)), precision: precision)
        switch network.activation {
        case .tanh: kind = 0
        case .linear: kind = 1; slopes[0].set(1)
        case .relu: kind = 1; slopes[0].set(0)
        case .leakyRelu(let slope): kind = 1; slopes[0] = S(slope, precision: precision)
        case .expression:
            preconditionFailure("TaylorJets: expression-defined activations are not supported (use the extrapolation integrator)")
        }
        for i in 0..<n {
            for j in 0..<d { x[i * D + j].set(data.inputs[i * d + j]) }
            if network.hasBias { x[i * D + d].set(1) }
            y[i].set(data.labels[i])
        }
        pattern = [Bool](repeating: true, count: n * m)
        let T = Swift.max(1, Swift.min(threadCount, n, 64))
        team = T > 1 ? LevelTeam(threads: T) : nil
        let L = Swift.max(1, maximumOrder) + 1
        let (f, lay) = TaylorJetLayout<S>.allocate(network: network, sampleCount: n, L: L, threads: T, kind: kind,
                                                   x: x, y: y, slopes: slopes, c: c, precision: precision,
                                                   exactDots: true)
        jetFile = f
        layout = lay
    }

    /// For BigFloat with exact dots: compute coefficient k with the bits it needs for a step of
    /// the order's tolerance (`TaylorStepSize.coefficientBits`; the operands of its Cauchy
    /// products are shortened) instead of all bits, which saves more the higher the precision
    /// (`make bench-precision`). The step's polynomial keeps its accuracy, the high coefficients
    /// themselves do not. Off by default (the coefficients are then exact to rounding);
    /// `TaylorStepper` turns it on.
    public var truncatesCoefficients = false

    /// For BigFloat: accumulate the Cauchy products in fixed point with one rounding
    /// (`ExactDot`, the default) or as chains of `fma` (`false`; the reference path).
    public var exactDots: Bool {
        get { layout.exact != nil || S.self != BigFloat.self }
        set { if newValue != exactDots { allocate(order: maximumOrder, threads: layout.threads, exactDots: newValue) } }
    }

    mutating func allocate(order K: Int, threads T: Int, exactDots: Bool? = nil) {
        let (f, lay) = TaylorJetLayout<S>.allocate(network: network, sampleCount: sampleCount, L: K + 1, threads: T,
                                                   kind: kind, x: layout.x, y: layout.y, slopes: layout.slopes,
                                                   c: layout.c, precision: precision, exactDots: exactDots ?? true)
        jetFile = f
        layout = lay
        currentOrder = -1
    }

    /// Makes room for jets of order `K` (allocates when K exceeds `maximumOrder`; set-up cost).
    public mutating func reserve(order K: Int) {
        guard K > maximumOrder else { return }
        allocate(order: K, threads: layout.threads, exactDots: layout.exact != nil)
    }

    /// θ_k of parameter `j` from the last `compute` (a new value).
    public func coefficient(_ k: Int, parameter j: Int) -> S {
        precondition(k >= 0 && k <= order && j >= 0 && j < layout.P, "coefficient (\(k), \(j)) not computed")
        return S(layout.th[j * layout.L + k], precision: precision)
    }

    /// θ_0…θ_K of every parameter, row k = coefficient k (new values; tests and diagnostics).
    public func coefficients() -> [[S]] {
        (0...order).map { k in (0..<layout.P).map { j in S(layout.th[j * layout.L + k], precision: precision) } }
    }

    /// True for relu and leaky relu, whose activation pattern can change within a step.
    public var hasKinks: Bool {
        switch network.activation {
        case .relu, .leakyRelu: return true
        default: return false
        }
    }

    /// The activation pattern frozen by the last `compute` (piecewise-linear activations):
    /// true where sample i is on the slope-1 side of neuron k (u_ik > 0), index i·m + k.
    public var activationPattern: [Bool] { pattern }

    /// Computes θ_0 = θ, θ_1, …, θ_K, the Taylor coefficients at τ = 0 of the flow through θ
    /// (`θ` is rounded to the jets' precision).
    @inlinable
    @_specialize(where S == Double)
    @_specialize(where S == BigFloat)
    public mutating func compute(at theta: UnsafeBufferPointer<S>, order K: Int) {
        precondition(theta.count == layout.P, "θ has \(theta.count) entries, expected \(layout.P)")
        precondition(K >= 1, "order must be at least 1")
        reserve(order: K)
        currentOrder = K
        let lay = layout
        let L = lay.L, P = lay.P, truncating = truncatesCoefficients
        for j in 0..<P { lay.th[j * L].set(theta[j]) }
        defer { patternOverride = nil }
        func bits(_ lvl: Int) -> Int { TaylorJetLayout<S>.productBits(level: lvl, order: K, truncating: truncating) }
        if kind == 1 { freezePattern(productBits: bits(0)) }
        let onTeam = team != nil && (!choosesTeamByCost || teamChoice.usesTeam)
        let start = team != nil ? DispatchTime.now().uptimeNanoseconds : 0
        team?.resetClock()
        for lvl in 0..<K {
            // θ's order lvl + 1 takes the products of that order (the last, of order K − 1).
            let sampleBits = bits(lvl), nextBits = bits(Swift.min(lvl + 1, K - 1))
            if onTeam, let team {
                team.run { w in lay.sampleLevel(lvl, worker: w, productBits: sampleBits) }
                team.run { w in lay.neuronLevel(lvl, worker: w, productBits: sampleBits, nextBits: nextBits) }
            } else {
                // Every worker's block in turn on the caller (the blocks are the layout's).
                for w in 0..<lay.threads { lay.sampleLevel(lvl, worker: w, productBits: sampleBits) }
                for w in 0..<lay.threads { lay.neuronLevel(lvl, worker: w, productBits: sampleBits, nextBits: nextBits) }
            }
        }
        if let team {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            teamChoice.record(team: onTeam, seconds: seconds, order: K, waitShare: Double(team.wait) / Double(team.work))
        }
        // u_ik[K] (for the pattern-change search on the polynomials u_ik(τ)).
        lay.exact?[0].truncateProducts(toBits: bits(K))
        lay.linearLevel(K, samples: 0..<lay.n, worker: 0)
    }

    /// Piecewise-linear activations: freezes the activation pattern at τ = 0 (left derivative
    /// at the kink: u ≤ 0 takes slopes[0]), honouring `patternOverride`, into the slopes c_ik.
    @usableFromInline
    mutating func freezePattern(productBits: Int) {
        let lay = layout, L = lay.L
        lay.exact?[0].truncateProducts(toBits: productBits)
        lay.linearLevel(0, samples: 0..<lay.n, worker: 0)
        for ik in 0..<(lay.n * lay.m) {
            pattern[ik] = lay.u[ik * L] > lay.slopes[2]
        }
        if let o = patternOverride, o.index >= 0, o.index < lay.n * lay.m, pattern[o.index] != o.active {
            // |u_ik| ≤ 2^−(p−32) Σ_j |w̃_kj x̃_ij| ?
            let i = o.index / lay.m, k = o.index % lay.m
            let th = lay.th, bound = lay.slopes + 4, term = lay.slopes + 5
            bound.pointee.set(0)
            for j in 0..<lay.D {
                term.pointee.mul(th[(k * lay.q + 1 + j) * L], lay.x[i * lay.D + j])
                term.pointee.abs(term.pointee)
                bound.pointee.add(bound.pointee, term.pointee)
            }
            bound.pointee.mul(bound.pointee, lay.slopes[3])
            term.pointee.abs(lay.u[o.index * L])
            if term.pointee <= bound.pointee { pattern[o.index] = o.active }
        }
        for ik in 0..<(lay.n * lay.m) { lay.c[ik].set(lay.slopes[pattern[ik] ? 1 : 0]) }
    }

    /// Array form of `compute(at:order:)`.
    @inlinable
    public mutating func compute(at theta: [S], order K: Int) {
        theta.withUnsafeBufferPointer { compute(at: $0, order: K) }
    }

    // MARK: The polynomial

    /// out ← Σ_{k=0..K} θ_k h^k (Horner), the order-K Taylor polynomial of the last `compute` at
    /// τ = h; `out` holds caller-created registers.
    @inlinable
    public func evaluate(at h: S, into out: UnsafeMutableBufferPointer<S>) {
        precondition(order >= 1 && out.count == layout.P)
        let K = order, L = layout.L, th = layout.th, P = layout.P
        for j in 0..<P {
            let c = th + j * L
            out[j].set(c[K])
            for k in stride(from: K - 1, through: 0, by: -1) { out[j].fma(out[j], h, c[k]) }
        }
    }

    /// Array form of `evaluate(at:into:)`.
    @inlinable
    public func evaluate(at h: S, into out: inout [S]) {
        out.withUnsafeMutableBufferPointer { evaluate(at: h, into: $0) }
    }

    /// out ← ‖θ_k‖∞ (of the last `compute`); `scratch` is a caller register (no allocation).
    @inlinable
    public func maxNorm(ofCoefficient k: Int, into out: inout S, scratch: inout S) {
        out.set(0)
        let L = layout.L, th = layout.th
        for j in 0..<layout.P {
            scratch.abs(th[j * L + k])
            if scratch > out { out.set(scratch) }
        }
    }

    /// For piecewise-linear activations: the smallest τ in (0, h] at which some u_ik(τ) (the
    /// polynomial of the last `compute`) changes sign, located by bisection to the working
    /// precision, and the index i·m + k of that pair; nil if no sign change is seen. Sign
    /// changes are looked for on a grid of `samples` points, so an even number of roots between
    /// two grid points is missed (a tangency, or two crossings closer than h/samples).
    public func firstPatternChange(before h: S, samples: Int = 16) -> (time: S, index: Int)? {
        guard hasKinks, order >= 1 else { return nil }
        let p = precision
        let zero = S(0, precision: p)
        let u = layout.u, L = layout.L, order = order
        func uAt(_ ik: Int, _ tau: S) -> S {
            let c = u + ik * L
            var v = S(c[order], precision: p)
            for k in stride(from: order - 1, through: 0, by: -1) { v.fma(v, tau, c[k]) }
            return v
        }
        var best: (S, Int)? = nil
        for ik in 0..<(layout.n * layout.m) {
            // The pattern at τ = 0 (u ≤ 0: slope side 0).
            let active = pattern[ik]
            var lo = S(0, precision: p)
            for step in 1...samples {
                let tau = h * S(step, precision: p) / S(samples, precision: p)
                if let b = best, tau > b.0 { break }
                let v = uAt(ik, tau)
                if (v > zero) != active {
                    // Bisection on (lo, tau].
                    var a = lo, b = tau
                    for _ in 0..<(p.bits + 8) {
                        let mid = (a + b) / S(2, precision: p)
                        if !(mid > a && mid < b) { break }
                        if (uAt(ik, mid) > zero) != active { b = mid } else { a = mid }
                    }
                    if best == nil || b < best!.0 { best = (b, ik) }
                    break
                }
                lo = tau
            }
        }
        return best.map { (time: $0.0, index: $0.1) }
    }
}
