import Testing
import MultiPrecision
@testable import TwoLayerNet

@Suite("Activations")
struct ActivationTests {
    @Test("kernel σ, σ', σ'' match the independent formulas, including the kink convention")
    func values() throws {
        let p = Fixture.p256
        let acts: [Activation] = [.tanh, .linear, .relu, .leakyRelu(slope: Rational(numerator: 1, denominator: 100))]
        let points = ["-30", "-2.5", "-1e-40", "0", "1e-40", "0.75", "19"]
        for act in acts {
            var kernel = ActivationKernel<BigFloat>(act, precision: p)
            for text in points {
                let u = try BigFloat(parsing: text, precision: p)
                var v = BigFloat(0, precision: p), d1 = BigFloat(0, precision: p), d2 = BigFloat(0, precision: p)
                kernel.evaluate(u, order: 2, value: &v, first: &d1, second: &d2)
                let (r0, r1, r2) = Reference.sigma(act, u)
                let tol = Fixture.pow2(-250, p)
                #expect(BigFloat.abs(v - r0) <= tol * BigFloat.abs(r0), "\(act) σ(\(text))")
                #expect(BigFloat.abs(d1 - r1) <= tol, "\(act) σ'(\(text))")
                #expect(BigFloat.abs(d2 - r2) <= tol, "\(act) σ''(\(text))")
            }
            // Kink convention: left derivative at 0.
            let s0 = kernel.slopeAtZero()
            switch act {
            case .relu: #expect(s0.isZero)
            case .leakyRelu(let s): #expect(s0 == BigFloat(s, precision: p))
            default: #expect(s0 == BigFloat(1, precision: p))
            }
            #expect(act.slopeAtZero.map { BigFloat($0, precision: p) == s0 } ?? false)
        }
        #expect(Activation.relu.isPositivelyHomogeneous && !Activation.tanh.isPositivelyHomogeneous)
        #expect(Activation.tanh.isOdd && !Activation.relu.isOdd)
    }

    /// A power of a sum that would take hours to multiply out (found by `make fuzz`): the property
    /// checks stop at their budget and answer "not shown"; expressions they can expand keep their
    /// properties.
    @Test("an expression activation's homogeneity and oddness are decided in bounded time")
    func propertiesUnderBudget() throws {
        let began = ContinuousClock.now
        let heavy = try SymbolicExpressionActivation(parsing: "(-x / sigmoid(2) / tanh(1e10000))^4096")
        #expect(ContinuousClock.now - began < .seconds(4 * SymbolicExpressionActivation.propertyBudgetSeconds + 10))
        #expect(!heavy.isPositivelyHomogeneous && !heavy.isOdd)
        let cubic = try SymbolicExpressionActivation(parsing: "x + x^3/10")
        #expect(cubic.isOdd && !cubic.isPositivelyHomogeneous)
        #expect(try SymbolicExpressionActivation(parsing: "3*x").isPositivelyHomogeneous)
    }
}
