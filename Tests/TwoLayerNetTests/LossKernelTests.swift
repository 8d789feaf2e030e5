import Testing
import MultiPrecision
@testable import TwoLayerNet

/// Gradient and Hessian of L (proofs/THEORY.md §1) against (a) fourth-order central finite differences
/// at 512 bits and (b) the proofs/THEORY.md formulas written out independently here (value API, bias
/// handled explicitly rather than as an extended coordinate).
@Suite("Loss kernel")
struct LossKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let activation: Activation
        let m: Int, d: Int, n: Int, bias: Bool
        var testDescription: String { "\(activation.name) m=\(m) d=\(d) n=\(n) bias=\(bias)" }
    }

    static let cases: [Case] = [
        Case(activation: .tanh, m: 2, d: 3, n: 4, bias: false),
        Case(activation: .tanh, m: 3, d: 2, n: 3, bias: true),
        Case(activation: .linear, m: 2, d: 3, n: 4, bias: false),
        Case(activation: .linear, m: 3, d: 2, n: 3, bias: true),
        Case(activation: .relu, m: 2, d: 3, n: 4, bias: false),
        Case(activation: .relu, m: 3, d: 2, n: 3, bias: true),
        Case(activation: .leakyRelu(slope: Rational(numerator: 1, denominator: 10)), m: 1, d: 2, n: 2, bias: true),
    ]

    static func setUp(_ c: Case, _ p: Precision) -> (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) {
        let net = TwoLayerNetwork(width: c.m, inputDimension: c.d, hasBias: c.bias, activation: c.activation)
        let data: Dataset<BigFloat> = Fixture.dataset(n: c.n, d: c.d, seed: 11, activation: c.activation, precision: p)
        let theta = Fixture.big(Fixture.doubles(net.parameterCount, seed: 12), p)
        return (net, data, theta)
    }

    /// L(θ) written out independently.
    static func referenceLoss(_ net: TwoLayerNetwork, _ data: Dataset<BigFloat>, _ theta: [BigFloat]) -> BigFloat {
        let p = theta[0].precision, d = net.inputDimension, q = net.neuronBlockSize
        var sum = BigFloat(0, precision: p)
        for i in 0..<data.sampleCount {
            var f = BigFloat(0, precision: p)
            for k in 0..<net.width {
                var u = net.hasBias ? theta[k * q + 1 + d] : BigFloat(0, precision: p)
                for j in 0..<d { u = u + theta[k * q + 1 + j] * data.inputs[i * d + j] }
                f = f + theta[k * q] * Reference.sigma(net.activation, u).0
            }
            let e = f - data.labels[i]
            sum = sum + e * e
        }
        return sum / BigFloat(2 * data.sampleCount, precision: p)
    }

    /// ∇L and ∇²L from proofs/THEORY.md §1 written out independently.
    static func referenceDerivatives(_ net: TwoLayerNetwork, _ data: Dataset<BigFloat>, _ theta: [BigFloat])
        -> (gradient: [BigFloat], hessian: [BigFloat]) {
        let p = theta[0].precision, d = net.inputDimension, q = net.neuronBlockSize, P = net.parameterCount
        let n = data.sampleCount
        let zero = BigFloat(0, precision: p), nB = BigFloat(n, precision: p)
        var g = [BigFloat](repeating: zero, count: P)
        var H = [BigFloat](repeating: zero, count: P * P)
        for i in 0..<n {
            // input coordinate j of x̃_i (bias coordinate = 1)
            func xt(_ j: Int) -> BigFloat { j < d ? data.inputs[i * d + j] : BigFloat(1, precision: p) }
            var f = zero
            var s0: [BigFloat] = [], s1: [BigFloat] = [], s2: [BigFloat] = []
            for k in 0..<net.width {
                var u = zero
                for j in 0..<(q - 1) { u = u + theta[k * q + 1 + j] * xt(j) }
                let (a, b, c) = Reference.sigma(net.activation, u)
                s0.append(a); s1.append(b); s2.append(c)
                f = f + theta[k * q] * a
            }
            let e = f - data.labels[i]
            var grad = [BigFloat](repeating: zero, count: P) // ∇f_i
            for k in 0..<net.width {
                grad[k * q] = s0[k]
                for j in 0..<(q - 1) { grad[k * q + 1 + j] = theta[k * q] * s1[k] * xt(j) }
            }
            for r in 0..<P {
                g[r] = g[r] + e * grad[r] / nB
                for c in 0..<P {
                    var second = zero // ∂²f_i/∂θ_r∂θ_c
                    if r / q == c / q {
                        let k = r / q, jr = r % q, jc = c % q
                        if jr == 0 && jc > 0 { second = s1[k] * xt(jc - 1) }
                        if jc == 0 && jr > 0 { second = s1[k] * xt(jr - 1) }
                        if jr > 0 && jc > 0 { second = theta[k * q] * s2[k] * xt(jr - 1) * xt(jc - 1) }
                    }
                    H[r * P + c] = H[r * P + c] + (grad[r] * grad[c] + e * second) / nB
                }
            }
        }
        return (g, H)
    }

    /// Fourth-order central difference of `f` along coordinate j with step h.
    static func difference(_ theta: [BigFloat], _ j: Int, _ h: BigFloat, _ f: ([BigFloat]) -> [BigFloat]) -> [BigFloat] {
        let p = h.precision
        func shifted(_ s: Int) -> [BigFloat] {
            var t = theta.map { BigFloat($0, precision: p) }
            t[j] = t[j] + BigFloat(s, precision: p) * h
            return f(t)
        }
        let m2 = shifted(-2), m1 = shifted(-1), p1 = shifted(1), p2 = shifted(2)
        let eight = BigFloat(8, precision: p), twelveH = BigFloat(12, precision: p) * h
        return (0..<m2.count).map { i in (m2[i] - eight * m1[i] + eight * p1[i] - p2[i]) / twelveH }
    }

    @Test("gradient and Hessian match finite differences at 512 bits", arguments: cases)
    func finiteDifferences(_ c: Case) {
        let p = Fixture.p512
        let (net, data, theta) = Self.setUp(c, p)
        var kernel = LossKernel(network: net, data: data, precision: p)
        let g = kernel.gradient(at: theta)
        let H = kernel.hessian(at: theta)
        let h = Fixture.tenTo(-30, p)
        let tol = Fixture.tenTo(-100, p)
        let P = net.parameterCount
        // ∂L/∂θ_j from differences of the independent loss.
        var fdGrad: [BigFloat] = []
        for j in 0..<P {
            fdGrad.append(Self.difference(theta, j, h) { [Self.referenceLoss(net, data, $0)] }[0])
        }
        let gErr = Fixture.relativeDifference(g, fdGrad)
        #expect(gErr < tol, "gradient vs FD: \(gErr.decimal(significantDigits: 3))")
        // Hessian column j from differences of the gradient.
        var fdH = [BigFloat](repeating: BigFloat(0, precision: p), count: P * P)
        for j in 0..<P {
            let col = Self.difference(theta, j, h) { t in
                var k2 = LossKernel(network: net, data: data, precision: p)
                return k2.gradient(at: t)
            }
            for r in 0..<P { fdH[r * P + j] = col[r] }
        }
        let hErr = Fixture.relativeDifference(H, fdH)
        #expect(hErr < tol, "Hessian vs FD: \(hErr.decimal(significantDigits: 3))")
    }

    @Test("gradient, Hessian and loss match the proofs/THEORY.md formulas", arguments: cases)
    func formulas(_ c: Case) {
        let p = Fixture.p512
        let (net, data, theta) = Self.setUp(c, p)
        var kernel = LossKernel(network: net, data: data, precision: p)
        let (gRef, hRef) = Self.referenceDerivatives(net, data, theta)
        let tol = Fixture.pow2(-500, p)
        let lossErr = Fixture.relativeDifference([kernel.loss(at: theta)], [Self.referenceLoss(net, data, theta)])
        #expect(lossErr < tol)
        let gErr = Fixture.relativeDifference(kernel.gradient(at: theta), gRef)
        #expect(gErr < tol, "gradient: \(gErr.decimal(significantDigits: 3))")
        let hErr = Fixture.relativeDifference(kernel.hessian(at: theta), hRef)
        #expect(hErr < tol, "Hessian: \(hErr.decimal(significantDigits: 3))")
        // Flow field = −∇L, Jacobian entries, and loss from the combined call.
        var v = kernel.makeVector()
        kernel.flowField(at: theta, into: &v)
        #expect(Fixture.relativeDifference(v, gRef.map { -$0 }) < tol)
        var g2 = kernel.makeVector()
        var l = BigFloat(0, precision: p)
        kernel.gradient(at: theta, into: &g2, loss: &l)
        #expect(Fixture.relativeDifference([l], [Self.referenceLoss(net, data, theta)]) < tol)
        // JᵀJ/n + (residual term) = H: check J against ∇f_i via the Gauss–Newton identity
        // ∇L = Jᵀe/n.
        let J = kernel.jacobian(at: theta)
        var e = TwoLayerNetwork.registers(c.n, precision: p, as: BigFloat.self)
        kernel.residuals(at: theta, into: &e)
        let P = net.parameterCount
        let jte: [BigFloat] = (0..<P).map { j in
            var s = BigFloat(0, precision: p)
            for i in 0..<c.n { s = s + J[i * P + j] * e[i] }
            return s / BigFloat(c.n, precision: p)
        }
        #expect(Fixture.relativeDifference(jte, gRef) < tol)
    }

    @Test("the Double instantiation agrees with 256 bits to ~1e-14", arguments: cases)
    func doubleAgreesWith256Bits(_ c: Case) {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: c.m, inputDimension: c.d, hasBias: c.bias, activation: c.activation)
        let dataBig: Dataset<BigFloat> = Fixture.dataset(n: c.n, d: c.d, seed: 11, activation: c.activation, precision: p)
        let dataDbl: Dataset<Double> = Fixture.dataset(n: c.n, d: c.d, seed: 11, activation: c.activation, precision: .double)
        let thetaD = Fixture.doubles(net.parameterCount, seed: 12)
        let thetaB = Fixture.big(thetaD, p)
        var kb = LossKernel(network: net, data: dataBig, precision: p)
        var kd = LossKernel(network: net, data: dataDbl, precision: .double)
        func lift(_ xs: [Double]) -> [BigFloat] { Fixture.big(xs, p) }
        let tol = Fixture.tenTo(-14, p) * BigFloat(5, precision: p)
        let lossErr = Fixture.relativeDifference(lift([kd.loss(at: thetaD)]), [kb.loss(at: thetaB)])
        #expect(lossErr < tol, "loss: \(lossErr.decimal(significantDigits: 3))")
        let gErr = Fixture.relativeDifference(lift(kd.gradient(at: thetaD)), kb.gradient(at: thetaB))
        #expect(gErr < tol, "gradient: \(gErr.decimal(significantDigits: 3))")
        let hErr = Fixture.relativeDifference(lift(kd.hessian(at: thetaD)), kb.hessian(at: thetaB))
        #expect(hErr < tol, "Hessian: \(hErr.decimal(significantDigits: 3))")
    }
}
