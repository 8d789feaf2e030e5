import MultiPrecision
import Testing
@testable import TwoLayerNet

/// Identical neurons stay identical to the bit in double: the kernels compute every neuron's
/// quantities with the same operations in the same order (sums over the samples, and over the
/// neurons only in the residuals e_i, which all neurons share), so the field −∇L and the Hessian
/// are exactly equivariant under swapping two identical neurons (the diagonal θ_k = θ_l is
/// invariant for the exact flow, proofs/claim-08.md).
@Suite("Neuron symmetry in double")
struct NeuronSymmetryTests {
    static let d = 5, n = 8

    /// θ(0) = ε θ̂ with neuron blocks `blocks[k]` of a base drawn in double (neurons with the
    /// same block index are identical).
    static func start(_ network: TwoLayerNetwork, blocks: [Int], epsilon: Double = 1e-3) -> [Double] {
        let q = network.neuronBlockSize
        let base = Fixture.doubles(q * (blocks.max()! + 1), seed: 11)
        return blocks.flatMap { b in (0..<q).map { epsilon * base[b * q + $0] } }
    }

    /// Classical Runge–Kutta 4 on θ' = −∇L with the kernel's field, `steps` steps of `h`
    /// (elementwise updates, the same for every coordinate).
    static func integrate(_ kernel: inout LossKernel<Double>, _ theta: [Double], steps: Int, h: Double) -> [Double] {
        var y = theta, k1 = kernel.makeVector(), k2 = k1, k3 = k1, k4 = k1, stage = k1
        for _ in 0..<steps {
            kernel.flowField(at: y, into: &k1)
            for j in y.indices { stage[j] = y[j] + h / 2 * k1[j] }
            kernel.flowField(at: stage, into: &k2)
            for j in y.indices { stage[j] = y[j] + h / 2 * k2[j] }
            kernel.flowField(at: stage, into: &k3)
            for j in y.indices { stage[j] = y[j] + h * k3[j] }
            kernel.flowField(at: stage, into: &k4)
            for j in y.indices { y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]) }
        }
        return y
    }

    static func block(_ theta: [Double], _ k: Int, _ q: Int) -> [UInt64] {
        theta[(k * q)..<((k + 1) * q)].map(\.bitPattern)
    }

    static func kernel(width m: Int) -> (TwoLayerNetwork, LossKernel<Double>) {
        let network = TwoLayerNetwork(width: m, inputDimension: d, activation: .tanh)
        let data: Dataset<Double> = Fixture.dataset(n: n, d: d, seed: 5, activation: .tanh, precision: .double)
        return (network, LossKernel(network: network, data: data, precision: .double))
    }

    @Test("two identical neurons at d = 5, integrated in double through escape, end bit-identical",
          arguments: [[0, 0], [0, 1, 0]])
    func identicalNeuronsStayIdentical(_ blocks: [Int]) {
        let (network, fresh) = Self.kernel(width: blocks.count)
        var kernel = fresh
        let q = network.neuronBlockSize, last = blocks.count - 1
        let theta0 = Self.start(network, blocks: blocks)
        let lossBefore = kernel.loss(at: theta0)
        let theta = Self.integrate(&kernel, theta0, steps: 4000, h: 0.05)
        // The run did something: the neurons grew out of the ε-ball and the loss fell.
        #expect(abs(theta[0]) > 100 * abs(theta0[0]))
        #expect(kernel.loss(at: theta) < lossBefore / 10)
        #expect(Self.block(theta, 0, q) == Self.block(theta, last, q),
                "neurons 0 and \(last): \(theta[0..<q]) vs \(theta[(last * q)..<((last + 1) * q)])")
    }

    @Test("the check can fail: one ulp between the two neurons at the start is still there at the end")
    func oneUlpApartStaysApart() {
        let (network, fresh) = Self.kernel(width: 2)
        var kernel = fresh
        let q = network.neuronBlockSize
        var theta0 = Self.start(network, blocks: [0, 0])
        theta0[q + 1] = theta0[q + 1].nextUp
        let theta = Self.integrate(&kernel, theta0, steps: 4000, h: 0.05)
        #expect(Self.block(theta, 0, q) != Self.block(theta, 1, q))
    }

    @Test("at a point with identical neurons 0 and 2 the gradient blocks and the Hessian are exactly equivariant")
    func gradientAndHessianEquivariant() {
        let (network, fresh) = Self.kernel(width: 3)
        var kernel = fresh
        let q = network.neuronBlockSize, P = network.parameterCount
        let theta = Self.start(network, blocks: [0, 1, 0], epsilon: 0.7)
        let g = kernel.gradient(at: theta), h = kernel.hessian(at: theta)
        #expect(Self.block(g, 0, q) == Self.block(g, 2, q))
        // π swaps neurons 0 and 2: H[π r][π c] = H[r][c] bit for bit.
        func swap(_ r: Int) -> Int { r < q ? r + 2 * q : (r >= 2 * q ? r - 2 * q : r) }
        var mismatches = 0
        for r in 0..<P { for c in 0..<P where h[swap(r) * P + swap(c)].bitPattern != h[r * P + c].bitPattern { mismatches += 1 } }
        #expect(mismatches == 0)
    }
}
