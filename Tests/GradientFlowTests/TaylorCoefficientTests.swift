import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// The jets of `TaylorJets` against independent computations: θ_1 = F(θ) (`LossKernel`'s
/// field), θ_2 = ½ (∂F/∂θ) F = −½ ∇²L · F (`LossKernel`'s Hessian), and θ_0…θ_6 against the
/// polynomial interpolating θ(τ) at 13 small times computed by the extrapolation integrator.
@Suite("Taylor jets: coefficients against the loss kernel")
struct TaylorCoefficientTests {
    /// A small problem with O(1) parameters (so that the nonlinearity matters): n = 6, d = 3,
    /// inputs and θ on a deterministic grid of doubles (embedded exactly), labels of the target
    /// tanh(x_1) (or σ(x_1) for the other activations).
    static func problem<S: Scalar>(_ activation: Activation, bias: Bool, _ p: Precision, width: Int = 2)
        -> (TwoLayerNetwork, Dataset<S>, [S]) {
        let n = 6, d = 3
        let net = TwoLayerNetwork(width: width, inputDimension: d, hasBias: bias, activation: activation)
        let inputs = (0..<(n * d)).map { idx -> S in
            let i = idx / d, j = idx % d
            let grid: Int = (i * 7 + j * 3) % 11 - 5
            let value: Double = Double(grid) / 4 + 0.0625 * Double(j + 1)
            return S(value, precision: p)
        }
        let target = Target<S>.standard(inputDimension: d, precision: p)
        let labels = Dataset<S>.labels(inputs: inputs, sampleCount: n, target: target,
                                       activation: activation, precision: p)
        let data = Dataset(sampleCount: n, inputDimension: d, inputs: inputs, labels: labels)
        let theta = (0..<net.parameterCount).map { j -> S in
            let grid: Int = (j * 5 + 2) % 7 - 3
            let value: Double = Double(grid) / 5 + 0.03125 * Double(j % 3 + 1)
            return S(value, precision: p)
        }
        return (net, data, theta)
    }

    static let activations: [Activation] = [.tanh, .linear, .relu, .leakyRelu(slope: Rational(numerator: 1, denominator: 10))]

    static func maxNorm<S: Scalar>(_ v: [S]) -> S {
        var m = S(0, precision: v[0].precision)
        for x in v where S.abs(x) > m { m = S.abs(x) }
        return m
    }

    /// ‖a − b‖∞ / ‖b‖∞.
    static func relativeDistance<S: Scalar>(_ a: [S], _ b: [S]) -> S {
        maxNorm(zip(a, b).map { $0 - $1 }) / maxNorm(b)
    }

    static func power2<S: Scalar>(_ e: Int, _ p: Precision) -> S { S(Rational.pow(Rational(2), e), precision: p) }

    func firstCoefficient<S: Scalar>(_ type: S.Type, _ p: Precision) {
        for activation in Self.activations {
            for bias in [false, true] {
                let (net, data, theta): (TwoLayerNetwork, Dataset<S>, [S]) = Self.problem(activation, bias: bias, p)
                var jets = TaylorJets(network: net, data: data, precision: p)
                jets.compute(at: theta, order: 4)
                let c = jets.coefficients()
                var kernel = LossKernel(network: net, data: data, precision: p)
                var field = kernel.makeVector()
                kernel.flowField(at: theta, into: &field)
                #expect(Self.relativeDistance(c[0], theta).isZero)
                let err = Self.relativeDistance(c[1], field)
                #expect(err <= Self.power2(-(p.bits - 8), p), "\(activation) bias \(bias) \(p): θ_1 − F = \(err.decimal(significantDigits: 3))")
            }
        }
    }

    @Test("θ_1 is the flow field (double)") func firstDouble() { firstCoefficient(Double.self, .double) }
    @Test("θ_1 is the flow field (256 bits)") func first256() throws { firstCoefficient(BigFloat.self, try Precision(bits: 256)) }

    /// θ_2 = ½ dF/dt = ½ (∂F/∂θ) θ' = −½ ∇²L(θ) F(θ).
    func secondCoefficient<S: Scalar>(_ type: S.Type, _ p: Precision) {
        for activation in Self.activations {
            for bias in [false, true] {
                let (net, data, theta): (TwoLayerNetwork, Dataset<S>, [S]) = Self.problem(activation, bias: bias, p)
                var jets = TaylorJets(network: net, data: data, precision: p)
                jets.compute(at: theta, order: 4)
                let c = jets.coefficients()
                var kernel = LossKernel(network: net, data: data, precision: p)
                let P = net.parameterCount
                var field = kernel.makeVector()
                kernel.flowField(at: theta, into: &field)
                let hessian = kernel.hessian(at: theta)
                let half = S(Rational(numerator: -1, denominator: 2), precision: p)
                let expected = (0..<P).map { r in
                    var acc = S(0, precision: p)
                    for col in 0..<P { acc.fma(hessian[r * P + col], field[col], acc) }
                    return acc * half
                }
                let err = Self.relativeDistance(c[2], expected)
                #expect(err <= Self.power2(-(p.bits - 10), p), "\(activation) bias \(bias) \(p): θ_2 error \(err.decimal(significantDigits: 3))")
            }
        }
    }

    @Test("θ_2 is −½ ∇²L·F (double)") func secondDouble() { secondCoefficient(Double.self, .double) }
    @Test("θ_2 is −½ ∇²L·F (256 bits)") func second256() throws { secondCoefficient(BigFloat.self, try Precision(bits: 256)) }

    /// Solves the (N+1) × (N+1) system A c = b by Gaussian elimination with partial pivoting.
    static func solve<S: Scalar>(_ A: [[S]], _ b: [S]) -> [S] {
        var A = A, b = b
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { S.abs(A[$0][col]) < S.abs(A[$1][col]) }!
            A.swapAt(col, pivot); b.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let f = A[row][col] / A[col][col]
                for k in col..<n { A[row][k] = A[row][k] - f * A[col][k] }
                b[row] = b[row] - f * b[col]
            }
        }
        var x = b
        for row in stride(from: n - 1, through: 0, by: -1) {
            var acc = b[row]
            for k in (row + 1)..<n { acc = acc - A[row][k] * x[k] }
            x[row] = acc / A[row][row]
        }
        return x
    }

    /// θ_0…θ_6 (tanh, bias, 256 bits) against the degree-12 polynomial through θ(jδ),
    /// j = 0…12, δ = 1/1000, each θ(jδ) from the extrapolation integrator (`LossKernel` field).
    /// The interpolation error of coefficient k is about ρ^{−13}(12δ)^{13−k}: below 1e-15
    /// relative for k ≤ 6 here.
    @Test("θ_0…θ_6 match interpolation of the extrapolation integrator (tanh, bias, 256 bits)")
    func againstInterpolation() throws {
        let p = try Precision(bits: 256)
        let (net, data, theta): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) = Self.problem(.tanh, bias: true, p)
        let N = 12
        var values: [[BigFloat]] = [theta]
        for j in 1...N {
            var options = FlowOptions()
            options.stop = .time(try DecimalNumber("\(j)e-3"))
            options.escapeRadius = nil
            options.method = .explicitMidpoint
            var integrator = GradientFlowIntegrator(system: LossKernel(network: net, data: data, precision: p), options: options)
            let run = try integrator.integrate(from: theta)
            #expect(run.status == .reachedTime)
            values.append(run.final.state)
        }
        // Fit in the scaled variable v = τ/δ ∈ {0, …, N}: exact integer Vandermonde matrix.
        let A = (0...N).map { j in (0...N).map { k in BigFloat(Rational.pow(Rational(j), k), precision: p) } }
        var jets = TaylorJets(network: net, data: data, precision: p)
        jets.compute(at: theta, order: 8)
        let c = jets.coefficients()
        let P = net.parameterCount
        var fitted = (0...N).map { _ in [BigFloat]() }
        for param in 0..<P {
            let coeffs = Self.solve(A, (0...N).map { values[$0][param] })
            for k in 0...N { fitted[k].append(coeffs[k] * BigFloat(Rational.pow(Rational(1000), k), precision: p)) }
        }
        for k in 0...6 {
            let err = Self.relativeDistance(c[k], fitted[k])
            #expect(err.doubleValue < 1e-12, "θ_\(k): relative difference \(err.decimal(significantDigits: 3))")
        }
    }

    /// One `TaylorStepper` step of the step size it chooses, against the extrapolation
    /// integrator over the same interval (tanh, bias, O(1) state).
    func stepAgainstIntegrator<S: Scalar>(_ type: S.Type, _ p: Precision, bound: Int) throws {
        let (net, data, theta): (TwoLayerNetwork, Dataset<S>, [S]) = Self.problem(.tanh, bias: true, p)
        var stepper = TaylorStepper(network: net, data: data, precision: p)
        var out = theta.map { S($0, precision: p) }
        let tolerance: S = Self.power2(-(p.bits - 4), p)
        let (h, order) = stepper.step(from: theta, maximumStep: nil, tolerance: tolerance, into: &out)
        #expect(order == TaylorStepSize.order(toleranceBits: p.bits - 4))
        #expect(h.doubleValue > 0.01, "step \(h.decimal(significantDigits: 5)) unexpectedly short")
        // The step as decimal text that round-trips at p, so both integrators see the same h.
        let text = h.decimal(significantDigits: p.roundTripDigits)
        var options = FlowOptions()
        options.stop = .time(try DecimalNumber(text))
        options.escapeRadius = nil
        options.method = .explicitMidpoint
        var integrator = GradientFlowIntegrator(system: LossKernel(network: net, data: data, precision: p), options: options)
        let run = try integrator.integrate(from: theta)
        let err = Self.relativeDistance(out, run.final.state)
        #expect(err <= Self.power2(-(p.bits - bound), p), "\(p): Taylor step h = \(text) differs by \(err.decimal(significantDigits: 3))")
    }

    @Test("a Taylor step equals extrapolation integration (double)") func stepDouble() throws {
        try stepAgainstIntegrator(Double.self, .double, bound: 12)
    }
    @Test("a Taylor step equals extrapolation integration (256 bits)") func step256() throws {
        try stepAgainstIntegrator(BigFloat.self, try Precision(bits: 256), bound: 12)
    }

    /// The BigFloat paths (fixed-point dot products or fma chains; 1, 2 or 3 workers per level)
    /// give the same coefficients up to rounding.
    @Test("exact dots, fma chains and worker counts agree (256 bits)") func paths() throws {
        let p = try Precision(bits: 256)
        for activation in [Activation.tanh, .relu] {
            let (net, data, theta): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) = Self.problem(activation, bias: true, p)
            var reference = TaylorJets(network: net, data: data, precision: p)
            reference.exactDots = false
            reference.compute(at: theta, order: 30)
            let r = reference.coefficients()
            for (exact, threads) in [(true, 1), (true, 2), (false, 3), (true, 3)] {
                var jets = TaylorJets(network: net, data: data, precision: p, threadCount: threads)
                jets.exactDots = exact
                #expect(jets.threadCount == threads && jets.exactDots == exact)
                jets.compute(at: theta, order: 30)
                let c = jets.coefficients()
                for k in 0...30 {
                    let err = Self.relativeDistance(c[k], r[k])
                    #expect(err <= Self.power2(-(p.bits - 16), p), "\(activation) exact \(exact) threads \(threads) θ_\(k): \(err.decimal(significantDigits: 3))")
                }
            }
        }
    }

    /// Order and step rule (Jorba–Zou): K = ⌈−ln(tol)/2⌉ + 1.
    @Test("order from the tolerance") func orderRule() throws {
        let p64 = try Precision(bits: 64)
        #expect(TaylorStepSize.order(logTolerance: -2) == 2)
        #expect(TaylorStepSize.order(toleranceBits: 252) == Int((252 * 0.6931471805599453 / 2).rounded(.up)) + 1)
        #expect(TaylorStepSize.order(toleranceBits: 47) == 18)
        #expect(TaylorStepSize.order(tolerance: BigFloat(Rational.pow(Rational(2), -1020), precision: p64)) == 355)
    }

    /// Linear σ: the flow is a cubic polynomial ODE; with θ = (a, w) = 0 it is a fixed point and
    /// every coefficient of order ≥ 1 vanishes; the stepper then takes the maximum step.
    @Test("fixed point: zero coefficients, maximum step") func fixedPoint() throws {
        let p = try Precision(bits: 128)
        let (net, data, theta): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) = Self.problem(.tanh, bias: false, p)
        let zero = theta.map { _ in BigFloat(0, precision: p) }
        var stepper = TaylorStepper(network: net, data: data, precision: p)
        var out = zero.map { BigFloat($0, precision: p) }
        let (h, _) = stepper.step(from: zero, maximumStep: BigFloat(7, precision: p),
                                  tolerance: Self.power2(-100, p), into: &out)
        #expect(h == BigFloat(7, precision: p))
        let allZero = out.allSatisfy { $0.isZero }
        #expect(allZero)
    }
}
