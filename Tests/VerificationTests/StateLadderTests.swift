import Testing
import MultiPrecision
import TwoLayerNet
@testable import Verification

/// The ladder of claims 8–11 (`StateLadder`): the rungs agree where the integration is accurate,
/// and a loose tolerance shows as lost digits (so the ladder can reveal an inaccurate run).
@Suite("State ladder of claims 8–11")
struct StateLadderTests {
    static var quantity: StateLadder {
        get throws { StateLadder(spec: try ActiveNeurons().spec(angle: 45), time: "30", reading: .targetSetDistance, run: "(11a) φ = 45°") }
    }

    static func relativeError(_ a: LadderMeasurement, _ b: LadderMeasurement) -> Double {
        Comparer(b.text, bits: 256).relativeError(a.text) ?? .infinity
    }

    @Test("double and 128 bits agree to double's resolution; 128 bits at tolerance 2^-12 does not")
    func rungsAgreeAndLooseToleranceShows() throws {
        let q = try Self.quantity
        let reference = try q.measure(BigFloat.self, try Precision(bits: 128), toleranceBits: nil)
        let double = try q.measure(Double.self, .double, toleranceBits: nil)
        #expect(Self.relativeError(double, reference) < 1e-10)
        let loose = try q.measure(BigFloat.self, try Precision(bits: 128), toleranceBits: 12)
        #expect(Self.relativeError(loose, reference) > 1e-20)
        #expect(loose.toleranceBits == 12)
    }

    @Test("the loss reading is L at θ(T), and a width beyond the exhaustive search is an error, not a value")
    func readings() throws {
        let spec = try ActiveNeurons().spec(angle: 45)
        let loss = try StateLadder(spec: spec, time: "30", reading: .loss, run: "r").measure(Double.self, .double, toleranceBits: nil)
        let flow = try Experiment(spec: spec, options: .until("30", escapeRadius: nil)).run(Double.self, .double)
        var kernel = flow.problem.makeLossKernel()
        #expect(Double(loss.text) == kernel.loss(at: flow.final))
        let wide = Experiment.standard(d: 2, m: 13, n: 3, scale: "1e-2")
        #expect(throws: LadderError.self) {
            try StateLadder(spec: wide, time: "1", reading: .targetSetDistance, run: "wide").measure(Double.self, .double, toleranceBits: nil)
        }
    }
}
