import Foundation
@testable import GradientFlow
import MultiPrecision
import Testing
@testable import TwoLayerNet

/// `FlowOptions.workers`: the exponential collocation's loops on several threads give the same
/// bits as on one (`CollocationLanes`), and a kernel's replica shares no register with it.
@Suite("Exponential collocation on several workers")
struct CollocationLanesTests {
    /// Steps of growing length on the cubic flow, each from the last one's result: the results
    /// and error ratios of 2 and 3 workers equal those of 1, bit for bit (the partition of the
    /// nodes and components; its loops are too short for the threads to overlap much, so races
    /// are the whole run's test below).
    @Test("collocation steps: the same bits on 1, 2 and 3 workers") func steps() {
        let p = CollocationReuseTests.p
        func run(workers: Int) -> (states: [[BigFloat]], errors: [Double]) {
            var system = CubicFlow<BigFloat>(precision: p)
            var stepper = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: p,
                                                                             workers: workers)
            #expect(stepper.workers == workers)
            var y = CollocationReuseTests.start, states: [[BigFloat]] = [], errors: [Double] = []
            for k in 0..<4 {
                let H = BigFloat(Rational(numerator: 1 << k, denominator: 64), precision: p)
                let error = stepper.step(&system, from: y, fieldAtStart: CollocationReuseTests.field(y), step: H,
                                         tolerance: CollocationReuseTests.tolerance)
                errors.append(error)
                if error <= 1 { y = stepper.result.map { BigFloat($0, precision: p) } }
                states.append(y)
            }
            return (states, errors)
        }
        let one = run(workers: 1)
        #expect(one.errors.filter { $0 <= 1 }.count >= 2, "accepted: \(one.errors)")
        for workers in [2, 3] {
            let many = run(workers: workers)
            #expect(many.errors == one.errors, "\(workers) workers")
            #expect(many.states == one.states, "\(workers) workers")
        }
    }

    /// A P2-like run at 128 bits whose tail the collocation takes: 1 and 2 workers end in the
    /// same state, loss and samples, to the last digit; the record names the collocation's
    /// settings (here a mixing depth other than the default).
    @Test("a whole run: the same record on 1 and 2 workers") func wholeRun() throws {
        let spec = try WorkersRun.spec(scale: "1e-6", until: "1e4")
        func run(workers: Int) throws -> RunRecord {
            try WorkersRun.run(spec, bits: 128, workers: workers) { $0.collocationMixing = 3 }
        }
        let one = try run(workers: 1), two = try run(workers: 2)
        #expect(one.status == .reachedTime)
        #expect(one.work.collocationSteps > 0)
        let degree = FlowOptions.collocationDegree(for: try Precision(bits: 128))
        #expect(one.provenance.integrator.contains("(degree \(degree), mixing 3, contraction target 0.1, Newton automatic)"),
                "\(one.provenance.integrator)")
        #expect(two.status == one.status)
        #expect(one.work.workers == 1 && two.work.workers == 2)
        #expect(two.work.collocationSteps == one.work.collocationSteps)
        #expect(two.finalState == one.finalState)
        #expect(two.finalLoss == one.finalLoss)
        #expect(two.samples.map(\.state) == one.samples.map(\.state))
    }

    /// A replica evaluates the same field, and evaluating it at another point leaves the
    /// original's workspace (its residuals, read by `lossFromResiduals`) alone.
    @Test("a loss kernel's replica computes the same field in registers of its own") func replica() throws {
        let p = try Precision(bits: 128)
        let network = TwoLayerNetwork(width: 2, inputDimension: 3)
        let data = Dataset<BigFloat>(sampleCount: 4, inputDimension: 3,
                                     inputs: (0..<12).map { BigFloat(Double($0 % 5) - 2.5, precision: p) },
                                     labels: (0..<4).map { BigFloat(Double($0) / 3, precision: p) })
        var kernel = LossKernel(network: network, data: data, precision: p)
        var copy = kernel.replica()
        let theta = (0..<8).map { BigFloat(Double($0) / 7 - 0.5, precision: p) }
        let other = theta.map { BigFloat(2, precision: p) * $0 }
        var a = kernel.makeVector(), b = kernel.makeVector(), c = kernel.makeVector()
        kernel.field(at: theta, into: &a)
        copy.field(at: theta, into: &b)
        #expect(a == b)
        copy.field(at: other, into: &c)
        #expect(c != a)
        var before = BigFloat(0, precision: p), after = BigFloat(0, precision: p)
        kernel.field(at: theta, into: &a)
        kernel.lossFromResiduals(into: &before)
        copy.field(at: other, into: &c)
        kernel.lossFromResiduals(into: &after)
        #expect(after == before)
    }
}
