import MultiPrecision
import TwoLayerNet

/// One step of the Taylor method for the two-layer network's gradient flow (proofs/THEORY.md §1):
/// the jets of `TaylorJets` to the order of the tolerance, the step of `TaylorStepSize`
/// (clamped to a maximum so that a driver can land on a requested time), and the polynomial
/// evaluated at the step by Horner. Generic over `Scalar`; the Swift code allocates nothing per
/// step for tanh and linear σ (Double: no heap allocation at all, checked with valgrind over
/// P1; BigFloat: MPFR's own tanh/log/exp allocate temporaries internally, about 60 small
/// mallocs per P1 step); for relu and leaky relu the pattern-change search allocates.
///
/// **Precision.** Everything is computed at the stepper's `precision`; states passed in are
/// rounded to it. A driver that wants guard bits creates the stepper at p + guard (as
/// `GradientFlowIntegrator` does).
///
/// **Relu / leaky relu.** The step is shortened to the first sign change of any u_ik(τ) on the
/// step's polynomials (`TaylorJets.firstPatternChange`: a 16-point scan of each u_ik(τ) on
/// [0, h], then bisection to working precision), so that the frozen activation pattern is valid
/// on the whole step; `lastStepEndedAtPatternChange` / `lastPatternChangeIndex` tell the
/// driver, and the next step freezes the new side for that pair (`TaylorJets.patternOverride`)
/// even when rounding left the state's u_ik on the old side. Not handled: sliding (Filippov)
/// motion along u_ik = 0, when both sides' fields push u_ik back to 0 (the steps would shrink
/// to rounding level), and two sign changes of one u_ik within h/16 (missed).
public struct TaylorStepper<S: Scalar> {
    public var jets: TaylorJets<S>
    public var precision: Precision { jets.precision }
    public var dimension: Int { jets.network.parameterCount }
    /// True if the last step was shortened to an activation-pattern change (relu, leaky relu).
    public var lastStepEndedAtPatternChange: Bool { patternChangeIndex != nil }
    /// The index i·m + k of that change.
    public var lastPatternChangeIndex: Int? { patternChangeIndex }
    @usableFromInline var patternChangeIndex: Int? = nil

    @usableFromInline var cachedTolerance: S
    @usableFromInline var cachedOrder: Int = 0
    @usableFromInline var n0: S, nk: S, rho: S, h: S
    /// e^{−2 − 0.7/(K−1)} for the cached order.
    @usableFromInline var safety: S

    public init(network: TwoLayerNetwork, data: Dataset<S>, precision: Precision, maximumOrder: Int = 32) {
        jets = TaylorJets(network: network, data: data, precision: precision, maximumOrder: maximumOrder)
        jets.truncatesCoefficients = true
        cachedTolerance = S(0, precision: precision)
        n0 = S(0, precision: precision); nk = S(0, precision: precision); rho = S(0, precision: precision)
        h = S(0, precision: precision); safety = S(0, precision: precision)
    }

    /// The order K used for `tolerance` (cached: one logarithm per new tolerance).
    @inlinable
    public mutating func order(for tolerance: S) -> Int {
        if cachedOrder == 0 || !(tolerance == cachedTolerance) {
            cachedOrder = TaylorStepSize.order(tolerance: tolerance)
            cachedTolerance.set(tolerance)
            jets.reserve(order: cachedOrder)
            safety = S.exp(S(TaylorStepSize.logSafety(order: cachedOrder), precision: precision))
        }
        return cachedOrder
    }

    /// One step from θ: `out` ← θ(t + taken), `taken` ← the step (≤ `maximumStep` when given;
    /// equal to it when the proposed step is at least as long, so a driver can land exactly on
    /// an end time; the step is then exactly `maximumStep`, so `taken == maximumStep` tells the
    /// driver it landed). Returns the order used. `out` and `taken` are caller-created registers;
    /// `out` must not be `theta`'s storage. For relu / leaky relu the step may end earlier, on an
    /// activation-pattern change (`lastPatternChangeIndex`).
    ///
    /// If every coefficient θ_k, k ≥ 1, vanishes (θ is a fixed point, or the polynomial is
    /// exact), the step is `maximumStep`, or 1 when none is given.
    @inlinable
    public mutating func step(from theta: UnsafeBufferPointer<S>, maximumStep: S?, tolerance: S,
                              into out: UnsafeMutableBufferPointer<S>, taken: inout S) -> Int {
        let K = order(for: tolerance)
        jets.compute(at: theta, order: K)
        proposeStep(order: K)
        if let hMax = maximumStep, h.isZero || !(h < hMax) { h.set(hMax) }   // land on the end
        if h.isZero { h.set(1) }   // fixed point, no maximum: any step is exact
        patternChangeIndex = nil
        if jets.hasKinks, let change = jets.firstPatternChange(before: h) {
            // End the step on the kink; the next step freezes the new side for this pair.
            h.set(change.time)
            patternChangeIndex = change.index
            jets.patternOverride = (change.index, !jets.activationPattern[change.index])
        }
        jets.evaluate(at: h, into: out)
        taken.set(h)
        return K
    }

    /// h ← the Jorba–Zou step for the jets of order K just computed (0 when θ_{K−1} = θ_K = 0
    /// and no lower coefficient gives a radius, i.e. no limit from the series).
    @inlinable
    mutating func proposeStep(order K: Int) {
        jets.maxNorm(ofCoefficient: 0, into: &n0, scratch: &rho)
        h.set(0)
        var found = false
        var k = K
        // ρ_k for k = K, K − 1; if both coefficients vanish, fall back to the highest nonzero one.
        var considered = 0
        while k >= 1 && (considered < 2 || !found) {
            jets.maxNorm(ofCoefficient: k, into: &nk, scratch: &rho)
            if !nk.isZero && !n0.isZero {
                // ρ_k = exp((ln‖θ_0‖ − ln‖θ_k‖)/k)
                rho.div(n0, nk)
                rho.log(rho)
                rho.div(rho, k)
                rho.exp(rho)
                if !found || rho < h { h.set(rho) }
                found = true
            }
            considered += 1
            k -= 1
        }
        if found { h.mul(h, safety) }
    }

    /// Array form: `out` ← θ(t + taken); returns the step (a new value) and the order.
    @inlinable
    public mutating func step(from theta: [S], maximumStep: S?, tolerance: S, into out: inout [S]) -> (taken: S, order: Int) {
        var taken = S(0, precision: precision)
        let K = theta.withUnsafeBufferPointer { th in
            out.withUnsafeMutableBufferPointer { o in step(from: th, maximumStep: maximumStep, tolerance: tolerance, into: o, taken: &taken) }
        }
        return (taken, K)
    }

    /// Array form writing the step into a caller register (allocation-free).
    @inlinable
    public mutating func step(from theta: [S], maximumStep: S?, tolerance: S, into out: inout [S], taken: inout S) -> Int {
        theta.withUnsafeBufferPointer { th in
            out.withUnsafeMutableBufferPointer { o in step(from: th, maximumStep: maximumStep, tolerance: tolerance, into: o, taken: &taken) }
        }
    }

    /// Dense output of the last step: out ← θ(t + τ) for τ ∈ [0, taken] (the step's polynomial;
    /// the error bound holds on the whole step). For event location (escape radius, …).
    @inlinable
    public func denseOutput(at tau: S, into out: inout [S]) { jets.evaluate(at: tau, into: &out) }
}
