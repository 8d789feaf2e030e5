import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// Claim 12 for the Taylor integrator: a(t)² against the closed form of `Claim12Reference`,
/// relative error ≤ 2^(−p+12), at 53, 256 and 1024 bits.
@Suite("Taylor integrator: claim 12 closed form")
struct TaylorClosedFormTests {
    /// Integrates 0 → 1 → 10 → 100 with the Taylor method only (each leg a separate run from
    /// the last state, so each end time is landed on exactly) and checks a(t)² at each.
    func check<S: Scalar>(_ type: S.Type, bits: Int) throws {
        let p = bits == 53 ? Precision.double : try Precision(bits: bits)
        let (net, data, theta0, s): (TwoLayerNetwork, Dataset<S>, [S], S) = Claim12Reference.problem(p)
        var theta = theta0
        var start = 0
        for t in [1, 10, 100] {
            var options = FlowOptions()
            options.stop = .time(DecimalNumber(t - start))
            options.escapeRadius = nil
            options.method = .taylor
            var integrator = GradientFlowIntegrator(network: net, data: data, options: options)
            let run = try integrator.integrate(from: theta)
            #expect(run.status == .reachedTime)
            theta = run.final.state
            start = t
            let a = theta[0]
            let exact = Claim12Reference.aSquared(at: t, s: s, p)
            let relative = S.abs((a * a - exact) / exact)
            let bound = S(Rational.pow(Rational(2), -(bits - 12)), precision: p)
            #expect(relative <= bound,
                    "t = \(t), \(bits) bits: relative error \(relative.decimal(significantDigits: 3)) > 2^-\(bits - 12); \(run.statistics.acceptedSteps) steps")
        }
    }

    @Test("double") func double() throws { try check(Double.self, bits: 53) }
    @Test("256 bits") func bits256() throws { try check(BigFloat.self, bits: 256) }
    @Test("1024 bits") func bits1024() throws { try check(BigFloat.self, bits: 1024) }
}
