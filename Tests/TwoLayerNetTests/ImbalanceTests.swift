import Testing
import MultiPrecision
@testable import TwoLayerNet

/// Claim 1: along the flow, dC_k/dt = 2a_k a_k' − 2 w̃_k·w̃_k' (from the field) equals
/// (−2a_k/n) Σ_i e_i [σ(u_ik) − u_ik σ'(u_ik)], which is exactly 0 for 1-homogeneous σ.
@Suite("Imbalance (proofs/THEORY.md §2, claim 1)")
struct ImbalanceTests {
    static let activations: [Activation] = [.tanh, .linear, .relu, .leakyRelu(slope: Rational(numerator: 1, denominator: 5))]

    @Test("dC/dt from the field vs the claim-1 formula", arguments: activations, [false, true])
    func conservation(_ act: Activation, _ bias: Bool) {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 3, inputDimension: 3, hasBias: bias, activation: act)
        let data: Dataset<BigFloat> = Fixture.dataset(n: 4, d: 3, seed: 21, activation: act, precision: p)
        let theta = Fixture.big(Fixture.doubles(net.parameterCount, seed: 22), p)
        var kernel = LossKernel(network: net, data: data, precision: p)
        var v = kernel.makeVector()
        kernel.flowField(at: theta, into: &v)
        var e = TwoLayerNetwork.registers(4, precision: p, as: BigFloat.self)
        kernel.residuals(at: theta, into: &e)
        let q = net.neuronBlockSize, d = 3
        let two = BigFloat(2, precision: p)
        for k in 0..<3 {
            // From the field.
            var fromField = two * theta[k * q] * v[k * q]
            for j in 1..<q { fromField = fromField - two * theta[k * q + j] * v[k * q + j] }
            // Claim 1, written out.
            var s = BigFloat(0, precision: p)
            for i in 0..<4 {
                var u = bias ? theta[k * q + 1 + d] : BigFloat(0, precision: p)
                for j in 0..<d { u = u + theta[k * q + 1 + j] * data.inputs[i * d + j] }
                let (s0, s1, _) = Reference.sigma(act, u)
                s = s + e[i] * (s0 - u * s1)
            }
            let formula = BigFloat(-2, precision: p) * theta[k * q] * s / BigFloat(4, precision: p)
            let diff = BigFloat.abs(fromField - formula)
            #expect(diff < Fixture.pow2(-240, p), "neuron \(k): field \(fromField.decimal(significantDigits: 5)) vs formula \(formula.decimal(significantDigits: 5))")
            if act.isPositivelyHomogeneous {
                #expect(formula.isZero, "σ(u) − uσ'(u) must vanish exactly for \(act)")
            } else {
                #expect(BigFloat.abs(formula) > Fixture.tenTo(-3, p), "tanh: C must drift")
            }
        }
        // C itself, against its definition.
        let c = net.imbalance(of: theta)
        for k in 0..<3 {
            var ref = theta[k * q] * theta[k * q]
            for j in 1..<q { ref = ref - theta[k * q + j] * theta[k * q + j] }
            #expect(BigFloat.abs(c[k] - ref) < Fixture.pow2(-250, p))
        }
    }

    @Test("Ĉ, ρ, p, p̂ against their definitions")
    func derivedQuantities() {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 2, inputDimension: 2)
        // θ = (a1, w1; a2, w2) = (3, 1, 1; 1, 2, 0)
        let theta = [3, 1, 1, 1, 2, 0].map { BigFloat($0, precision: p) }
        let c = net.imbalance(of: theta)           // (9 − 2, 1 − 4) = (7, −3)
        #expect(c[0] == BigFloat(7, precision: p) && c[1] == BigFloat(-3, precision: p))
        let cHat = net.normalizedImbalance(of: theta)!
        let norm = BigFloat.sqrt(BigFloat(58, precision: p))
        #expect(BigFloat.abs(cHat[0] - BigFloat(7, precision: p) / norm) < Fixture.pow2(-250, p))
        let rho = net.imbalanceRatios(of: theta)  // 7/11, −3/5
        #expect(BigFloat.abs(rho[0] - BigFloat(Rational(numerator: 7, denominator: 11), precision: p)) < Fixture.pow2(-250, p))
        #expect(BigFloat.abs(rho[1] - BigFloat(Rational(numerator: -3, denominator: 5), precision: p)) < Fixture.pow2(-250, p))
        let zHat = [BigFloat(0, precision: p), BigFloat(1, precision: p)]
        let amp = net.growthAmplitudes(of: theta, direction: zHat) // ((3+1)/2, (1+0)/2)
        #expect(amp[0] == BigFloat(2, precision: p) && amp[1] == BigFloat(Rational(numerator: 1, denominator: 2), precision: p))
        let pHat = net.normalizedGrowthAmplitudes(of: theta, direction: zHat)!
        #expect(BigFloat.abs(pHat[0] - BigFloat(4, precision: p) / BigFloat.sqrt(BigFloat(17, precision: p))) < Fixture.pow2(-250, p))
    }

    @Test("linear-phase direction z = (σ'(0)/n) Σ y_i x̃_i")
    func linearPhase() {
        let p = Fixture.p256
        for bias in [false, true] {
            let net = TwoLayerNetwork(width: 2, inputDimension: 3, hasBias: bias, activation: .tanh)
            let data: Dataset<BigFloat> = Fixture.dataset(n: 5, d: 3, seed: 31, activation: .tanh, precision: p)
            let lp = LinearPhaseDirection(network: net, data: data, precision: p)
            var ref: [BigFloat] = []
            for j in 0..<net.extendedInputDimension {
                var s = BigFloat(0, precision: p)
                for i in 0..<5 { s = s + data.labels[i] * (j < 3 ? data.inputs[i * 3 + j] : BigFloat(1, precision: p)) }
                ref.append(s / BigFloat(5, precision: p))
            }
            #expect(Fixture.relativeDifference(lp.z, ref) < Fixture.pow2(-250, p))
            var s2 = BigFloat(0, precision: p)
            for r in ref { s2 = s2 + r * r }
            #expect(BigFloat.abs(lp.rate - BigFloat.sqrt(s2)) < Fixture.pow2(-250, p))
            #expect(lp.unitDirection != nil)
        }
    }
}
