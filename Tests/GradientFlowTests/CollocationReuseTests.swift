@testable import GradientFlow
import MultiPrecision
import Testing

/// θ' = −Hθ − θ³ (componentwise cube) for LinearFlow's H: the gradient flow of
/// ½θᵀHθ + ¼Σθ_i⁴, with the symmetric Jacobian −H − 3 diag(θ²). Nonlinear, so the collocation
/// remainder r is not zero and the fixed-point iteration has work to do.
struct CubicFlow<S: Scalar>: FlowSystem {
    typealias Value = S
    let linear: LinearFlow<S>
    var precision: Precision { linear.precision }
    var dimension: Int { linear.dimension }

    init(precision: Precision) { linear = LinearFlow(precision: precision) }

    mutating func field(at theta: [S], into v: inout [S]) {
        var l = linear
        l.field(at: theta, into: &v)
        for i in 0..<dimension { v[i] = v[i] - theta[i] * theta[i] * theta[i] }
    }

    func replica() -> Self { self }
    mutating func fieldJacobian(at theta: [S], into jacobian: inout [S]) {
        var l = linear
        l.fieldJacobian(at: theta, into: &jacobian)
        let n = dimension
        for i in 0..<n { jacobian[i * n + i] = jacobian[i * n + i] - S(3, precision: precision) * theta[i] * theta[i] }
    }

    mutating func loss(at theta: [S], into l: inout S) {
        var lin = linear
        lin.loss(at: theta, into: &l)
        for x in theta { l = l + x * x * x * x / S(4, precision: precision) }
    }
}

@Suite("Exponential collocation: reuse across attempts and the extrapolated start")
struct CollocationReuseTests {
    static let p = try! Precision(bits: 256)
    static var start: [BigFloat] {
        LinearFlow<BigFloat>.initial.map { BigFloat($0, precision: p) / BigFloat(4, precision: p) }
    }
    static func field(_ y: [BigFloat]) -> [BigFloat] {
        var system = CubicFlow<BigFloat>(precision: p), f = system.makeVector()
        system.field(at: y, into: &f)
        return f
    }
    static let tolerance = BigFloat(Rational.pow(Rational(2), -120), precision: p)

    /// A step retried from the same start with another length keeps the eigensystem (one
    /// Jacobian) and gives bit for bit the result and error of a fresh stepper's step; a second
    /// identical attempt (dense output at the same τ) repeats it exactly.
    @Test("a retried step equals a fresh one, bit for bit") func retry() {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        let y = Self.start, f0 = Self.field(y)
        let long = BigFloat(1, precision: Self.p), short = BigFloat(Rational(numerator: 1, denominator: 32), precision: Self.p)
        var retried = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        _ = retried.step(&system, from: y, fieldAtStart: f0, step: long, tolerance: Self.tolerance)
        let again = retried.step(&system, from: y, fieldAtStart: f0, step: short, tolerance: Self.tolerance)
        let afterRetry = retried.result
        let third = retried.step(&system, from: y, fieldAtStart: f0, step: short, tolerance: Self.tolerance)
        var fresh = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        let once = fresh.step(&system, from: y, fieldAtStart: f0, step: short, tolerance: Self.tolerance)
        #expect(once <= 1, "error ratio \(once)")
        #expect(again == once && third == once)
        #expect(afterRetry == fresh.result && retried.result == fresh.result)
        #expect(retried.jacobianEvaluations == 1 && fresh.jacobianEvaluations == 1)
        // The step of the other length really differs (the weights were re-formed for it).
        _ = retried.step(&system, from: y, fieldAtStart: f0, step: long, tolerance: Self.tolerance)
        #expect(retried.result != fresh.result)
    }

    /// Consecutive steps started from the previous step's extrapolated node states reach the
    /// fixed point of the plain iteration (started from y₀) to well within the tolerance, in
    /// fewer iterations.
    @Test("the extrapolated start converges to the plain iteration's fixed point, sooner")
    func extrapolatedStart() {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        var guided = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        var plain = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        plain.extrapolatesStart = false
        var y = Self.start
        let H = BigFloat(Rational(numerator: 1, denominator: 32), precision: Self.p)
        var guidedIterations = 0, plainIterations = 0
        for n in 0..<6 {
            let f0 = Self.field(y)
            let before = (guided.fixedPointIterations, plain.fixedPointIterations)
            let a = guided.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            let b = plain.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            #expect(a <= 1 && b <= 1, "step \(n): error ratios \(a), \(b)")
            var scale = BigFloat(0, precision: Self.p), difference = BigFloat(0, precision: Self.p)
            for (u, v) in zip(guided.result, plain.result) {
                difference = max(difference, BigFloat.abs(u - v)); scale = max(scale, BigFloat.abs(v))
            }
            #expect(difference <= Self.tolerance * scale / BigFloat(100, precision: Self.p),
                    "step \(n): |Δ| = \(difference.decimal(significantDigits: 3))")
            if n > 0 {
                guidedIterations += guided.fixedPointIterations - before.0
                plainIterations += plain.fixedPointIterations - before.1
            }
            // Both continue from the guided stepper's end (its start is extrapolated only there).
            y = guided.result.map { BigFloat($0, precision: Self.p) }
        }
        #expect(guidedIterations < plainIterations, "iterations \(guidedIterations) vs \(plainIterations)")
    }

    /// A step whose iteration is mixed (`AndersonMixing`) ends at the fixed point of the plain
    /// iteration to well within the tolerance wherever both steps are accepted, for steps from
    /// short to long (1/1024 to 4), and converges on at least as many of them.
    @Test("the mixed iteration reaches the plain iteration's fixed point") func mixedIteration() {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        let y = Self.start, f0 = Self.field(y)
        var mixedConverged = 0, plainConverged = 0, accepted = 0
        for k in 0...12 {
            let H = BigFloat(Rational(numerator: 1 << k, denominator: 1024), precision: Self.p)
            var mixed = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
            var plain = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p,
                                                                          acceleration: 0)
            let a = mixed.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            let b = plain.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            if a.isFinite { mixedConverged += 1 }
            if b.isFinite { plainConverged += 1 }
            // Compared where both steps are accepted (a rejected step's result is discarded).
            guard a <= 1 && b <= 1 else { continue }
            accepted += 1
            var scale = BigFloat(0, precision: Self.p), difference = BigFloat(0, precision: Self.p)
            for (u, v) in zip(mixed.result, plain.result) {
                difference = max(difference, BigFloat.abs(u - v)); scale = max(scale, BigFloat.abs(v))
            }
            #expect(difference <= Self.tolerance * scale / BigFloat(100, precision: Self.p),
                    "H = 2^\(k - 10): |Δ| = \(difference.decimal(significantDigits: 3))")
        }
        #expect(accepted >= 3 && mixedConverged >= plainConverged, "\(accepted) accepted; \(mixedConverged) vs \(plainConverged)")
    }

    /// A wrong starting guess (the recorded node states of the previous step scaled by 2^40)
    /// does not change the step: the iteration from it fails to converge and the step falls back
    /// to the plain iteration from y₀, with the plain stepper's result to well within the
    /// tolerance.
    @Test("a wrong starting guess falls back to the plain iteration") func wrongGuess() {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        var guided = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        var plain = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: Self.p)
        plain.extrapolatesStart = false
        let H = BigFloat(Rational(numerator: 1, denominator: 32), precision: Self.p)
        let y0 = Self.start
        #expect(guided.step(&system, from: y0, fieldAtStart: Self.field(y0), step: H, tolerance: Self.tolerance) <= 1)
        let y1 = guided.result.map { BigFloat($0, precision: Self.p) }
        let huge = BigFloat(Rational.pow(Rational(2), 40), precision: Self.p)
        for j in 0..<16 { for i in 0..<8 { guided.guess.states[j][i] = guided.guess.states[j][i] * huge } }
        let before = guided.evaluations
        let a = guided.step(&system, from: y1, fieldAtStart: Self.field(y1), step: H, tolerance: Self.tolerance)
        let b = plain.step(&system, from: y1, fieldAtStart: Self.field(y1), step: H, tolerance: Self.tolerance)
        #expect(a <= 1 && b <= 1, "error ratios \(a), \(b)")
        var difference = BigFloat(0, precision: Self.p), scale = BigFloat(0, precision: Self.p)
        for (u, v) in zip(guided.result, plain.result) {
            difference = max(difference, BigFloat.abs(u - v)); scale = max(scale, BigFloat.abs(v))
        }
        #expect(difference <= Self.tolerance * scale / BigFloat(100, precision: Self.p))
        // The failed attempt from the guess cost evaluations beyond the plain iteration's.
        #expect(guided.evaluations - before > plain.evaluations, "\(guided.evaluations - before) vs \(plain.evaluations)")
    }
}
