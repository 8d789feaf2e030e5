import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// The Taylor stepper computes coefficient k with the bits the step needs
/// (`TaylorStepSize.coefficientBits`) instead of all bits: the step must keep its tolerance
/// while the high coefficients themselves lose their low bits (so the shortening is real).
@Suite("Taylor jets: coefficients shortened to the bits the step needs")
struct TaylorTruncationTests {
    typealias Fixture = TaylorCoefficientTests

    /// One step of the truncating stepper against one of a stepper with full coefficients, at
    /// 512 bits and tolerance 2^−512, on the O(1) problem of the coefficient tests.
    @Test("a step agrees with the full-precision step to the tolerance; θ_K does not agree to all bits")
    func stepKeepsTolerance() throws {
        let p = try Precision(bits: 512)
        let (net, data, theta): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) = Fixture.problem(.tanh, bias: true, p)
        let tolerance: BigFloat = Fixture.power2(-512, p)
        var short = TaylorStepper(network: net, data: data, precision: p)
        var full = TaylorStepper(network: net, data: data, precision: p)
        full.jets.truncatesCoefficients = false
        #expect(short.jets.truncatesCoefficients)
        var outShort = theta, outFull = theta
        let a = short.step(from: theta, maximumStep: nil, tolerance: tolerance, into: &outShort)
        let b = full.step(from: theta, maximumStep: nil, tolerance: tolerance, into: &outFull)
        #expect(a.order == b.order)
        #expect(Fixture.relativeDistance([a.taken], [b.taken]) <= Fixture.power2(-40, p), "the steps differ")
        // Same step length for both polynomials, so the comparison is of the polynomials alone.
        short.jets.evaluate(at: b.taken, into: &outShort)
        let err = Fixture.relativeDistance(outShort, outFull)
        #expect(err <= Fixture.power2(-500, p), "step error \(err.decimal(significantDigits: 3))")
        // The top coefficient carries only coefficientBits(K, K) ≈ 0.29K + 64 bits.
        let K = a.order
        let top = (0..<theta.count).map { short.jets.coefficient(K, parameter: $0) }
        let topFull = (0..<theta.count).map { full.jets.coefficient(K, parameter: $0) }
        let topError = Fixture.relativeDistance(top, topFull)
        #expect(topError > Fixture.power2(-(p.bits - 64), p), "θ_\(K) agrees to all bits: nothing was shortened")
        #expect(topError <= Fixture.power2(-(TaylorStepSize.coefficientBits(level: K, order: K) - 72), p),
                "θ_\(K) errs by \(topError.decimal(significantDigits: 3)), beyond its bits")
    }

    /// The rule: all bits at level 0 for the default tolerance (p + 32 bits of stepper
    /// precision), decreasing by about 2.6 bits per level, never below the 64 guard bits.
    @Test("coefficientBits: all bits at level 0, 64 guard bits at level K")
    func rule() {
        for bits in [256, 1024, 4096] {
            let K = TaylorStepSize.order(toleranceBits: bits)
            #expect(TaylorStepSize.coefficientBits(level: 0, order: K) >= bits + 32)
            #expect(TaylorStepSize.coefficientBits(level: K, order: K) >= 64)
            #expect(TaylorStepSize.coefficientBits(level: K, order: K) < bits / 2 + 64)
        }
    }
}
