import Foundation
@testable import GradientFlow
import MultiPrecision
import Testing

@Suite("Exponential collocation: the Newton correction of its iteration")
struct CollocationNewtonTests {
    /// The cubic flow, its start and tolerance as in `CollocationReuseTests`.
    static let p = CollocationReuseTests.p
    static let tolerance = CollocationReuseTests.tolerance
    /// A tolerance loose enough that steps are accepted where the plain iteration contracts slowly.
    static let loose = BigFloat(Rational.pow(Rational(2), -30), precision: p)
    static var start: [BigFloat] { CollocationReuseTests.start }
    static func field(_ y: [BigFloat]) -> [BigFloat] { CollocationReuseTests.field(y) }
    typealias Stepper = ExponentialCollocationStepper<CubicFlow<BigFloat>>

    @Test("the dense LU solves a system and refuses a singular one") func denseLU() {
        let n = 40
        var generator = SeededGenerator(seed: 7)
        var lu = DenseLU(dimension: n)
        var matrix = (0..<(n * n)).map { _ in Double.random(in: -1...1, using: &generator) }
        for i in 0..<n { matrix[i * n + i] += 0.5 }
        let x = (0..<n).map { Double($0) - 11.5 }
        let b = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + matrix[i * n + $1] * x[$1] } }
        lu.lu = matrix
        let factored = lu.factor()
        #expect(factored)
        var solved = [Double](repeating: 0, count: n)
        lu.solve(b, into: &solved)
        let error = zip(solved, x).map { Swift.abs($0 - $1) }.max()!
        #expect(error < 1e-10, "max error \(error)")
        for j in 0..<n { matrix[5 * n + j] = 2 * matrix[3 * n + j] }   // row 5 = 2·row 3
        lu.lu = matrix
        let singular = !lu.factor()
        #expect(singular)
    }

    /// `correct` (stiff modes eliminated node by node, a Schur system on the slow ones, the stiff
    /// unknowns recovered from it) against the whole Newton system solved as one dense matrix,
    /// I − [W^k_ij (D_j)_kl] over all K·P unknowns, with the same weights (quadrature for the slow
    /// modes, −δ_ij/λ_k for the stiff ones): two stiff and two slow modes, random node Jacobians.
    @Test("the correction solves the whole Newton system, stiff modes included") func schurElimination() {
        let K = 8, P = 4, H = 1.0
        let lambda = [-100.0, -0.5, -50.0, 0.1]
        var newton = CollocationNewton<Double>(nodes: (0...K).map { (1 - cos(Double($0) * Double.pi / Double(K))) / 2 },
                                               dimension: P)
        newton.prepare(step: H, eigenvalues: lambda)
        #expect(newton.stiff == [0, 2] && newton.slow == [1, 3])
        var generator = SeededGenerator(seed: 11)
        let blocks = (0..<(K * P * P)).map { _ in Double.random(in: -2...2, using: &generator) }
        let g = (0..<(K * P)).map { _ in Double.random(in: -1...1, using: &generator) }
        let formed = newton.form(blocks: blocks)
        #expect(formed)
        let delta = newton.correct(g)
        let N = K * P
        var whole = DenseLU(dimension: N)
        for i in 0..<K {
            for k in 0..<P {
                for j in 0..<K {
                    let w = newton.slow.firstIndex(of: k).map { newton.weights[($0 * K + i) * K + j] }
                        ?? (i == j ? -1 / lambda[k] : 0)
                    for l in 0..<P {
                        whole.lu[(i * P + k) * N + j * P + l] = (i == j && k == l ? 1 : 0) - w * blocks[j * P * P + k * P + l]
                    }
                }
            }
        }
        let factored = whole.factor()
        #expect(factored)
        var expected = [Double](repeating: 0, count: N)
        whole.solve(g, into: &expected)
        let scale = expected.map { Swift.abs($0) }.max()!
        let error = zip(delta, expected).map { Swift.abs($0 - $1) }.max()!
        #expect(error <= 1e-12 * scale, "max difference \(error), scale \(scale)")
    }

    /// The quadrature weights W^k_ij against the stepper's own integrals of the Lagrange basis
    /// (Σ_m M_kim ℓ_jm from its φ-function moments at extended precision): two independent
    /// computations of ∫₀^(c_i H) e^((c_i H − s)λ_k) ℓ_j(s/H) ds.
    @Test("the weights equal the φ-function moments of the Lagrange basis") func weights() throws {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        let K = 12, P = 8
        var stepper = Stepper(dimension: P, degree: K, precision: Self.p, newton: .on)
        let H = BigFloat(16, precision: Self.p)   // λH from about −23 (stiff) to −4e-6
        let prepared = stepper.prepare(&system, from: Self.start, step: H)
        #expect(prepared)
        let newton = try #require(stepper.newton)
        #expect(!newton.slow.isEmpty && !newton.stiff.isEmpty, "slow \(newton.slow), stiff \(newton.stiff)")
        var largest = 0.0, worst = 0.0
        for (a, k) in newton.slow.enumerated() {
            for i in 1...K {
                for j in 1...K {
                    var exact = BigFloat(0, precision: stepper.extended)
                    for m in 0...K {
                        exact = exact + stepper.moments[(k * K + i - 1) * (K + 1) + m] * stepper.lagrange[j * (K + 1) + m]
                    }
                    let w = newton.weights[(a * K + (i - 1)) * K + (j - 1)]
                    largest = Swift.max(largest, Swift.abs(exact.doubleValue))
                    worst = Swift.max(worst, Swift.abs(w - exact.doubleValue))
                }
            }
        }
        #expect(largest > 0)
        #expect(worst <= 1e-12 * largest, "largest weight \(largest), largest difference \(worst)")
    }

    /// On steps the plain iteration converges on, the Newton-corrected one reaches the same
    /// fixed point (to a tenth of the tolerance: both stop when an update moves u_K by 1 % of
    /// it) in fewer updates.
    @Test("same fixed point, fewer updates") func newtonStep() throws {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        let y = Self.start, f0 = Self.field(y)
        var scale = BigFloat(0, precision: Self.p)
        for x in y where BigFloat.abs(x) > scale { scale = BigFloat.abs(x) }
        var longestPlain: BigFloat? = nil
        var H = BigFloat(Rational(numerator: 1, denominator: 4), precision: Self.p)
        for _ in 0..<8 {
            var plain = Stepper(dimension: 8, degree: 16, precision: Self.p, newton: .off)
            var newton = Stepper(dimension: 8, degree: 16, precision: Self.p, newton: .on)
            let e1 = plain.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            let e2 = newton.step(&system, from: y, fieldAtStart: f0, step: H, tolerance: Self.tolerance)
            guard e1.isFinite else { break }
            longestPlain = H
            #expect(e2.isFinite)
            for i in 0..<8 {
                let d = BigFloat.abs(plain.result[i] - newton.result[i]) / scale
                #expect(d <= Self.tolerance / BigFloat(10, precision: Self.p), "H = \(H.doubleValue): component \(i) differs by \(d.doubleValue)")
            }
            #expect(newton.fixedPointIterations < plain.fixedPointIterations,
                    "H = \(H.doubleValue): \(newton.fixedPointIterations) updates with Newton, \(plain.fixedPointIterations) without")
            H = H * BigFloat(2, precision: Self.p)
        }
        _ = try #require(longestPlain, "the plain iteration converged on no step")
    }

    @Test("automatic: on after a slowly contracting accepted step, never with off") func automatic() throws {
        var system = CubicFlow<BigFloat>(precision: Self.p)
        let y = Self.start, f0 = Self.field(y)
        let maximum = BigFloat(1 << 20, precision: Self.p)
        var auto = Stepper(dimension: 8, degree: 16, precision: Self.p, newton: .automatic)
        var off = Stepper(dimension: 8, degree: 16, precision: Self.p, newton: .off)
        var H = BigFloat(Rational(numerator: 1, denominator: 4), precision: Self.p)
        var slowContraction = false
        for _ in 0..<10 where !auto.newtonActive {
            let step = auto.step(&system, from: y, field: f0, proposed: H, maximum: maximum, tolerance: Self.loose)
            let contraction = auto.contraction
            _ = off.step(&system, from: y, field: f0, proposed: H, maximum: maximum, tolerance: Self.loose)
            if step.accepted, contraction > CollocationNewtonMode.activation { slowContraction = true }
            #expect(auto.newtonActive == slowContraction, "contraction \(contraction), accepted \(step.accepted)")
            H = H * BigFloat(2, precision: Self.p)
        }
        try #require(slowContraction, "no accepted step contracted by less than the activation level")
        #expect(!off.newtonActive && off.newtonJacobians == 0)
    }
}
