import Foundation
import Testing
import MultiPrecision
@testable import TwoLayerNet

@Suite("Gauss–Hermite and population risk")
struct PopulationRiskTests {
    @Test("the rule reproduces the normal moments at 256 bits")
    func moments() {
        let p = Fixture.p256
        for n in [1, 2, 7, 20, 48] {
            let rule = GaussHermiteRule<BigFloat>(order: n, precision: p)
            // E[t^{2r}] = (2r − 1)!! for 2r ≤ 2n − 1.
            var doubleFactorial = BigFloat(1, precision: p)
            for r in 0..<n {
                let moment = rule.expectation { BigFloat.pow($0, 2 * r) }
                let err = BigFloat.abs(moment - doubleFactorial) / doubleFactorial
                #expect(err < Fixture.pow2(-245, p), "order \(n), E[t^\(2 * r)]: error \(err.decimal(significantDigits: 3))")
                doubleFactorial = doubleFactorial * BigFloat(2 * r + 1, precision: p)
            }
            let odd = rule.expectation { BigFloat.pow($0, 3) }
            #expect(BigFloat.abs(odd) < Fixture.pow2(-245, p))
        }
        // A non-polynomial closed form: E[e^t] = e^{1/2}, converging fast in the order.
        let rule = GaussHermiteRule<BigFloat>(order: 64, precision: p)
        let ex = rule.expectation { BigFloat.exp($0) }
        let exact = BigFloat.exp(BigFloat(Rational(numerator: 1, denominator: 2), precision: p))
        #expect(BigFloat.abs(ex - exact) < Fixture.tenTo(-60, p))
        // The Double rule agrees with the 256-bit rule.
        let rd = GaussHermiteRule<Double>(order: 64, precision: .double)
        for i in 0..<64 {
            #expect(Swift.abs(rd.nodes[i] - rule.nodes[i].doubleValue) <= 1e-15 * Swift.max(1, Swift.abs(rd.nodes[i])))
            #expect(Swift.abs(rd.weights[i] - rule.weights[i].doubleValue) <= 1e-15 * rd.weights[i])
        }
    }

    @Test("linear σ: quadrature equals the closed form to working precision", arguments: [false, true])
    func linearClosedForm(_ bias: Bool) {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 3, inputDimension: 3, hasBias: bias, activation: .linear)
        let theta = Fixture.big(Fixture.doubles(net.parameterCount, seed: 41), p)
        let target = Target<BigFloat>(outputWeight: BigFloat(Rational(numerator: 3, denominator: 2), precision: p),
                                      inputWeights: Fixture.big([0.5, -1, 0.25], p))
        var evaluator = PopulationRiskEvaluator<BigFloat>(network: net, precision: p, orders: (3, 4))
        let quad = evaluator.risk(of: theta, target: target, forceQuadrature: true)
        let closed = evaluator.risk(of: theta, target: target)
        #expect(closed.method == .closedForm && quad.method == .gaussHermite)
        // Closed form written out independently: ‖Σ a_k w_k − a* w*‖² + (Σ a_k b_k)².
        let q = net.neuronBlockSize
        var ref = BigFloat(0, precision: p)
        for j in 0..<3 {
            var c = -(target.outputWeight * target.inputWeights[j])
            for k in 0..<3 { c = c + theta[k * q] * theta[k * q + 1 + j] }
            ref = ref + c * c
        }
        if bias {
            var c = BigFloat(0, precision: p)
            for k in 0..<3 { c = c + theta[k * q] * theta[k * q + 4] }
            ref = ref + c * c
        }
        #expect(BigFloat.abs(closed.value - ref) / ref < Fixture.pow2(-250, p))
        let err = BigFloat.abs(quad.value - ref) / ref
        #expect(err < Fixture.pow2(-245, p), "quadrature vs closed form: \(err.decimal(significantDigits: 3))")
        #expect(quad.errorEstimate < Fixture.pow2(-240, p) * ref)
    }

    @Test("tanh: two orders agree and match a 1e6-sample Monte Carlo within its standard error")
    func tanhMonteCarlo() {
        let d = 3, m = 2
        let net = TwoLayerNetwork(width: m, inputDimension: d, activation: .tanh)
        let thetaD: [Double] = [0.8, 0.9, -0.3, 0.2, -0.6, 0.4, 0.7, -0.5]
        let p = Fixture.p256
        let target = Target<BigFloat>.standard(inputDimension: d, precision: p)
        var evaluator = PopulationRiskEvaluator<BigFloat>(network: net, precision: p, orders: (64, 96))
        let risk = evaluator.risk(of: Fixture.big(thetaD, p), target: target)
        let r = risk.value.doubleValue
        #expect(risk.errorEstimate.doubleValue < 1e-8 * r, "orders disagree: \(risk.errorEstimate.decimal(significantDigits: 3))")
        // Independent Monte Carlo in double: Box–Muller with the platform libm.
        var g = SeededGenerator(seed: 2024)
        var sum = 0.0, sumSq = 0.0
        let samples = 1_000_000
        var x = [Double](repeating: 0, count: d)
        var spare: Double? = nil
        func normal() -> Double {
            if let s = spare { spare = nil; return s }
            let u1 = 1 - g.nextUnitDouble(), u2 = g.nextUnitDouble()
            let rr = (-2 * Foundation.log(u1)).squareRoot()
            spare = rr * Foundation.sin(2 * Double.pi * u2)
            return rr * Foundation.cos(2 * Double.pi * u2)
        }
        for _ in 0..<samples {
            for j in 0..<d { x[j] = normal() }
            var f = 0.0
            for k in 0..<m {
                var u = 0.0
                for j in 0..<d { u += thetaD[k * 4 + 1 + j] * x[j] }
                f += thetaD[k * 4] * Foundation.tanh(u)
            }
            let e = f - Foundation.tanh(x[0])
            sum += e * e
            sumSq += e * e * e * e
        }
        let mean = sum / Double(samples)
        let se = ((sumSq / Double(samples) - mean * mean) / Double(samples - 1)).squareRoot()
        #expect(Swift.abs(mean - r) < 4 * se, "quadrature \(r) vs Monte Carlo \(mean) ± \(se)")
        // Double instantiation of the quadrature agrees too.
        var evalD = PopulationRiskEvaluator<Double>(network: net, precision: .double, orders: (64, 96))
        let rd = evalD.risk(of: thetaD, target: .standard(inputDimension: d, precision: .double))
        #expect(Swift.abs(rd.value - r) < 1e-12 * r)
    }

    @Test("tanh risk vanishes on the target set and is symmetric under neuron sign flips")
    func targetSet() {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 2, inputDimension: 2, activation: .tanh)
        let target = Target<BigFloat>.standard(inputDimension: 2, precision: p)
        var evaluator = PopulationRiskEvaluator<BigFloat>(network: net, precision: p, orders: (20, 30))
        // Neuron 1 = 0.25 · target, neuron 2 = −0.75 · (−w*): f ≡ f*.
        let theta = Fixture.big([0.25, 1, 0, -0.75, -1, 0], p)
        let r = evaluator.risk(of: theta, target: target)
        #expect(BigFloat.abs(r.value) < Fixture.pow2(-240, p))
        // Held-out fallback on the same point is zero as well.
        let sample: Dataset<BigFloat> = Fixture.dataset(n: 10, d: 2, seed: 3, activation: .tanh, precision: p)
        let held = PopulationRiskEvaluator<BigFloat>.heldOutRisk(of: theta, network: net, sample: sample, precision: p)
        #expect(held.value < Fixture.pow2(-240, p))
    }
}
