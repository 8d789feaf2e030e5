import Foundation
import MultiPrecision

/// One step of exponential collocation for the stiff convergence tail (the exponential
/// Runge–Kutta collocation methods of Hochbruck & Ostermann, *Exponential integrators*, Acta
/// Numerica 19 (2010), §2.3, solved by fixed-point iteration as in exponential spectral deferred
/// correction, Buvoli, SIAM J. Sci. Comput. 42 (2020)).
///
/// With J = QΛQᵀ the (symmetric) Jacobian at the step start y₀ and u = Qᵀ(y − y₀), the flow is
///     u' = Λu + f₀ + r(t),   f₀ = QᵀF(y₀),   r = Qᵀ(F(y) − F(y₀)) − Λu   (the nonlinear remainder),
/// solved exactly by variation of constants: u_k(τ) = τφ₁(τλ_k) f₀_k + ∫₀^τ e^((τ−s)λ_k) r_k(s) ds.
/// r is replaced by its interpolant on K + 1 nodes c_j·H (c₀ = 0, where r = 0, … c_K = 1), whose
/// exponentially weighted integrals are φ-functions: ∫₀^τ e^((τ−s)λ) s^m ds = m! τ^(m+1) φ_(m+1)(τλ).
/// The node values are iterated to a fixed point (the contraction is H·‖J(y) − J(y₀)‖, small in
/// the nearly linear tail), each iterate mixed with the last few (`AndersonMixing`, depth
/// `FlowOptions.collocationMixing`, 4 by default: in algebraic tails, where J drifts over a long
/// step, the plain iteration stalls and its step is rejected) or, once an accepted step's
/// iteration contracted slowly, corrected by Newton's method (`CollocationNewton`,
/// `CollocationNewtonMode`: near saddles the contraction through the stiff modes otherwise caps
/// the step), started from the previous step's node states extrapolated
/// (`CollocationStartingGuess`) when this step continues it, else from u = 0. Every time scale
/// e^(−τλ) is exact, so the step is limited only by how well a degree-K polynomial resolves the
/// slow remainder r — not by the stiff scale 1/λ_max, and
/// the slaved fast components carry the full quasi-static expansion (−g/λ − g'/λ² − …) up to
/// degree K. Error estimate: the degree-K Chebyshev coefficient of r, weighted by
/// min(H, 1/|λ_k|) (the bound of the weighted integral).
///
/// The integrals are applied in two factors, u_k(c_i H) = Σ_m M_kim b_km with the moments
/// M_kim = ∫₀^(c_i H) e^((c_i H − s)λ_k) (s/H)^m ds and the monomial coefficients
/// b_km = Σ_j ℓ_jm r_jk of r's interpolant: 2K² multiply-adds per component and iteration,
/// where the K × K weight matrix Σ_m M_kim ℓ_jm would cost K³ to form at every step and
/// change of H. Both factors are carried at 2K + 64 extra bits (the monomial form of the
/// Lagrange basis is ill-conditioned), so the method is for BigFloat; Double keeps the
/// extrapolation methods. Every sum of products (Qᵀv, y₀ + Qu, b, u, r) is one `DotAccumulator`:
/// for BigFloat exact in fixed point and rounded once into its register.
///
/// The loops over nodes (the remainders), over components (the node values) and over
/// eigenvalues (the moments) run on `FlowOptions.workers` threads (`CollocationLanes`), each
/// node or component computed by one thread alone, so the results are the same bits for any
/// number of threads.
///
/// The hot registers live in two `RegisterFile`s (working and extended precision) addressed by
/// pointer: a copy of the stepper shares them, so each copy must stay with one integrator.
public struct ExponentialCollocationStepper<System: FlowSystem> {
    public typealias S = System.Value
    public let dimension: Int
    /// Interpolation degree K (nodes c₀ = 0 … c_K = 1).
    public let degree: Int
    public let precision: Precision
    let extended: Precision
    /// Nodes c_j (Chebyshev–Lobatto points of [0, 1], rounded to Double: exact, distinct), at
    /// the extended precision.
    var nodes: [S]
    /// Lagrange basis in monomial form: ℓ_j(σ) = Σ_m lagrange[j(K+1) + m] σ^m (extended precision).
    let lagrange: UnsafeMutablePointer<S>
    /// moments[(k·K + i − 1)(K + 1) + m] = ∫₀^(c_i H) e^((c_i H − s)λ_k) (s/H)^m ds (i = 1…K,
    /// m = 0…K; extended precision), and linear[k(K+1) + i] = c_i H φ₁(c_i H λ_k).
    let moments: UnsafeMutablePointer<S>, linear: UnsafeMutablePointer<S>
    /// The node values u[jP + k] and remainders r[jP + k] (j = 0…K), the eigenvectors q
    /// (row-major, copied from the eigensystem), eigenvalues λ and start y₀ of the prepared
    /// step, f₀ = QᵀF(y₀), and a difference of states.
    let u: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, q: UnsafeMutablePointer<S>
    let lambdas: UnsafeMutablePointer<S>, start: UnsafeMutablePointer<S>, f0: UnsafeMutablePointer<S>
    let difference: UnsafeMutablePointer<S>
    let working: RegisterFile<S>, extendedRegisters: RegisterFile<S>
    let dots: DotAccumulator<S>
    /// The iteration's node and component loops, over `workers` threads (the same bits for any
    /// number).
    var lanes: CollocationLanes<System>
    public var workers: Int { lanes.workers }
    var eigensystem: SymmetricEigensystem<S>
    var jacobian: [S]
    var state: [S]
    var t0: S, t1: S, t2: S
    /// The state at t + H after an accepted `step`.
    public var result: [S]
    public private(set) var evaluations = 0
    /// Fixed-point iterations run (each one update of the node values and, but for the last,
    /// K field evaluations).
    public private(set) var fixedPointIterations = 0
    /// The mean contraction per update of the last converged iteration: the geometric mean of
    /// the ratios of successive changes of u_K (NaN when it converged on its first measured
    /// update or did not converge).
    public private(set) var contraction = Double.nan
    /// The contraction the step-size control aims the iteration at (`FlowOptions.collocationContraction`;
    /// 0: the error estimate alone sets the next step).
    public let contractionTarget: Double
    /// Start the iteration from the previous step's extrapolated node states
    /// (`CollocationStartingGuess`) when this step continues it; false: from y₀ (r = 0).
    public var extrapolatesStart = true
    var guess: CollocationStartingGuess<S>
    var nodeStates: [[S]]
    /// Anderson mixing of the node values u_1 … u_K (`AndersonMixing`; depth 0: the plain
    /// iteration), and the iterate it mixes from.
    var mixing: AndersonMixing<S>
    let previous: UnsafeMutablePointer<S>
    /// Jacobians formed (and eigendecomposed): one per distinct start y.
    public private(set) var jacobianEvaluations = 0
    /// The step of the current moments (`prepare`; their start is `start`).
    var preparedStep: S
    /// When the iteration is corrected by Newton's method (`CollocationNewtonMode`), the
    /// correction once active (nil: the mixed iteration), the eigenvectors in double, the
    /// system rounded to Double that forms its Jacobians (`FlowSystem.roundedToDouble`; without
    /// one, Jacobian registers at the working precision, created at the first use), and the node
    /// Jacobians it formed.
    public let newtonMode: CollocationNewtonMode
    var newton: CollocationNewton<S>?
    var vectorsInDouble: [Double] = []
    var systemInDouble: (any FlowSystem<Double>)?
    var nodeJacobian: [S] = []
    public private(set) var newtonJacobians = 0
    /// True once the Newton correction is in use (from the start for `.on`; for `.automatic`
    /// from the first accepted step whose plain iteration contracted by less than
    /// `CollocationNewtonMode.activation` per update).
    public var newtonActive: Bool { newton != nil }
    var eigensystemReady = false, momentsReady = false

    /// `acceleration`: the number of past iterates the fixed-point iteration mixes
    /// (`AndersonMixing`; 0: plain); `contractionTarget`, `newton`: see the properties;
    /// `eigensystemStartsInDouble`: `SymmetricEigensystem.startsFromDouble`; `workers`: threads
    /// for the iteration's loops (`CollocationLanes`).
    public init(dimension: Int, degree: Int, precision: Precision, acceleration: Int = 4, contractionTarget: Double = 0.1,
                newton: CollocationNewtonMode = .automatic, eigensystemStartsInDouble: Bool = true, workers: Int = 1) {
        self.dimension = dimension
        self.contractionTarget = contractionTarget
        newtonMode = newton
        self.degree = degree
        self.precision = precision
        extended = (try? precision.adding(2 * degree + 64)) ?? precision
        let e = extended, K = degree
        func reg(_ p: Precision) -> S { S(0, precision: p) }
        nodes = (0...K).map { j in S((1 - Foundation.cos(Double(j) * Double.pi / Double(K))) / 2, precision: e) }
        // lagrange[j(K+1) + m]: solve V x = e_j with V[i][m] = c_i^m.
        var solver = LinearSolver<S>(dimension: K + 1, precision: e)
        for i in 0...K {
            var power = S(1, precision: e)
            for m in 0...K { solver.lu[i * (K + 1) + m].set(power); power = power * nodes[i] }
        }
        _ = solver.factorInPlace()
        let P = dimension
        working = RegisterFile(count: 2 * (K + 1) * P + K * P + P * (K + 1) + P * P + 4 * P, precision: precision)
        u = working.take((K + 1) * P); r = working.take((K + 1) * P); linear = working.take(P * (K + 1))
        q = working.take(P * P); lambdas = working.take(P); start = working.take(P); f0 = working.take(P)
        difference = working.take(P); previous = working.take(K * P)
        mixing = AndersonMixing(count: K * P, depth: acceleration, precision: precision)
        extendedRegisters = RegisterFile(count: (K + 1) * (K + 1) + P * K * (K + 1), precision: e)
        lagrange = extendedRegisters.take((K + 1) * (K + 1))
        moments = extendedRegisters.take(P * K * (K + 1))
        lanes = CollocationLanes(P: P, K: K, workers: workers, precision: precision, extended: e, nodes: nodes, u: u, r: r, q: q,
                                 lambdas: lambdas, start: start, f0: f0, lagrange: lagrange, moments: moments, linear: linear)
        dots = DotAccumulator(precision: e)
        for j in 0...K {
            let unit = (0...K).map { S($0 == j ? 1 : 0, precision: e) }
            var x = (0...K).map { _ in reg(e) }
            solver.solve(unit, into: &x)
            for m in 0...K { lagrange[j * (K + 1) + m].set(x[m]) }
        }
        eigensystem = SymmetricEigensystem(dimension: dimension, precision: precision, startsFromDouble: eigensystemStartsInDouble)
        jacobian = (0..<(dimension * dimension)).map { _ in reg(precision) }
        state = (0..<dimension).map { _ in reg(precision) }
        result = (0..<dimension).map { _ in reg(precision) }
        preparedStep = reg(precision)
        guess = CollocationStartingGuess(nodes: nodes, dimension: dimension, precision: precision)
        nodeStates = (0...K).map { _ in (0..<dimension).map { _ in reg(precision) } }
        t0 = reg(precision); t1 = reg(precision); t2 = reg(precision)
        if newton == .on { activateNewton() }
    }

    /// Starts the Newton correction; the next `prepare` forms its weights.
    mutating func activateNewton() {
        guard newton == nil else { return }
        newton = CollocationNewton(nodes: nodes, dimension: dimension)
        vectorsInDouble = (0..<(dimension * dimension)).map { q[$0].doubleValue }
        momentsReady = false
    }

    /// Prepares the moments for step H from y (the Jacobian's eigendecomposition, copied into
    /// `q` and `lambdas`, and the φ-function integrals). False if the eigendecomposition failed.
    /// A retry from the same y (a rejected step, dense output) keeps the eigensystem, which
    /// depends on y only, and the moments too when H is also the same: the integrator's system
    /// is fixed, so the same (y, H) gives the same moments bit for bit.
    mutating func prepare(_ system: inout System, from y: [S], step H: S) -> Bool {
        let P = dimension
        if !(eigensystemReady && (0..<P).allSatisfy({ start[$0] == y[$0] })) {
            eigensystemReady = false
            momentsReady = false
            system.fieldJacobian(at: y, into: &jacobian)
            jacobianEvaluations += 1
            guard eigensystem.decompose(jacobian) else { return false }
            for i in 0..<P {
                start[i].set(y[i]); lambdas[i].set(eigensystem.eigenvalues[i])
            }
            for i in 0..<(P * P) { q[i].set(eigensystem.vectors[i]) }
            if newton != nil { vectorsInDouble = (0..<(P * P)).map { q[$0].doubleValue } }
            eigensystemReady = true
        }
        if momentsReady && preparedStep == H { return true }
        momentsReady = false
        lanes.prepareMoments(step: H)
        preparedStep.set(H)
        momentsReady = true
        let eigenvalues = (0..<P).map { lambdas[$0].doubleValue }
        newton?.prepare(step: H.doubleValue, eigenvalues: eigenvalues)
        return true
    }

    /// One step y → y(t + H). Returns the scaled error estimate (≤ 1: accept; +∞: the
    /// iteration did not contract or the eigendecomposition failed).
    public mutating func step(_ system: inout System, from y: [S], fieldAtStart: [S], step H: S, tolerance: S) -> Double {
        let K = degree, P = dimension
        guard prepare(&system, from: y, step: H) else { return .infinity }
        // f₀ = QᵀF(y₀)
        for i in 0..<P { difference[i].set(fieldAtStart[i]) }
        transposedProduct(difference, into: f0)
        var scale = S(0, precision: precision)
        for x in y { let a = S.abs(x); if a > scale { scale = a } }
        let bound = tolerance * scale
        var converged = false
        if extrapolatesStart, guess.extrapolate(from: y, step: H, into: &nodeStates) {
            // u_i = Qᵀ(Ŷ_i − y₀), then their remainders.
            for i in 1...K {
                for p in 0..<P { difference[p].sub(nodeStates[i][p], start[p]) }
                transposedProduct(difference, into: u + i * P)
            }
            updateRemainder(&system)
            converged = iterate(&system, bound: bound, started: true)
        }
        if !converged {
            for i in 0..<((K + 1) * P) { r[i].set(0); u[i].set(0) }
            converged = iterate(&system, bound: bound, started: false)
        }
        if !converged { return .infinity }
        let error = errorEstimate(step: H)
        for i in 0..<P { dots.state(i, start: start, vectors: q, values: u + K * P, dimension: P, into: &result[i]) }
        if bound.isZero { return error.isZero ? 0 : .infinity }
        let ratio = (error / bound).doubleValue
        if ratio <= 1 { guess.record(from: start, vectors: q, nodeValues: u, length: H, dots: dots) }
        return ratio
    }

    /// out ← Qᵀv (P components).
    func transposedProduct(_ v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>) {
        let P = dimension
        for k in 0..<P {
            dots.begin(out + k)
            dots.add(P, q + k, stride: P, v, stride: 1, into: out + k)
            dots.finish(out + k)
        }
    }

    /// The error of the step: the top Chebyshev coefficient of r_k (b_K·2^(1−2K), b_K its
    /// monomial leading coefficient), weighted by min(H, 1/|λ_k|), twice for safety.
    mutating func errorEstimate(step H: S) -> S {
        let K = degree, P = dimension
        var error = S(0, precision: precision)
        let one = S(1, precision: precision)
        for k in 0..<P {
            dots.begin(&t0)
            dots.add(K, lagrange + (K + 1) + K, stride: K + 1, r + P + k, stride: P, into: &t0)
            dots.finish(&t0)
            t0.abs(t0)
            t1.abs(lambdas[k])
            t2.mul(H, t1)
            if t2 > one { t0.div(t0, t1) } else { t0.mul(t0, H) }
            if t0 > error { error.set(t0) }
        }
        return error * S(Rational.pow(Rational(2), 2 - 2 * K), precision: precision)
    }

    /// The fixed-point iteration u_i = c_i H φ₁(c_i H Λ) f₀ + Σ_m M_im b_m (b = the monomial
    /// coefficients of the interpolant of r_j = r(u_j)), from
    /// the current u and r (`started`: u is a starting guess with its remainders, so the first
    /// update's change already measures convergence), each new iterate mixed with the past ones
    /// (`mixing`) or, with the Newton correction active, corrected by it (formed once, at the
    /// first iterate whose node states it can read). True once the change of u_K is at most 1%
    /// of `bound` (u is then the image of the last iterate, uncorrected), with `contraction`
    /// measured; false if the change is not finite, grows, or 80 updates do not reach the bound.
    mutating func iterate(_ system: inout System, bound: S, started: Bool) -> Bool {
        let count = degree * dimension
        var lastChange = Double.infinity, firstChange = Double.nan, measured = 0
        contraction = .nan
        mixing.reset()
        var formed = false
        for iteration in 0..<80 {
            fixedPointIterations += 1
            for i in 0..<count { previous[i].set(u[dimension + i]) }
            let change = lanes.updateNodeValues()
            if iteration > 0 || started {
                let ratio = (change / bound).doubleValue
                if firstChange.isNaN { firstChange = ratio } else { measured += 1 }
                if ratio <= 0.01 {
                    if measured > 0 { contraction = Foundation.pow(ratio / firstChange, 1 / Double(measured)) }
                    return true
                }
                if !ratio.isFinite { return false }
                // Diverging: the change grew by more than half again (after the third
                // update; the mixed iteration need not decrease monotonically).
                if iteration >= 3, ratio > 1.5 * lastChange { return false }
                lastChange = ratio
            }
            if newton != nil, iteration > 0 || started {
                if !formed { formed = true; formNewton(&system) }
                if newton!.ready { correctByNewton() } else { mixing.mix(iterate: previous, image: u + dimension) }
            } else {
                mixing.mix(iterate: previous, image: u + dimension)
            }
            updateRemainder(&system)
        }
        return false
    }

    /// Forms the Newton correction at the node states of `previous` (the iterate the last
    /// update started from): D_j = Qᵀ(J(Y_j) − J(y₀))Q, in double, the Jacobians those of the
    /// system rounded to Double when it has one (the correction only speeds the iteration up;
    /// the fixed point it converges to is the working-precision one).
    mutating func formNewton(_ system: inout System) {
        let K = degree, P = dimension
        var blocks = [Double](repeating: 0, count: K * P * P)
        var difference = [Double](repeating: 0, count: P * P), half = difference
        if systemInDouble == nil { systemInDouble = system.roundedToDouble() }
        var startJacobian = [Double](repeating: 0, count: P * P), node = startJacobian
        let startInDouble = (0..<P).map { start[$0].doubleValue }
        systemInDouble?.fieldJacobian(at: startInDouble, into: &startJacobian)
        for j in 1...K {
            for i in 0..<P { dots.state(i, start: start, vectors: q, values: previous + (j - 1) * P, dimension: P, into: &state[i]) }
            newtonJacobians += 1
            if systemInDouble != nil {
                let stateInDouble = state.map(\.doubleValue)
                systemInDouble!.fieldJacobian(at: stateInDouble, into: &node)
                for r in 0..<(P * P) { difference[r] = node[r] - startJacobian[r] }
            } else {
                if nodeJacobian.isEmpty { nodeJacobian = jacobian.map { S($0, precision: precision) } }
                system.fieldJacobian(at: state, into: &nodeJacobian)
                for r in 0..<(P * P) { t0.sub(nodeJacobian[r], jacobian[r]); difference[r] = t0.doubleValue }
            }
            // half = ΔJ Q, then D_j = Qᵀ half
            for r in 0..<P {
                for l in 0..<P {
                    var v = 0.0
                    for c in 0..<P { v += difference[r * P + c] * vectorsInDouble[c * P + l] }
                    half[r * P + l] = v
                }
            }
            for k in 0..<P {
                for l in 0..<P {
                    var v = 0.0
                    for r in 0..<P { v += vectorsInDouble[r * P + k] * half[r * P + l] }
                    blocks[(j - 1) * P * P + k * P + l] = v
                }
            }
        }
        _ = newton!.form(blocks: blocks)
    }

    /// u ← previous + δ, δ the Newton correction of Φ(u) − u.
    mutating func correctByNewton() {
        let K = degree, P = dimension
        var g = [Double](repeating: 0, count: K * P)
        for i in 0..<(K * P) { t0.sub(u[P + i], previous[i]); g[i] = t0.doubleValue }
        let delta = newton!.correct(g)
        for i in 0..<(K * P) {
            t0.set(S(delta[i], precision: precision))
            u[P + i].add(previous[i], t0)
        }
    }

    /// r_j = QᵀF(y₀ + Q u_j) − f₀ − Λ u_j for j = 1…K (`CollocationLanes`).
    mutating func updateRemainder(_ system: inout System) {
        lanes.updateRemainders(&system)
        evaluations += degree
    }
}

extension ExponentialCollocationStepper: FlowStepper {
    public var method: FlowMethod { .exponentialCollocation }

    /// A step of the proposed length; the next step from the error's K-th root (the error
    /// decreases like H^K), and after an accepted step at most `contractionTarget / contraction`
    /// times as long: the iteration's contraction grows at least like H (like H^1.2 on a
    /// degenerate tail, like H² on `CollocationStepControlTests`' flow; in degenerate algebraic
    /// tails the error estimate allows steps on which the iteration no longer converges, and
    /// each such step is rejected after dozens of updates; measured in the README,
    /// "Integrating one problem").
    public mutating func step(_ system: inout System, from y: [S], field f0: [S], proposed H: S, maximum: S,
                              tolerance: S) -> FlowStep<S> {
        let before = evaluations, formed = jacobianEvaluations + newtonJacobians
        let error = step(&system, from: y, fieldAtStart: f0, step: H, tolerance: tolerance)
        if newtonMode == .automatic, error <= 1, contraction > CollocationNewtonMode.activation { activateNewton() }
        let degree = Double(self.degree)
        let accepted = error <= 1
        let converging = contractionTarget > 0 && contraction > 0 ? contractionTarget / contraction : .infinity
        let factor = accepted ? min(4, max(0.2, min(converging, 0.9 * Foundation.pow(1 / max(error, 1e-300), 1 / degree))))
            : error.isFinite ? min(0.7, max(0.2, 0.9 * Foundation.pow(1 / error, 1 / degree))) : 0.5
        return FlowStep(accepted: accepted, taken: H, errorRatio: error, nextFactor: factor, stabilityBound: nil,
                        evaluations: evaluations - before, jacobians: jacobianEvaluations + newtonJacobians - formed,
                        patternChange: nil)
    }

    /// Dense output by recomputation: a step of length τ from the same start.
    public mutating func denseOutput(_ system: inout System, from y: [S], field f0: [S], at tau: S, tolerance: S,
                                     into out: inout [S]) -> Bool {
        guard step(&system, from: y, fieldAtStart: f0, step: tau, tolerance: tolerance) <= 1 else { return false }
        for i in 0..<dimension { out[i].set(result[i]) }
        return true
    }
}
