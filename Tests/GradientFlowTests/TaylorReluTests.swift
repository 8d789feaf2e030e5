import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// Relu with the activation pattern frozen over each Taylor step and steps ended at the first
/// sign change of some u_ik (proofs/THEORY.md §1; claim 1's conservation of C for 1-homogeneous σ).
///
/// Between pattern changes the field is analytic, so there the extrapolation integrator is an
/// independent reference; across a change it is not (the field jumps with σ'), which is why
/// the comparison is made segment by segment, from each located change to the next. A state
/// on a kink has u_ik = 0 only to rounding, possibly on the old side, where `LossKernel` (which
/// has no pattern memory) would take the old pattern: the reference therefore starts from the
/// kink state with the bias b_k nudged by 2^−(p−12) towards the new side (an O(2^−(p−12))
/// perturbation of the reference, well inside the 2^−(p−24) compared).
@Suite("Taylor integrator: relu activation-pattern changes")
struct TaylorReluTests {
    /// n = 6, d = 3, bias, m = 2, O(1) parameters: three pattern changes before t = 10.
    static func problem<S: Scalar>(_ activation: Activation, _ p: Precision) -> (TwoLayerNetwork, Dataset<S>, [S]) {
        let n = 6, d = 3
        let net = TwoLayerNetwork(width: 2, inputDimension: d, hasBias: true, activation: activation)
        let inputs = (0..<(n * d)).map { idx -> S in
            let i = idx / d, j = idx % d
            let grid: Int = (i * 7 + j * 3) % 11 - 5
            let value: Double = Double(grid) / 4 + 0.0625 * Double(j + 1)
            return S(value, precision: p)
        }
        let target = Target<S>.standard(inputDimension: d, precision: p)
        let labels = Dataset<S>.labels(inputs: inputs, sampleCount: n, target: target, activation: .tanh, precision: p)
        let data = Dataset(sampleCount: n, inputDimension: d, inputs: inputs, labels: labels)
        let theta = (0..<net.parameterCount).map { j -> S in
            let grid: Int = (j * 5 + 2) % 7 - 3
            let value: Double = Double(grid) / 5 + 0.03125 * Double(j % 3 + 1) + (j % 5 == 4 ? 0.5 : 0)
            return S(value, precision: p)
        }
        return (net, data, theta)
    }

    static func power2(_ e: Int, _ p: Precision) -> BigFloat { BigFloat(Rational.pow(Rational(2), e), precision: p) }

    static func relativeDistance(_ a: [BigFloat], _ b: [BigFloat]) -> BigFloat {
        var num = BigFloat(0, precision: b[0].precision), den = BigFloat(0, precision: b[0].precision)
        for (x, y) in zip(a, b) {
            let d = BigFloat.abs(x - y)
            if d > num { num = d }
            if BigFloat.abs(y) > den { den = BigFloat.abs(y) }
        }
        return num / den
    }

    /// u_ik = w̃_kᵀx̃_i at θ.
    static func preactivation(_ net: TwoLayerNetwork, _ data: Dataset<BigFloat>, _ theta: [BigFloat], _ ik: Int) -> BigFloat {
        let i = ik / net.width, k = ik % net.width
        var u = BigFloat(0, precision: theta[0].precision)
        for j in 0..<net.inputDimension { u = u + theta[net.inputWeightIndex(neuron: k, coordinate: j)] * data.input(i, j) }
        if net.hasBias { u = u + theta[net.biasIndex(neuron: k)] }
        return u
    }

    /// C_k = a_k² − ‖w̃_k‖².
    static func imbalance(_ net: TwoLayerNetwork, _ theta: [BigFloat]) -> [BigFloat] {
        (0..<net.width).map { k in
            var c = theta[net.outputWeightIndex(neuron: k)] * theta[net.outputWeightIndex(neuron: k)]
            for j in 0..<net.extendedInputDimension {
                let w = theta[net.inputWeightIndex(neuron: k, coordinate: j)]
                c = c - w * w
            }
            return c
        }
    }

    func check(_ activation: Activation) throws {
        let p = try Precision(bits: 256)
        let (net, data, theta0): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) = Self.problem(activation, p)
        var stepper = TaylorStepper(network: net, data: data, precision: p)
        let tolerance = Self.power2(-(p.bits - 4), p)
        let end = BigFloat(10, precision: p)
        var t = BigFloat(0, precision: p)
        var theta = theta0.map { BigFloat($0, precision: p) }
        var next = theta0.map { BigFloat($0, precision: p) }
        var taken = BigFloat(0, precision: p)
        // Segment ends: (time, Taylor state, reference start) at each located pattern change,
        // then at t = 10.
        var marks: [(BigFloat, [BigFloat], [BigFloat])] = [(BigFloat(0, precision: p), theta0, theta0)]
        let nudge = Self.power2(-(p.bits - 12), p)
        var steps = 0
        while t < end && steps < 1000 {
            let remaining = end - t
            _ = stepper.step(from: theta, maximumStep: remaining, tolerance: tolerance, into: &next, taken: &taken)
            steps += 1
            swap(&theta, &next)
            t = taken == remaining ? BigFloat(end, precision: p) : t + taken
            if let ik = stepper.lastPatternChangeIndex {
                // The step ends on the kink: u_ik(θ) = 0 to working precision.
                let u = Self.preactivation(net, data, theta, ik)
                #expect(BigFloat.abs(u) <= Self.power2(-(p.bits - 16), p), "u_\(ik) = \(u.decimal(significantDigits: 3)) at the located change")
                // Reference start: the bias nudged to the new side (the step just taken had the
                // old pattern).
                var start = theta.map { BigFloat($0, precision: p) }
                let b = net.biasIndex(neuron: ik % net.width)
                start[b] = stepper.jets.activationPattern[ik] ? start[b] - nudge : start[b] + nudge
                marks.append((BigFloat(t, precision: p), theta.map { BigFloat($0, precision: p) }, start))
            }
        }
        #expect(t == end)
        marks.append((BigFloat(t, precision: p), theta.map { BigFloat($0, precision: p) }, theta))
        #expect(marks.count >= 4, "\(activation): expected pattern changes before t = 10, saw \(marks.count - 2)")

        // Claim 1: C is conserved (1-homogeneous σ), across the changes too.
        let c0 = Self.imbalance(net, theta0), c1 = Self.imbalance(net, theta)
        for k in 0..<net.width {
            #expect(BigFloat.abs(c1[k] - c0[k]) <= Self.power2(-(p.bits - 20), p) * (BigFloat.abs(c0[k]) + BigFloat(1, precision: p)))
        }

        // Segment by segment against the extrapolation integrator (analytic field inside).
        for s in 1..<marks.count {
            let (t0, _, start) = marks[s - 1], (t1, finish, _) = marks[s]
            let length = t1 - t0
            guard !length.isZero else { continue }
            var options = FlowOptions()
            options.stop = .time(try DecimalNumber(length.decimal(significantDigits: p.roundTripDigits)))
            options.escapeRadius = nil
            options.method = .explicitMidpoint
            var integrator = GradientFlowIntegrator(system: LossKernel(network: net, data: data, precision: p), options: options)
            let run = try integrator.integrate(from: start)
            let err = Self.relativeDistance(finish, run.final.state)
            #expect(err <= Self.power2(-(p.bits - 24), p),
                    "\(activation) segment \(s) [\(t0.decimal(significantDigits: 8)), \(t1.decimal(significantDigits: 8))]: \(err.decimal(significantDigits: 3))")
        }
    }

    @Test("relu: steps end on the kinks; segments match extrapolation; C conserved") func relu() throws {
        try check(.relu)
    }

    @Test("leaky relu: steps end on the kinks; segments match extrapolation; C conserved") func leaky() throws {
        try check(.leakyRelu(slope: Rational(numerator: 1, denominator: 10)))
    }
}
