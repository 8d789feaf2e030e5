import Foundation
import MultiPrecision
import TwoLayerNet

/// The outcome of `integrateTaylor`.
public struct TaylorRun<S: Scalar> {
    /// The time reached (the requested end unless a guard stopped the run), at working precision.
    public var time: S
    /// θ(time), at working precision.
    public var state: [S]
    /// True if `time` is the requested end.
    public var reachedEnd: Bool
    public var steps: Int
    /// Steps ended at a relu / leaky-relu activation-pattern change.
    public var patternChanges: Int
    /// The Taylor order used (fixed by the tolerance).
    public var order: Int
    /// The local error tolerance per step, 2^(−toleranceBits) relative to ‖θ‖∞.
    public var toleranceBits: Int
    /// The precision of the stepper's registers (working precision plus guard bits).
    public var internalPrecision: Precision
    /// Workers per recurrence level.
    public var threadCount: Int
    public var wallSeconds: Double
}

/// Integrates the gradient flow θ' = −∇L(θ) of the two-layer network (THEORY.md §1) from
/// θ(0) = `initial` to t = `end` with the Taylor method (`TaylorStepper`).
///
/// - Working precision p: that of `initial` (the data should be at p too).
/// - `guardBits`: the stepper computes at p + guardBits rounded up to a multiple of 64 (default
///   32 for BigFloat, as `GradientFlowIntegrator`, so 256 → 320 bits; 0 for Double); the result
///   is rounded to p. `guardBits: 0` at p = 256 is about 20% faster (4 limbs instead of 5).
/// - `toleranceBits`: local error per step 2^(−toleranceBits)·‖θ‖∞; default p − 4 for
///   BigFloat (with the guard bits) and p − 6 for Double (`FlowOptions`).
/// - `maximumSteps`: a guard; the run ends with `reachedEnd == false` past it.
/// - `threadCount`: workers per recurrence level (`TaylorJets.threadCount`), default 1. Two
///   workers can only pay off for BigFloat with a second core idle (a Double level costs
///   microseconds, less than a dispatch); with the second core busy they are slower.
/// - `progress`: called every `progressInterval` steps with (t, steps).
@_specialize(where S == Double)
@_specialize(where S == BigFloat)
public func integrateTaylor<S: Scalar>(network: TwoLayerNetwork, data: Dataset<S>, from initial: [S], until end: S,
                                       toleranceBits: Int? = nil, guardBits: Int? = nil,
                                       maximumSteps: Int = 10_000_000, threadCount: Int? = nil,
                                       progressInterval: Int = 1000,
                                       progress: ((Double, Int) -> Void)? = nil) -> TaylorRun<S> {
    precondition(!initial.isEmpty && initial.count == network.parameterCount,
                 "θ has \(initial.count) entries, expected \(network.parameterCount)")
    let clock = ContinuousClock()
    let started = clock.now
    let p = initial[0].precision
    let isDouble = S.self == Double.self
    let guardBits = isDouble ? 0 : (guardBits ?? 32)
    // Guard bits rounded up to whole 64-bit limbs (free: MPFR's cost is per limb).
    let q = isDouble ? p : ((try? Precision(bits: (p.bits + guardBits + 63) / 64 * 64)) ?? p)
    let bits = toleranceBits ?? max(8, p.bits - (isDouble ? 6 : 4))
    let tolerance = S(Rational.pow(Rational(2), -bits), precision: q)
    var stepper = TaylorStepper(network: network, data: data, precision: q,
                                maximumOrder: TaylorStepSize.order(toleranceBits: bits))
    stepper.jets.threadCount = threadCount ?? 1
    var y = initial.map { S($0, precision: q) }
    var next = initial.map { S($0, precision: q) }
    let tEnd = S(end, precision: q)
    var t = S(0, precision: q)
    var remaining = S(0, precision: q)
    var taken = S(0, precision: q)
    let zero = S(0, precision: q)
    var steps = 0, changes = 0, order = 0
    var reached = false
    while steps < maximumSteps {
        remaining.sub(tEnd, t)
        if !(remaining > zero) { reached = true; break }
        order = stepper.step(from: y, maximumStep: remaining, tolerance: tolerance, into: &next, taken: &taken)
        swap(&y, &next)
        steps += 1
        if stepper.lastStepEndedAtPatternChange { changes += 1 }
        if taken == remaining { t.set(tEnd); reached = true; break }   // landed exactly on the end
        t.add(t, taken)
        if let progress, steps % progressInterval == 0 { progress(t.doubleValue, steps) }
    }
    let elapsed = clock.now - started
    return TaylorRun(time: S(t, precision: p), state: y.map { S($0, precision: p) }, reachedEnd: reached,
                     steps: steps, patternChanges: changes, order: order, toleranceBits: bits,
                     internalPrecision: q, threadCount: stepper.jets.threadCount,
                     wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
