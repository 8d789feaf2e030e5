@testable import GradientFlow
import Foundation
import MultiPrecision
import Testing
import TwoLayerNet

/// Identical neurons stay identical through every method of the integrator
/// (`FlowSystem.keepSymmetries`): the stiff steps' linear solves and eigendecompositions are
/// not permutation-equivariant: without the driver restoring the symmetry, the two identical
/// neurons of this test end apart in double (claims 7 and 8 start from identical neurons).
@Suite("Neuron symmetry through the integrator")
struct NeuronSymmetryFlowTests {
    static let d = 5, m = 3

    /// m = 3 neurons at d = 5, n = 8 Gaussian samples; neuron 2's block is neuron 0's, with
    /// its first-layer weight w_21 moved by `offset` (0: identical).
    static func spec(offset: Double) throws -> ProblemSpec {
        var g = PortableGaussian(seed: 7)
        let base = (0..<(2 * (1 + d))).map { _ in g.next() }
        var third = Array(base[0...d])
        third[1] += offset
        let direction = (base + third).map { "\($0)" }
        let json = """
            {"network": {"width": "\(m)", "inputDimension": "\(d)", "activation": "tanh"},
             "data": {"gaussian": {"n": "8", "seed": "3"}},
             "initialization": {"scale": "1e-2", "explicit": {"direction": [\(direction.map { "\"\($0)\"" }.joined(separator: ","))]}}}
            """
        return try ProblemSpec(json: Data(json.utf8))
    }

    static func blocks(_ record: RunRecord) -> (first: [String], third: [String]) {
        let q = 1 + d
        return (Array(record.finalState[0..<q]), Array(record.finalState[(2 * q)..<(3 * q)]))
    }

    static func run(_ spec: ProblemSpec, _ method: FlowOptions.MethodChoice, precision: Precision?) throws -> RunRecord {
        var options = FlowOptions()
        options.stop = .time("400")
        options.escapeRadius = nil
        options.method = method
        return try ProblemRun.run(spec, precision: precision, options: options)
    }

    @Test("identical neurons end bit-identical through linearly implicit steps in double",
          arguments: [FlowOptions.MethodChoice.linearlyImplicitMidpoint, .automatic])
    func identicalStayIdentical(_ method: FlowOptions.MethodChoice) throws {
        let record = try Self.run(try Self.spec(offset: 0), method, precision: nil)
        let (first, third) = Self.blocks(record)
        #expect(record.work.methods.contains { $0.method != .taylor }, "the run should take stiff steps: \(record.work.methods)")
        #expect(first == third, "\(first) vs \(third)")
        #expect(first != Array(record.finalState[(1 + Self.d)..<(2 * (1 + Self.d))]))
    }

    @Test("neurons that differ at the start by 1e-12 are not merged: they end apart")
    func nearlyIdenticalStayApart() throws {
        let record = try Self.run(try Self.spec(offset: 1e-12), .linearlyImplicitMidpoint, precision: nil)
        let (first, third) = Self.blocks(record)
        #expect(first != third)
    }
}
