import Foundation
import MultiPrecision
import TwoLayerNet

/// Errors of a run's set-up (the run itself never throws: it ends with a `FlowStatus`).
public enum FlowError: Error, CustomStringConvertible, Equatable {
    case badOption(field: String, reason: String)
    public var description: String {
        switch self {
        case .badOption(let field, let reason): return "\(field): \(reason)"
        }
    }
}

/// Integrates the gradient flow θ' = −∇L(θ) of a `FlowSystem` at its working precision with
/// extrapolation methods (`ExtrapolationMethod`), error control tied to the precision
/// (local error ≤ 2^(−toleranceBits)·‖θ‖∞, default p − 6 bits), variable step and order, and
/// automatic switching between the explicit method (non-stiff phases) and the linearly
/// implicit one (stiff convergence tail), detected from the Hessian's spectral radius.
///
/// Events are located to working precision by the Illinois method on the step length:
/// escape (‖θ‖₂ = δ, claim 4), switching functions (ReLU activation-pattern changes), and
/// convergence (‖∇L‖∞ below tolerance or the loss at the precision floor).
public struct GradientFlowIntegrator<System: FlowSystem> {
    public typealias S = System.Value
    public var system: System
    public let options: FlowOptions
    /// The working precision p: the model is evaluated at p and the results are returned at p.
    public let workingPrecision: Precision
    /// The precision of the integrator's own state: p plus `guardBits` (32 for BigFloat, 0 for
    /// Double). The extrapolation tableau and the substep chains add and difference states of
    /// size ‖θ‖ many times per step; carrying them with guard bits keeps that rounding (about
    /// 2^7 units at the column counts used) below the tolerance, so the local error is set by
    /// the tolerance and the model's rounding at p, not by the bookkeeping.
    public let precision: Precision
    public var guardBits: Int { precision.bits - workingPrecision.bits }
    @usableFromInline var stepper: ExtrapolationStepper<System>
    /// The Taylor stepper used instead of explicit extrapolation in the non-stiff phases, when
    /// the model is a two-layer network with a hand-written activation (`init(kernel:…)`).
    var taylor: TaylorStepper<S>?
    /// The exponential collocation stepper used instead of implicit extrapolation in the stiff
    /// tail at multiple precision, where no events can occur (after the escape, no switching
    /// functions): its steps follow the slow time scale, not the stiff one.
    var collocation: ExponentialCollocationStepper<System>?
    let columns: Int

    public init(system: System, options: FlowOptions = FlowOptions()) {
        self.init(system: system, workingPrecision: system.precision, options: options)
    }

    /// The guarded precision p + 32 of `workingPrecision` p (p itself for Double).
    static func guarded(_ p: Precision) -> Precision {
        S.self == Double.self ? p : (try? p.adding(32)) ?? p
    }

    /// An integrator whose `system` may be evaluated above the working precision (at most at
    /// the guarded precision), its results returned at `workingPrecision`.
    init(system: System, workingPrecision: Precision, options: FlowOptions) {
        self.system = system
        self.options = options
        self.workingPrecision = workingPrecision
        precision = Self.guarded(workingPrecision)
        columns = S.self == Double.self ? 12 : FlowOptions.maximumColumns(for: workingPrecision)
        stepper = ExtrapolationStepper(dimension: system.dimension, maximumColumns: columns, precision: precision)
        taylor = nil
        collocation = S.self == Double.self || options.method != .automatic ? nil
            : ExponentialCollocationStepper(dimension: system.dimension, degree: FlowOptions.collocationDegree(for: workingPrecision), precision: precision)
    }

    func parse(_ text: String, _ field: String) throws(FlowError) -> S {
        do { return try S(parsing: text, precision: precision) } catch {
            throw .badOption(field: field, reason: "\(error)")
        }
    }

    func power2(_ e: Int) -> S { S(Rational.pow(Rational(2), e), precision: precision) }
    func vector() -> [S] { (0..<system.dimension).map { _ in S(0, precision: precision) } }

    /// Runs the flow from θ(0) = `initial`.
    /// - Parameter progress: called after accepted steps (at most about 5 times a second).
    /// Pre-specialized for the two-layer model at Double and BigFloat, so that other modules
    /// (Verification's experiments) get the specialized code, not the generic entry point
    /// (measured 5–10× slower in double).
    @_specialize(exported: true, where System == LossKernel<Double>)
    @_specialize(exported: true, where System == LossKernel<BigFloat>)
    public mutating func integrate(from initial: [S], progress: ((FlowProgress) -> Void)? = nil) throws(FlowError) -> Trajectory<S> {
        let p = precision
        let P = system.dimension
        guard initial.count == P else { throw .badOption(field: "initial", reason: "θ has \(initial.count) entries, expected \(P)") }
        let end: S
        let stopsAtTime: Bool
        switch options.stop {
        case .time(let text): end = try parse(text, "until"); stopsAtTime = true
        case .converged: end = try parse(options.maximumTime, "maximumTime"); stopsAtTime = false
        }
        guard end > S(0, precision: p) else { throw .badOption(field: stopsAtTime ? "until" : "maximumTime", reason: "must be positive") }
        let deltaSquared: S? = try options.escapeRadius.map { text throws(FlowError) in
            let d = try parse(text, "escapeRadius")
            guard d > S(0, precision: p) else { throw .badOption(field: "escapeRadius", reason: "must be positive") }
            return d * d
        }
        let toleranceBits = options.tolerance(at: workingPrecision, guarded: guardBits > 0)
        let tolerance = power2(-toleranceBits)
        let gradientTolerance = power2(-options.gradientTolerance(at: workingPrecision))
        let lossFloor = power2(-2 * options.gradientTolerance(at: workingPrecision))

        let clock = ContinuousClock()
        let started = clock.now
        var stats = FlowStatistics()
        var y = initial.map { S($0, precision: p) }
        var f0 = vector()
        var t = S(0, precision: p)
        var loss = S(0, precision: p)
        var events: [FlowEvent<S>] = []
        var samples: [FlowSample<S>] = []
        var sampleStride = 1
        var escaped = deltaSquared == nil
        // The stiff method, by measurement on P2's tail (λ_max ≈ 1.2, λ_min ≈ 3e-7): in double
        // the midpoint rule reaches t = 1e6 in 1166 steps against Euler's 6434; at 256 bits
        // Euler's L-stable base step advances about 10 times faster (the midpoint rule's
        // undamped stiff components keep its steps near 1/λ_max).
        let stiffMethod: ExtrapolationMethod = guardBits == 0 ? .linearlyImplicitMidpoint : .linearlyImplicitEuler
        var method: ExtrapolationMethod = options.method == .linearlyImplicitMidpoint ? stiffMethod : .explicitMidpoint
        stats.stiffMethod = stiffMethod == .linearlyImplicitEuler ? "Euler" : "midpoint"
        var stiffVotes = 0
        var lastProgress = clock.now
        var jacobianD = [Double](repeating: 0, count: P * P)
        var jacobianS = (0..<(P * P)).map { _ in S(0, precision: p) }
        let switching = system.switchingFunctionCount
        var gStart = (0..<switching).map { _ in S(0, precision: p) }
        var gEnd = (0..<switching).map { _ in S(0, precision: p) }
        var taylorOut = vector(), dense = vector()
        var taylorTaken = S(0, precision: p)

        system.field(at: y, into: &f0)
        stats.fieldEvaluations += 1
        system.loss(at: y, into: &loss)
        let w = workingPrecision
        func record(_ kind: FlowEventKind) {
            events.append(FlowEvent(kind: kind, time: S(t, precision: w), state: y.map { S($0, precision: w) }))
        }
        func sample() {
            samples.append(FlowSample(time: S(t, precision: w), state: y.map { S($0, precision: w) }, loss: S(loss, precision: w)))
            if samples.count >= options.maximumSamples {
                samples = samples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                sampleStride *= 2
            }
        }
        sample()

        // Initial step: a tenth of the time scale ‖θ‖/‖F(θ)‖, within [1e-6, 1].
        var H = S(initialStepScale(y, f0) * 0.1, precision: p)
        var status: FlowStatus = .reachedTime
        let zero = S(0, precision: p)
        var remaining = S(0, precision: p)
        var gradientNorm = S(0, precision: p)

        while true {
            if stats.acceptedSteps >= options.maximumSteps { status = .stepLimit; break }
            if (clock.now - started) > .seconds(options.maximumWallSeconds) { status = .wallClockLimit; break }
            remaining.sub(end, t)
            if !(remaining > zero) { status = stopsAtTime ? .reachedTime : .timeLimit; break }
            var landing = false
            if !(H < remaining) { H = S(remaining, precision: p); landing = true }

            var taken: S
            var candidate: [S]
            var eventKind: FlowEventKind? = nil
            var factor = 1.0
            var taylorOrder = 0
            var collocated = false
            if method == .explicitMidpoint, taylor != nil {
                // Taylor step: the stepper chooses its step (≤ remaining; = remaining to land).
                taylorOrder = taylor!.step(from: y, maximumStep: remaining, tolerance: tolerance,
                                           into: &taylorOut, taken: &taylorTaken)
                stats.taylorSteps += 1
                taken = S(taylorTaken, precision: p)
                landing = taken == remaining
                candidate = taylorOut.map { S($0, precision: p) }
                if !escaped, let d2 = deltaSquared, Self.squaredNorm(candidate) >= d2 {
                    let tau = Self.illinois(on: taken) { tau in
                        taylor!.denseOutput(at: tau, into: &dense)
                        return Self.squaredNorm(dense) - d2
                    }
                    taken = tau
                    taylor!.denseOutput(at: tau, into: &candidate)
                    eventKind = .escape
                    escaped = true
                    landing = false
                } else if let index = taylor!.lastPatternChangeIndex {
                    eventKind = .activationPatternChange(index: index)
                    landing = false
                }
                H = S(taken, precision: p)
            } else if method.isImplicit, collocation != nil, switching == 0, escaped {
                let before = collocation!.evaluations
                let error = collocation!.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: tolerance)
                stats.fieldEvaluations += collocation!.evaluations - before
                stats.jacobianEvaluations += 1
                let degree = Double(collocation!.degree)
                guard error <= 1 else {
                    stats.rejectedSteps += 1
                    let shrink = error.isFinite ? min(0.7, max(0.2, 0.9 * Foundation.pow(1 / error, 1 / degree))) : 0.5
                    H = H * S(shrink, precision: p)
                    if H.isZero || !(H.doubleValue.isFinite) || (H / (t + H)) < power2(-(p.bits + 8)) {
                        status = .stepSizeUnderflow; break
                    }
                    continue
                }
                taken = H
                candidate = collocation!.result.map { S($0, precision: p) }
                factor = min(4, max(0.2, 0.9 * Foundation.pow(1 / max(error, 1e-300), 1 / degree)))
                collocated = true
            } else {
                let attempt = stepper.attempt(&system, from: y, fieldAtStart: f0, step: H, method: method,
                                              columns: columns, minimumColumn: 1, tolerance: tolerance)
                stats.fieldEvaluations += attempt.evaluations
                if method.isImplicit { stats.jacobianEvaluations += 1 }
                guard let accepted = attempt.acceptedColumn else {
                    stats.rejectedSteps += 1
                    let factor = attempt.solvable ? rejectionFactor(attempt.errors, method) : 0.25
                    H = H * S(factor, precision: p)
                    if H.isZero || !(H.doubleValue.isFinite) || (H / (t + H)) < power2(-(p.bits + 8)) {
                        status = .stepSizeUnderflow; break
                    }
                    continue
                }
                taken = H
                candidate = stepper.result.map { S($0, precision: p) }

                // Events inside the step: locate the earliest, land on it.
                if !escaped, let d2 = deltaSquared, Self.squaredNorm(candidate) >= d2 {
                    if let s = locate(from: y, f0: f0, step: H, method: method, tolerance: tolerance,
                                      g: { _, state in Self.squaredNorm(state) - d2 }) {
                        taken = s.step; candidate = s.state
                    }
                    eventKind = .escape
                    escaped = true
                } else if switching > 0 {
                    system.switchingFunctions(at: y, into: &gStart)
                    system.switchingFunctions(at: candidate, into: &gEnd)
                    if let index = firstSignChange(gStart, gEnd) {
                        if let s = locate(from: y, f0: f0, step: H, method: method, tolerance: tolerance,
                                          g: { sys, state in
                                              sys.switchingFunctions(at: state, into: &gEnd)
                                              return S(gEnd[index], precision: p)
                                          }) {
                            taken = s.step; candidate = s.state
                        }
                        eventKind = .activationPatternChange(index: index)
                    }
                }
                factor = nextStepFactor(attempt.errors, accepted: accepted, method: method)
                if eventKind != nil { factor = max(factor, 1) }
            }

            for i in 0..<P { y[i].set(candidate[i]) }
            t = t + taken
            if landing && eventKind == nil { t = S(end, precision: p) }   // land exactly on T
            stats.acceptedSteps += 1
            if method == .explicitMidpoint { if taylorOrder == 0 { stats.explicitSteps += 1 } }
            else if collocated { stats.collocationSteps += 1 } else { stats.implicitSteps += 1 }
            system.field(at: y, into: &f0)
            stats.fieldEvaluations += 1
            system.loss(at: y, into: &loss)
            if let kind = eventKind { record(kind) }
            if stats.acceptedSteps % sampleStride == 0 { sample() }

            // Converged: ‖∇L‖∞ ≤ 2^(−p+8)·‖θ‖∞ (relative, so that the saddle at θ = 0, where
            // ∇L is as small as θ itself, is not mistaken for a minimum), or L at its floor.
            gradientNorm = Self.maxNorm(f0)
            if gradientNorm <= gradientTolerance * Self.maxNorm(y) || loss <= lossFloor {
                if !stopsAtTime { record(.convergence); status = .converged; break }
                if !events.contains(where: { $0.kind == .convergence }) { record(.convergence) }
            }

            // Stiffness: the explicit step is stability-bound when H·ρ(∇²L) exceeds what its
            // stability region allows (about 2 for midpoint extrapolation, about 0.34·K for a
            // Taylor step of order K); the implicit one is wasted when H·ρ is small.
            if options.method == .automatic, stats.acceptedSteps % 3 == 0 || method.isImplicit {
                system.fieldJacobian(at: y, into: &jacobianS)
                stats.jacobianEvaluations += 1
                for i in 0..<(P * P) { jacobianD[i] = jacobianS[i].doubleValue }
                let rho = spectralRadius(jacobianD, P)
                let proposed = (H.doubleValue * factor) * rho
                switch method {
                case .explicitMidpoint:
                    let bound = taylorOrder > 0 ? 0.34 * Double(taylorOrder) : 2.0
                    stiffVotes = proposed > bound ? stiffVotes + 1 : 0
                    if stiffVotes >= (taylorOrder > 0 ? 3 : 2) { method = stiffMethod; stiffVotes = 0; record(.methodSwitch(to: method)) }
                case .linearlyImplicitMidpoint, .linearlyImplicitEuler:
                    stiffVotes = proposed < 0.25 ? stiffVotes + 1 : 0
                    if stiffVotes >= 3 { method = .explicitMidpoint; stiffVotes = 0; record(.methodSwitch(to: method)) }
                }
            }
            if taylorOrder == 0, !landing || eventKind != nil { H = H * S(factor, precision: p) }

            if let progress, clock.now - lastProgress > .milliseconds(200) {
                lastProgress = clock.now
                let name = method == .explicitMidpoint && taylor != nil ? "taylor"
                    : method.isImplicit && collocation != nil && switching == 0 && escaped ? "exponential-collocation" : method.rawValue
                progress(FlowProgress(time: t.doubleValue, loss: loss.doubleValue, steps: stats.acceptedSteps, method: name))
            }
        }
        if samples.last.map({ !($0.time == t) }) ?? true { sample() }
        stats.wallSeconds = Double((clock.now - started).components.seconds) + Double((clock.now - started).components.attoseconds) * 1e-18
        let final = FlowSample(time: S(t, precision: workingPrecision), state: y.map { S($0, precision: workingPrecision) },
                               loss: S(loss, precision: workingPrecision))
        return Trajectory(samples: samples, events: events, final: final, status: status,
                          statistics: stats, toleranceBits: toleranceBits)
    }

    // MARK: Helpers

    /// ‖v‖₂² (non-empty v).
    static func squaredNorm(_ v: [S]) -> S {
        var acc = S(0, precision: v[0].precision)
        for x in v { acc.fma(x, x, acc) }
        return acc
    }

    /// ‖v‖∞ (non-empty v).
    static func maxNorm(_ v: [S]) -> S {
        var m = S(0, precision: v[0].precision)
        for x in v { let a = S.abs(x); if a > m { m = a } }
        return m
    }

    /// ‖y‖∞/‖F‖∞ as a Double in [1e-6, 1] (1 when F = 0).
    func initialStepScale(_ y: [S], _ f: [S]) -> Double {
        let fy = Self.maxNorm(f), yy = Self.maxNorm(y)
        if fy.isZero { return 1 }
        if yy.isZero { return 1e-3 }
        let r = (yy / fy).doubleValue
        return min(1, max(1e-6, r.isFinite ? r : 1))
    }

    /// Error-exponent of column j: the estimate ‖T_jj − T_j,j−1‖ is O(H^(γj+1)).
    func exponent(_ j: Int, _ method: ExtrapolationMethod) -> Double { 1 / Double(method.expansionPower * j + 1) }

    /// The step factor that would bring column j's error estimate to the safe level 0.65
    /// (unclamped: the work comparison between columns needs the true ratios).
    func columnFactor(_ err: Double, _ j: Int, _ method: ExtrapolationMethod) -> Double {
        if err == 0 { return 1e6 }
        if !err.isFinite { return 1e-6 }
        return 0.94 * Foundation.pow(0.65 / err, exponent(j, method))
    }

    /// Cumulative work (field evaluations; a factorization counts as one) up to column j.
    func work(_ j: Int, _ method: ExtrapolationMethod) -> Double {
        var w = 1.0
        for i in 0...j { w += Double(method.substeps(i)) + (method.isImplicit ? 1 : 0) }
        return w
    }

    /// The factor for the next step: the column with the least work per unit time, with an
    /// order increase when the accepted column is the most efficient.
    /// Columns beyond the accepted one are predicted by continuing the observed geometric
    /// decrease of the error estimates (err_{k+1} ≈ err_k · err_j/err_{j−1}), so that a step
    /// much shorter than the solution's scale grows in a few steps, not dozens.
    func nextStepFactor(_ errors: [Double], accepted: Int, method: ExtrapolationMethod) -> Double {
        var bestWork = Double.infinity, bestFactor = 1.0
        for j in 1...accepted {
            let fac = columnFactor(errors[j], j, method)
            let w = work(j, method) / fac
            if w < bestWork { bestWork = w; bestFactor = fac }
        }
        if accepted >= 2, errors[accepted] > 0, errors[accepted - 1].isFinite {
            let ratio = min(1, errors[accepted] / errors[accepted - 1])
            var predicted = errors[accepted]
            for k in (accepted + 1)..<min(columns, accepted + 3) {
                predicted *= ratio * 4   // pessimistic: the decrease slows as columns grow
                let fac = columnFactor(predicted, k, method)
                let w = work(k, method) / fac
                if w < bestWork { bestWork = w; bestFactor = fac }
            }
        }
        return min(8, max(0.05, bestFactor))
    }

    func rejectionFactor(_ errors: [Double], _ method: ExtrapolationMethod) -> Double {
        var best = 0.0
        for j in 1..<errors.count { best = max(best, columnFactor(errors[j], j, method)) }
        return min(0.5, max(0.05, best))
    }

    /// Power iteration (30 steps) on the symmetric matrix J: an estimate of its spectral radius.
    func spectralRadius(_ J: [Double], _ n: Int) -> Double {
        var v = (0..<n).map { 1.0 + Double($0 % 3) * 0.1 }
        var lambda = 0.0
        for _ in 0..<30 {
            var w = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { w[i] += J[i * n + j] * v[j] } }
            let norm = w.reduce(0) { max($0, Swift.abs($1)) }
            if norm == 0 || !norm.isFinite { return norm.isFinite ? 0 : .infinity }
            lambda = norm
            v = w.map { $0 / norm }
        }
        return lambda
    }

    /// The root τ ∈ (0, h] of g, given g(0) < 0 ≤ g(h) (or the reverse), by the Illinois method,
    /// to a bracket of 2^(−p+16)·h: for events located on a step's dense output.
    static func illinois(on h: S, _ g: (S) -> S) -> S {
        let p = h.precision
        let zero = S(0, precision: p), two = S(2, precision: p)
        var lo = S(0, precision: p), hi = S(h, precision: p)
        var gLo = g(lo), gHi = g(hi)
        var side = 0
        let width = h * S(Rational.pow(Rational(2), -(p.bits - 16)), precision: p)
        for _ in 0..<200 where (hi - lo) > width {
            var s = (lo * gHi - hi * gLo) / (gHi - gLo)
            if !(s > lo && s < hi) { s = (lo + hi) / two }
            let gs = g(s)
            if gs.isZero { return s }
            if (gs < zero) == (gLo < zero) {
                lo = s; gLo = gs
                if side == -1 { gHi = gHi / two }
                side = -1
            } else {
                hi = s; gHi = gs
                if side == 1 { gLo = gLo / two }
                side = 1
            }
        }
        return hi
    }

    func firstSignChange(_ a: [S], _ b: [S]) -> Int? {
        let zero = S(0, precision: precision)
        for i in a.indices where (a[i] < zero && b[i] > zero) || (a[i] > zero && b[i] < zero) { return i }
        return nil
    }

    /// Illinois regula falsi on the step length s ∈ (0, H] for g(θ(t + s)) = 0, where
    /// g(θ(t)) < 0 ≤ g(θ(t + H)) or the reverse. Returns the step and state at the root, located
    /// until the bracket is below 2^(−p+16)·H or g vanishes.
    mutating func locate(from y: [S], f0: [S], step H: S, method: ExtrapolationMethod, tolerance: S,
                         g: (inout System, [S]) -> S) -> (step: S, state: [S])? {
        let p = precision
        var lo = S(0, precision: p), hi = S(H, precision: p)
        var gLo = g(&system, y)
        var gHi = g(&system, stepper.result.map { S($0, precision: p) })
        var best: (S, [S])? = nil
        var side = 0
        let width = H * power2(-(p.bits - 16))
        for _ in 0..<200 {
            if (hi - lo) <= width { break }
            var s = (lo * gHi - hi * gLo) / (gHi - gLo)
            if !(s > lo && s < hi) { s = (lo + hi) / S(2, precision: p) }
            let a = stepper.attempt(&system, from: y, fieldAtStart: f0, step: s, method: method,
                                    columns: columns, minimumColumn: 1, tolerance: tolerance)
            guard a.acceptedColumn != nil else { return best.map { (step: $0.0, state: $0.1) } }
            let state = stepper.result.map { S($0, precision: p) }
            let gs = g(&system, state)
            if gs.isZero { return (s, state) }
            if (gs < S(0, precision: p)) == (gLo < S(0, precision: p)) {
                lo = s; gLo = gs
                if side == -1 { gHi = gHi / S(2, precision: p) }
                side = -1
            } else {
                hi = s; gHi = gs; best = (s, state)
                if side == 1 { gLo = gLo / S(2, precision: p) }
                side = 1
            }
        }
        return best.map { (step: $0.0, state: $0.1) }
    }
}

extension FlowSystem {
    /// The number of switching functions whose sign changes are events (default none).
    public var switchingFunctionCount: Int { 0 }
    /// g ← the switching functions at θ (default: nothing).
    public mutating func switchingFunctions(at theta: [Value], into g: inout [Value]) {}
}

extension GradientFlowIntegrator {
    /// An integrator for a two-layer network's loss that uses the Taylor method (`TaylorStepper`,
    /// jets by recurrence: cost O(order²) per step instead of thousands of field evaluations) for
    /// the non-stiff phases, and linearly implicit extrapolation for the stiff tail. Expression
    /// activations have no jet recurrences and fall back to explicit extrapolation.
    public init<T: Scalar>(network: TwoLayerNetwork, data: Dataset<T>, options: FlowOptions = FlowOptions()) where System == LossKernel<T> {
        // The loss is evaluated at the guarded precision (the data at p are exact there): its
        // rounding then stays below the tolerance 2^(−p) even where a step amplifies it, as the
        // stiff tail's steps do along the slow directions (by up to the step length H ≫ 1).
        let p = data.labels.first?.precision ?? .double
        self.init(system: LossKernel<T>(network: network, data: data, precision: Self.guarded(p)), workingPrecision: p, options: options)
        if case .expression = network.activation { return }
        if options.method == .automatic || options.method == .taylor {
            taylor = TaylorStepper<T>(network: network, data: data, precision: precision)
        }
    }
}
