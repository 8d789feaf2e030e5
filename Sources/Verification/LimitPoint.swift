import MultiPrecision
import TwoLayerNet

/// What the recovery rule reads off one state θ at its working precision p
/// (proofs/recovery.md): the training loss, ‖∇L‖₂, dist(θ, Q*) and dist(θ, Q*_al), and the
/// spectrum of the training loss's Hessian with its uncertainty.
public struct LimitPoint<S: Scalar> {
    public let loss: S
    public let gradientNorm: S
    /// dist(θ, Q*) (nil unless tanh and m ≤ `FullTargetSetDistance.maximumWidth`) and its classes.
    public let targetSetDistance: S?
    public let targetSetRoles: [String]
    /// dist(θ, Q*_al) (nil beyond `TargetSetDistance.maximumWidth`) and the roles there.
    public let alignedDistance: S?
    public let alignedRoles: [String]
    /// The eigenvalues of ∇²L(θ), ascending, and max |H_ij|.
    public let eigenvalues: [S]
    public let hessianScale: S
    /// λ_min(J Jᵀ) of the n × P model Jacobian (nil when n > P) and max |(J Jᵀ)_ij|.
    public let gramLowest: S?
    public let gramScale: S
    public let sampleCount: Int
    /// The state's resolution u = 2^(−p+12)·max(1, ‖θ‖₂): the integrator's tolerance at p plus
    /// the rounding it accumulates (proofs/recovery.md, "resolution").
    public let resolution: S
    public let precision: Precision

    public init(_ theta: [S], problem: Problem<S>) {
        let p = problem.precision, network = problem.network
        var kernel = problem.makeLossKernel()
        var g = kernel.makeVector(), l = S(0, precision: p)
        kernel.gradient(at: theta, into: &g, loss: &l)
        loss = l
        gradientNorm = LimitPoint.norm(g)
        let full = FullTargetSetDistance(of: theta, network: network, target: problem.target)
        targetSetDistance = full?.distance
        targetSetRoles = full?.roles ?? []
        let aligned = TargetSetDistance(of: theta, network: network, target: problem.target)
        alignedDistance = aligned?.distance
        alignedRoles = aligned?.roles.map(\.description) ?? []
        let h = kernel.hessian(at: theta)
        eigenvalues = JacobiEigenvalues.of(h, size: network.parameterCount)
        hessianScale = h.reduce(S(0, precision: p)) { Swift.max($0, S.abs($1)) }
        let n = problem.data.sampleCount, P = network.parameterCount
        let J = kernel.jacobian(at: theta)
        let gram = (0..<(n * n)).map { e in (0..<P).reduce(S(0, precision: p)) { $0 + J[(e / n) * P + $1] * J[(e % n) * P + $1] } }
        gramScale = gram.reduce(S(0, precision: p)) { Swift.max($0, S.abs($1)) }
        gramLowest = n <= P ? JacobiEigenvalues.of(gram, size: n).first : nil
        sampleCount = n
        resolution = LimitPoint.resolution(theta, precision: p)
        precision = p
    }

    /// The resolution u = 2^(−p+12)·max(1, ‖θ‖₂) (proofs/recovery.md, "The quantities").
    static func resolution(_ theta: [S], precision p: Precision) -> S {
        Swift.max(S(1, precision: p), LimitPoint.norm(theta)) / S.pow(S(2, precision: p), p.bits - 12)
    }

    /// The distance the rule decides by: dist(θ, Q*), else the upper bound dist(θ, Q*_al).
    public var distance: S? { targetSetDistance ?? alignedDistance }

    /// The same distance for a state θ alone, without the rest of the point: dist(θ, Q*) where
    /// Q* is searched, else dist(θ, Q*_al).
    static func distance(_ theta: [S], problem: Problem<S>) -> S? {
        FullTargetSetDistance(of: theta, network: problem.network, target: problem.target)?.distance
            ?? TargetSetDistance(of: theta, network: problem.network, target: problem.target)?.distance
    }

    /// The eigenvalues' uncertainty τ for a limit within `motion` of θ: rounding (Jacobi and
    /// the Hessian's evaluation, P·2^(−p+12)·max(1, max|H_ij|)) plus the Hessian's change over
    /// the remaining motion, estimated as max|H_ij|·motion (an O(1) third derivative, assumed).
    public func eigenvalueUncertainty(motion: S) -> S {
        let p = precision
        let P = S(eigenvalues.count, precision: p)
        let rounding = P * Swift.max(S(1, precision: p), hessianScale) / S.pow(S(2, precision: p), p.bits - 12)
        return rounding + hessianScale * motion
    }

    /// A bound on ‖θ∞ − θ‖ from θ alone (proofs/recovery.md, "static bound"), the smaller of:
    /// - *PL*: when J has full row rank (λ_min(J Jᵀ) = σ² above 16 times its rounding), the
    ///   training loss satisfies ‖∇L‖² ≥ 2(σ²/n) L, so the remaining path is at most
    ///   √(2nL)/σ (`plBound`);
    /// - *strict minimum*: when λ_min(∇²L) = λ is above 16τ, the Newton bound 2‖∇L‖/λ
    ///   (`newtonBound`).
    /// Plus the resolution u. Nil when neither applies (a degenerate point).
    public var staticMotionBound: S? {
        let sixteen = S(16, precision: precision)
        var bounds: [S] = []
        if let g2 = gramLowest, g2 > sixteen * gramRounding, let b = plBound(gram: g2) { bounds.append(b) }
        let tau = eigenvalueUncertainty(motion: resolution)
        if let lowest = eigenvalues.first, lowest > sixteen * tau, let b = newtonBound(lowest: lowest) { bounds.append(b) }
        return bounds.min().map { $0 + resolution }
    }

    /// The rounding of λ_min(J Jᵀ): n·max(1, max|(J Jᵀ)_ij|)·2^(−p+12).
    var gramRounding: S {
        let p = precision
        return S(sampleCount, precision: p) * Swift.max(S(1, precision: p), gramScale) / S.pow(S(2, precision: p), p.bits - 12)
    }

    /// The PL bound √(2nL)/σ for λ_min(J Jᵀ) = σ² = `g2`; nil unless 16 times it is below σ
    /// (σ holds over the path, J's Lipschitz constant taken O(1)). The condition is
    /// 16√(2nL) ≤ σ²: it holds for every σ² above the first that passes.
    func plBound(gram g2: S) -> S? {
        let p = precision
        let sigma = S.sqrt(g2)
        let b = S.sqrt(S(2 * sampleCount, precision: p) * S.abs(loss)) / sigma
        return S(16, precision: p) * b <= sigma ? b : nil
    }

    /// The Newton bound 2‖∇L‖/λ at a strict minimum with λ_min(∇²L) = λ; nil unless
    /// 16·max(1, max|H_ij|) times it is below λ (a condition that, too, only gets easier as λ grows).
    func newtonBound(lowest: S) -> S? {
        let p = precision
        let b = S(2, precision: p) * gradientNorm / lowest
        return S(16, precision: p) * Swift.max(S(1, precision: p), hessianScale) * b <= lowest ? b : nil
    }

    /// Whether a higher precision could read this state differently (proofs/recovery.md,
    /// "Escalation"): some quantity the rule compares is not resolved at p, i.e. δ ≤ 16u, the
    /// loss ≤ u or ‖∇L‖ ≤ 16·max(1, max|H_ij|)·u (rounding-level, possibly 0 at a higher p), or
    /// σ² = λ_min(J Jᵀ) (λ_min(∇²L)) within its rounding threshold while the PL (Newton) bound
    /// would hold at twice that threshold, the most a higher precision could find there, or
    /// δ* ≤ 4B_s only by the u inside B_s (δ* > 2(B_s − u)).
    public var unresolved: Bool {
        let p = precision, sixteen = S(16, precision: p), twice = S(32, precision: p), u = resolution
        if let delta = distance, delta <= sixteen * u { return true }
        if let bs = staticMotionBound, let ds = targetSetDistance, ds <= S(4, precision: p) * bs,
           ds > S(2, precision: p) * (bs - u) { return true }
        if S.abs(loss) <= u || gradientNorm <= sixteen * Swift.max(S(1, precision: p), hessianScale) * u { return true }
        if let g2 = gramLowest, g2 <= sixteen * gramRounding, plBound(gram: twice * gramRounding) != nil { return true }
        let tau = eigenvalueUncertainty(motion: u)
        if let lowest = eigenvalues.first, lowest <= sixteen * tau, newtonBound(lowest: twice * tau) != nil { return true }
        return false
    }

    static func norm(_ v: [S]) -> S {
        guard let first = v.first else { return S(0, precision: .double) }
        return S.sqrt(v.reduce(S(0, precision: first.precision)) { $0 + $1 * $1 })
    }
}

extension LimitPoint {
    /// log10 of a positive value (−∞ for 0), read in double (exponents fit for p ≤ 1000).
    static func log10(_ x: S) -> Double {
        x.isZero ? -.infinity : S.log(S.abs(x)).doubleValue / 2.302585092994046
    }

    /// A few significant digits, exact exponent (for reasons).
    static func text(_ x: S?) -> String? { x.map { $0.decimal(significantDigits: 4) } }
    /// Every digit of the working precision (for evidence: claims difference these values).
    static func full(_ x: S?) -> String? { x.map(\.description) }
}
