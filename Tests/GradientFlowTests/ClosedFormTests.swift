import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// Claim 12 for the extrapolation integrator (`GradientFlowIntegrator(system:)`, no Taylor):
/// a(t)² against the closed form of `Claim12Reference`, relative error ≤ 2^(−p+12).
@Suite("Claim 12: integrator against the closed form")
struct ClosedFormTests {
    func check<S: Scalar>(_ type: S.Type, bits: Int) throws {
        let p = try Precision(bits: bits)
        for t in [1, 10, 100] {
            let (network, data, initial, s): (TwoLayerNetwork, Dataset<S>, [S], S) = Claim12Reference.problem(p)
            var options = FlowOptions()
            options.stop = .time(DecimalNumber(t))
            options.escapeRadius = nil
            var integrator = GradientFlowIntegrator(system: LossKernel(network: network, data: data, precision: p), options: options)
            let run = try integrator.integrate(from: initial)
            #expect(run.status == .reachedTime)
            let a = run.final.state[0]
            let exact = Claim12Reference.aSquared(at: t, s: s, p)
            let relative = S.abs((a * a - exact) / exact)
            let bound = S(Rational.pow(Rational(2), -(bits - 12)), precision: p)
            #expect(relative <= bound, "t = \(t), \(bits) bits: relative error \(relative.decimal(significantDigits: 3)) > 2^-\(bits - 12); \(run.statistics.acceptedSteps) steps")
        }
    }

    @Test("double") func double() throws { try check(Double.self, bits: 53) }
    @Test("256 bits") func bits256() throws { try check(BigFloat.self, bits: 256) }
    // 1024 bits: extrapolation needs ~50 columns there; the Taylor suite covers 1024 bits.
}
