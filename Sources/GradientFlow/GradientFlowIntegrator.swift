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

/// Integrates the gradient flow θ' = −∇L(θ) of a `FlowSystem` at its working precision p.
///
/// The steps are taken by `FlowStepper`s — the Taylor method (`TaylorFlowStepper`, two-layer
/// networks with a hand-written activation), explicit and linearly implicit extrapolation
/// (`ExtrapolationStepper`) and exponential collocation (`ExponentialCollocationStepper`,
/// BigFloat) — with local error ≤ 2^(−toleranceBits)·‖θ‖∞ per step (`FlowOptions`); the
/// `StiffnessPolicy` picks the method of each step (or the option forces one). Events are
/// located on the step's dense output to working precision (`EventLocator`): the escape
/// ‖θ‖₂ = δ (claim 4), switching-function sign changes (ReLU activation-pattern changes), and
/// convergence (‖∇L‖∞ below tolerance or the loss at the precision floor). A state, gradient or
/// loss that stops being finite ends the run with `FlowStatus.nonFinite`.
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
    var steppers: FlowSteppers<System>

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
        steppers = FlowSteppers(dimension: system.dimension, precision: precision,
                                columns: S.self == Double.self ? 12 : FlowOptions.maximumColumns(for: workingPrecision),
                                collocationDegree: FlowOptions.collocationDegree(for: workingPrecision), options: options)
    }

    /// Runs the flow from θ(0) = `initial`.
    /// - Parameter progress: called after accepted steps (at most about 5 times a second).
    /// Pre-specialized for the two-layer model at Double and BigFloat, so that other modules
    /// (Verification's experiments) get the specialized code, not the generic entry point
    /// (measured 5–10× slower in double).
    @_specialize(exported: true, where System == LossKernel<Double>)
    @_specialize(exported: true, where System == LossKernel<BigFloat>)
    public mutating func integrate(from initial: [S], progress: ((FlowProgress) -> Void)? = nil) throws(FlowError) -> Trajectory<S> {
        guard initial.count == system.dimension else {
            throw .badOption(field: "initial", reason: "θ has \(initial.count) entries, expected \(system.dimension)")
        }
        let limits = try FlowLimits<S>(options, working: workingPrecision, precision: precision, guarded: guardBits > 0)
        var policy = try stiffnessPolicy()
        var run = FlowRun<System>(initial: initial, precision: precision, working: workingPrecision,
                                  maximumSamples: options.maximumSamples, escaped: limits.deltaSquared == nil)
        let clock = ContinuousClock()
        let started = clock.now
        let wallGuard = options.maximumWallSeconds.map { Duration.seconds($0) }
        var lastProgress = started
        var method = policy.initialMethod
        var estimator: SpectralRadiusEstimator<System>? = nil
        var status = run.start(&system)
        // Initial step: a tenth of the time scale ‖θ‖/‖F(θ)‖, within [1e-6, 1].
        var H = S(initialStepScale(run.y, run.f0) * 0.1, precision: precision)
        while status == nil {
            if run.stats.acceptedSteps >= options.maximumSteps { status = .stepLimit; break }
            if let wallGuard, clock.now - started > wallGuard { status = .wallClockLimit; break }
            run.remaining.sub(limits.end, run.t)
            if !(run.remaining > S(0, precision: precision)) { status = limits.stopsAtTime ? .reachedTime : .timeLimit; break }
            let taker = method
            status = advance(&run, &H, &method, &policy, &estimator, limits)
            if let progress, status == nil, clock.now - lastProgress > .milliseconds(200) {
                lastProgress = clock.now
                progress(FlowProgress(time: run.t.doubleValue, loss: run.loss.doubleValue,
                                      steps: run.stats.acceptedSteps, method: taker.rawValue))
            }
        }
        run.stats.wallSeconds = Self.seconds(clock.now - started)
        return run.trajectory(status!, toleranceBits: limits.toleranceBits)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// One step of `method` from the run's state: attempt, events, commit, convergence, the
    /// policy's choice of the next method and the next step length `H`. Returns the status
    /// that ends the run, or nil.
    mutating func advance(_ run: inout FlowRun<System>, _ H: inout S, _ method: inout FlowMethod,
                          _ policy: inout StiffnessPolicy, _ estimator: inout SpectralRadiusEstimator<System>?,
                          _ limits: FlowLimits<S>) -> FlowStatus? {
        if !(H < run.remaining) { H = S(run.remaining, precision: precision) }
        var step = steppers.step(method, &system, from: run.y, field: run.f0, proposed: H, maximum: run.remaining,
                                 tolerance: limits.tolerance)
        run.stats.count(step, by: method)
        guard step.accepted else {
            H = H * S(step.nextFactor, precision: precision)
            return underflows(H, at: run.t) ? .stepSizeUnderflow : nil
        }
        steppers.copyResult(method, into: &run.candidate)
        let event = locateEvent(method, &step, &run, limits)
        let landing = event == nil && step.taken == run.remaining
        if let failure = run.commit(&system, taken: step.taken, landingOn: landing ? limits.end : nil) { return failure }
        if let kind = event { run.record(kind) }
        if run.stats.acceptedSteps % run.sampleStride == 0 { run.sample() }
        if let done = run.checkConvergence(limits) { return done }

        // The next step length: the Taylor method chooses its own (H keeps the last one, the
        // start of a stiff phase); the others' controllers propose a factor.
        var factor = step.nextFactor
        if event != nil { factor = max(factor, 1) }
        if method == .taylor { H = S(step.taken, precision: precision); factor = 1 }
        policy.observe(method, work: step.work + 1)
        var rho: Double? = nil
        if policy.wantsSpectralRadius(after: method, acceptedSteps: run.stats.acceptedSteps) {
            if estimator == nil { estimator = SpectralRadiusEstimator(dimension: system.dimension, precision: precision) }
            let (value, evaluations) = estimator!.estimate(&system, at: run.y, field: run.f0)
            run.stats.fieldEvaluations += evaluations
            rho = value
        }
        let next = policy.next(after: method, bound: step.stabilityBound, length: H.doubleValue * factor, rho: rho,
                               eventsPossible: !run.escaped || system.switchingFunctionCount > 0)
        if next != method { method = next; run.record(.methodSwitch(to: next)) }
        if factor != 1, !landing || event != nil { H = H * S(factor, precision: precision) }
        return nil
    }

    /// The step is below what the precision resolves at t (or not a number).
    func underflows(_ H: S, at t: S) -> Bool {
        H.isZero || !(H.doubleValue.isFinite) || (H / (t + H)) < S(Rational.pow(Rational(2), -(precision.bits + 8)), precision: precision)
    }

    /// ‖y‖∞/‖F‖∞ as a Double in [1e-6, 1] (1 when F = 0).
    func initialStepScale(_ y: [S], _ f: [S]) -> Double {
        let fy = FlowRun<System>.maxNorm(f), yy = FlowRun<System>.maxNorm(y)
        if fy.isZero { return 1 }
        if yy.isZero { return 1e-3 }
        let r = (yy / fy).doubleValue
        return min(1, max(1e-6, r.isFinite ? r : 1))
    }
}

extension FlowSystem {
    /// The number of switching functions whose sign changes are events (default none).
    public var switchingFunctionCount: Int { 0 }
    /// g ← the switching functions at θ (default: nothing).
    public mutating func switchingFunctions(at theta: [Value], into g: inout [Value]) {}
}

extension GradientFlowIntegrator {
    /// An integrator for a two-layer network's loss with the Taylor method (`TaylorStepper`,
    /// jets by recurrence: cost O(order²) per step instead of thousands of field evaluations)
    /// as its explicit method. Expression activations have no jet recurrences: their explicit
    /// method is midpoint extrapolation.
    public init<T: Scalar>(network: TwoLayerNetwork, data: Dataset<T>, options: FlowOptions = FlowOptions()) where System == LossKernel<T> {
        // The loss is evaluated at the guarded precision (the data at p are exact there): its
        // rounding then stays below the tolerance 2^(−p) even where a step amplifies it, as the
        // stiff tail's steps do along the slow directions (by up to the step length H ≫ 1).
        let p = data.labels.first?.precision ?? .double
        self.init(system: LossKernel<T>(network: network, data: data, precision: Self.guarded(p)), workingPrecision: p, options: options)
        if case .expression = network.activation { return }
        if options.method == .automatic || options.method == .taylor {
            steppers.taylor = TaylorFlowStepper(network: network, data: data, precision: precision,
                                                threads: options.taylorThreads(at: precision))
        }
    }
}
