import MultiPrecision
import Symbolic
import Testing
import TwoLayerNet

/// The hand-written kernels against the symbolic derivation (proofs/DESIGN.md: the symbolic layer
/// derives what the numeric layer hard-codes; the gradient and Hessian must agree to 2^(−p+8)): the field −∇L and its Jacobian
/// −∇²L derived by `TwoLayerFlow` from the loss expression, evaluated at p = 256, against
/// `LossKernel.flowField` and `LossKernel.hessian` on the same exact data and θ.
@Suite("Kernels against the symbolic derivation")
struct SymbolicDerivationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var activation: String, m: Int, d: Int, n: Int
        var testDescription: String { "\(activation) m=\(m) d=\(d) n=\(n)" }
    }

    static let cases = [
        Case(activation: "tanh", m: 2, d: 2, n: 3), Case(activation: "tanh", m: 3, d: 3, n: 4),
        Case(activation: "linear", m: 2, d: 3, n: 4), Case(activation: "x + x^3/10", m: 2, d: 2, n: 3),
        Case(activation: "relu", m: 2, d: 2, n: 4),
    ]

    /// Small exact rationals k/8, k ∈ [−12, 12] \ {0}.
    static func rational(_ rng: inout SeededGenerator) -> Rational {
        var k = 0
        while k == 0 { k = Int(rng.next() % 25) - 12 }
        return Rational(numerator: k, denominator: 8)
    }

    @Test("field and Jacobian agree to 2^(−p+8) at p = 256", arguments: cases)
    func agree(_ c: Case) throws {
        let p = try Precision(bits: 256)
        var rng = SeededGenerator(seed: UInt64(c.m * 100 + c.d * 10 + c.n))
        let xs = (0..<c.n).map { _ in (0..<c.d).map { _ in Self.rational(&rng) } }
        let ys = (0..<c.n).map { _ in Self.rational(&rng) }
        let theta = (0..<(c.m * (c.d + 1))).map { _ in Self.rational(&rng) }

        let symbolicActivation = try SymbolicActivation(parsing: c.activation)
        let flow = try TwoLayerFlow(activation: symbolicActivation, width: c.m, inputDimension: c.d, sampleCount: c.n,
                                    data: .given(inputs: xs.map { $0.map(Expr.constant) }, targets: ys.map(Expr.constant)))
        var values: [String: BigFloat] = [:]
        for (name, r) in zip(flow.parameters, theta) { values[name] = BigFloat(r, precision: p) }
        let field = try flow.field().map { try $0.evaluate(at: values, precision: p) }
        let jacobian = try flow.jacobian().map { try $0.map { try $0.evaluate(at: values, precision: p) } }

        let activation: Activation
        switch c.activation {
        case "tanh": activation = .tanh
        case "linear": activation = .linear
        case "relu": activation = .relu
        default: activation = .expression(try SymbolicExpressionActivation(parsing: c.activation))
        }
        let network = TwoLayerNetwork(width: c.m, inputDimension: c.d, activation: activation)
        let data = Dataset(sampleCount: c.n, inputDimension: c.d,
                           inputs: xs.flatMap { $0.map { BigFloat($0, precision: p) } },
                           labels: ys.map { BigFloat($0, precision: p) })
        var kernel = LossKernel(network: network, data: data, precision: p)
        let thetaS = theta.map { BigFloat($0, precision: p) }
        var v = kernel.makeVector(), h = kernel.makeHessianBuffer()
        kernel.flowField(at: thetaS, into: &v)
        kernel.hessian(at: thetaS, into: &h)

        let P = thetaS.count
        let scale = (field + jacobian.flatMap { $0 }).map { BigFloat.abs($0) }.max()!
        let bound = scale * BigFloat(Rational.pow(Rational(2), -(p.bits - 8)), precision: p)
        for i in 0..<P {
            #expect(BigFloat.abs(v[i] - field[i]) <= bound, "field[\(i)]: \(v[i]) vs \(field[i])")
            for j in 0..<P {
                // The Jacobian of the field is −∇²L.
                #expect(BigFloat.abs(h[i * P + j] + jacobian[i][j]) <= bound, "H[\(i)][\(j)]")
            }
        }
    }

    @Test("an expression activation reports claim 1's hypothesis and oddness exactly")
    func properties() throws {
        #expect(try SymbolicExpressionActivation(parsing: "3*x").isPositivelyHomogeneous)
        #expect(try !SymbolicExpressionActivation(parsing: "x + x^3/10").isPositivelyHomogeneous)
        #expect(try SymbolicExpressionActivation(parsing: "x + x^3/10").isOdd)
        #expect(try !SymbolicExpressionActivation(parsing: "x + x^2").isOdd)
        #expect(try SymbolicExpressionActivation(parsing: "tanh").isOdd)
    }
}
