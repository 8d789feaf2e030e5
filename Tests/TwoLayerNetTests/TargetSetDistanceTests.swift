import Testing
import MultiPrecision
@testable import TwoLayerNet

@Suite("Distance to the target set Q*")
struct TargetSetDistanceTests {
    @Test("zero on Q*_al, and the nearest-point formula off it")
    func distances() {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 2, inputDimension: 2, activation: .tanh)
        let target = Target<BigFloat>.standard(inputDimension: 2, precision: p)
        // One neuron is the target, the other is zero: distance 0.
        let onQ = Fixture.big([1, 1, 0, 0, 0, 0], p)
        let d0 = TargetSetDistance(of: onQ, network: net, target: target)!
        #expect(d0.distance.isZero)
        #expect(d0.alignedCount == 1)
        // Split target with a sign flip: (0.25, w*) and (−0.75, −w*): on Q*, both aligned.
        let split = Fixture.big([0.25, 1, 0, -0.75, -1, 0], p)
        let d1 = TargetSetDistance(of: split, network: net, target: target)!
        #expect(d1.distance.isZero)
        #expect(d1.roles == [.aligned(sign: 1), .aligned(sign: -1)])
        // Perturbed: neuron 1 = (1 + α, (1, β)), neuron 2 = (γ, (0, 0)) with small α, β, γ.
        // Nearest point: neuron 1 aligned, neuron 2 dead (w̃ already 0) with a free:
        // dist² = β² + α² (K = 1: r = 1 − (1 + α) = −α).
        let a = 1e-3, b = 2e-3, c = 5e-4
        let off = Fixture.big([1 + a, 1, b, c, 0, 0], p)
        let d2 = TargetSetDistance(of: off, network: net, target: target)!
        let A = BigFloat(1 + a, precision: p) - BigFloat(1, precision: p), B = BigFloat(b, precision: p)
        let expected = BigFloat.sqrt(A * A + B * B)
        #expect(BigFloat.abs(d2.distance - expected) < Fixture.pow2(-250, p))
        #expect(d2.roles == [.aligned(sign: 1), .dead])
        // relu is not odd: −w* is not aligned; the split point is then off Q*_al.
        let reluNet = TwoLayerNetwork(width: 2, inputDimension: 2, activation: .relu)
        let d3 = TargetSetDistance(of: split, network: reluNet, target: target)!
        #expect(!d3.distance.isZero)
    }

    @Test("dist to Q*: a cancelling pair is in Q* (not in Q*_al), and its imbalance is measured by hand")
    func cancellingPair() throws {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 3, inputDimension: 2, activation: .tanh)
        let target = Target<BigFloat>.standard(inputDimension: 2, precision: p)
        // Neuron 1 = target; neurons 2, 3 share v = (0.3, 0.7) (neuron 3 with −v) and cancel:
        // 0.5 tanh(vᵀx) + 0.5 tanh(−vᵀx) = 0.
        let pair = Fixture.big([1, 1, 0, 0.5, 0.3, 0.7, 0.5, -0.3, -0.7], p)
        let full = try #require(FullTargetSetDistance(of: pair, network: net, target: target))
        #expect(full.distance < Fixture.pow2(-250, p))
        let aligned = try #require(TargetSetDistance(of: pair, network: net, target: target))
        #expect(aligned.distance > BigFloat(0.1, precision: p))
        // Break the cancellation by h in a_3: the nearest point projects (a_2, s·a_3) onto
        // a_2 + s·a_3 = 0 (s = −1): dist = h/√2 (the directions still match).
        let h = 1e-5
        let broken = Fixture.big([1, 1, 0, 0.5, 0.3, 0.7, 0.5 + h, -0.3, -0.7], p)
        let d = try #require(FullTargetSetDistance(of: broken, network: net, target: target)).distance
        let H = BigFloat(0.5 + h, precision: p) - BigFloat(0.5, precision: p)
        let expected = H / BigFloat.sqrt(BigFloat(2, precision: p))
        #expect(BigFloat.abs(d - expected) < Fixture.pow2(-240, p))
        // Not tanh: no Q* search.
        #expect(FullTargetSetDistance(of: pair, network: TwoLayerNetwork(width: 3, inputDimension: 2, activation: .relu),
                                      target: target) == nil)
    }
}
