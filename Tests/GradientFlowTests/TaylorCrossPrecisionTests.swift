import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet

/// The cross-precision test of the Taylor integrator (proofs/THEORY.md §4), on problem P1
/// (d 5, m 2, n 8, tanh, Gaussian data seed 1, ε = 1e-30, t = 400): the 256-bit run agrees
/// with the 512-bit run to at least 70 significant digits in every coordinate, and the double
/// run with the 512-bit run to 1e-9 relative.
///
/// To keep the debug test run short the 512-bit reference uses a local tolerance of 2^−320
/// (order 112 instead of 178; still about 95 digits per step, far beyond the 70 checked); the
/// release benchmark (Benchmarks/) compares against the default 2^−508.
@Suite("Taylor integrator: cross-precision on P1", .serialized)
struct TaylorCrossPrecisionTests {
    static let problemsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("problems")

    /// P1 to `t` with the Taylor method only (no escape event, so the steps are the method's own).
    static func run<S: Scalar>(_ type: S.Type, bits: Int, until t: DecimalNumber, toleranceBits: Int? = nil) throws -> Trajectory<S> {
        let p = bits == 53 ? Precision.double : try Precision(bits: bits)
        let spec = try ProblemSpec(contentsOf: problemsDirectory.appendingPathComponent("P1.json").path)
        let problem: Problem<S> = try spec.instantiate(precision: p)
        var options = FlowOptions()
        options.stop = .time(t)
        options.escapeRadius = nil
        options.method = .taylor
        options.toleranceBits = toleranceBits
        var integrator = GradientFlowIntegrator(network: problem.network, data: problem.data, options: options)
        return try integrator.integrate(from: problem.initialParameters)
    }

    /// min over coordinates of −log10 |a_j − r_j| / |r_j| (a converted exactly to r's precision).
    static func agreeingDigits(_ a: [BigFloat], _ reference: [BigFloat]) -> Double {
        var worst = Double.infinity
        for (x, r) in zip(a, reference) {
            let rel = BigFloat.abs((BigFloat(x, precision: r.precision) - r) / r)
            worst = min(worst, rel.isZero ? 1000 : -Foundation.log10(rel.doubleValue))
        }
        return worst
    }

    static func agreeingDigits(_ a: [Double], _ reference: [BigFloat]) -> Double {
        agreeingDigits(a.map { BigFloat($0, precision: reference[0].precision) }, reference)
    }

    @Test("P1 to t = 400: 256 bits vs 512 bits (≥ 70 digits), double vs 512 bits (1e-9)")
    func p1() throws {
        let reference: Trajectory<BigFloat> = try Self.run(BigFloat.self, bits: 512, until: "400", toleranceBits: 320)
        #expect(reference.status == .reachedTime)
        let r256: Trajectory<BigFloat> = try Self.run(BigFloat.self, bits: 256, until: "400")
        #expect(r256.status == .reachedTime)
        let digits = Self.agreeingDigits(r256.final.state, reference.final.state)
        #expect(digits >= 70, "256 vs 512 bits: \(digits) digits")
        let rd: Trajectory<Double> = try Self.run(Double.self, bits: 53, until: "400")
        #expect(rd.status == .reachedTime)
        let digitsDouble = Self.agreeingDigits(rd.final.state, reference.final.state)
        #expect(digitsDouble >= 9, "double vs 512 bits: \(digitsDouble) digits")
    }
}
