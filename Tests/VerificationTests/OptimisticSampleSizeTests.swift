import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

@Suite("Claim 7: certified model rank and the optimistic sample size")
struct OptimisticSampleSizeTests {
    /// θ° = neuron 1 (1, e_1), other neurons zero, as doubles in network order.
    static func onePoint(d: Int, m: Int) -> [Double] {
        var t = [Double](repeating: 0, count: m * (d + 1))
        t[0] = 1; t[1] = 1
        return t
    }

    /// Numerical rank of a double matrix by Gram–Schmidt with column pivoting (an independent
    /// computation: no interval arithmetic, no shared code with `CertifiedRank`).
    static func numericalRank(_ A: [[Double]], tolerance: Double) -> Int {
        let rows = A.count, cols = A[0].count
        var columns = (0..<cols).map { c in (0..<rows).map { A[$0][c] } }
        var basis: [[Double]] = []
        while true {
            for i in columns.indices {
                for b in basis {
                    let dot = zip(columns[i], b).reduce(0) { $0 + $1.0 * $1.1 }
                    for r in 0..<rows { columns[i][r] -= dot * b[r] }
                }
            }
            let norms = columns.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
            guard let (i, norm) = norms.enumerated().max(by: { $0.element < $1.element }), norm > tolerance else { break }
            basis.append(columns[i].map { $0 / norm })
            columns.remove(at: i)
            if columns.isEmpty { break }
        }
        return basis.count
    }

    @Test("tanh: the certified rank at θ° is d + 1, the enclosure contains LossKernel's double Jacobian, and an independent double rank agrees")
    func tanhRank() throws {
        let d = 3, m = 2, n = 8
        let x = try OptimisticSampleSize.inputs(d: d, n: n, seed: 1)
        let theta = OptimisticSampleSize.targetSetPoints(d: d, m: m)[0].theta
        let network = TwoLayerNetwork(width: m, inputDimension: d)
        let p = try Precision(bits: 128)
        let J = try ModelJacobianEnclosure.enclose(network: network, theta: theta, inputs: x, precision: p)
        let r = CertifiedRank(J)
        #expect(r.lower == d + 1 && r.upper == d + 1)
        #expect(r.upperArgument == .structuralZeros)
        // The production kernel in double, on the same data.
        let problem: Problem<Double> = try Experiment.standard(d: d, m: m, n: n, dataSeed: 1, scale: "1").instantiate(precision: .double)
        var kernel = problem.makeLossKernel()
        let Jd = kernel.jacobian(at: OptimisticSampleSizeTests.onePoint(d: d, m: m))
        let P = network.parameterCount
        let A = (0..<n).map { i in (0..<P).map { Jd[i * P + $0] } }
        for i in 0..<n {
            for j in 0..<P {
                let mid = J[i][j].midpoint.doubleValue
                #expect(abs(A[i][j] - mid) <= 4e-16 * max(1, abs(mid)))
            }
        }
        #expect(OptimisticSampleSizeTests.numericalRank(A, tolerance: 1e-8) == d + 1)
        // The certified minor: its enclosure contains the double determinant of the same rows/columns.
        var M = r.minorRows.map { i in r.minorColumns.map { A[i][$0] } }
        var det = 1.0
        for k in 0..<M.count {
            let piv = (k..<M.count).max { abs(M[$0][k]) < abs(M[$1][k]) }!
            if piv != k { M.swapAt(piv, k); det = -det }
            det *= M[k][k]
            for i in (k + 1)..<M.count {
                let f = M[i][k] / M[k][k]
                for j in k..<M.count { M[i][j] -= f * M[k][j] }
            }
        }
        let minor = try #require(r.minor)
        #expect(abs(abs(det) - minor.midpoint.doubleValue) <= 1e-12 * abs(det))
    }

    @Test("linear σ: J at θ° is known exactly and its certified rank is d (the a-column repeats x_1)")
    func linearRank() throws {
        let d = 3, n = 6
        let x = try OptimisticSampleSize.inputs(d: d, n: n, seed: 1)
        let network = TwoLayerNetwork(width: 1, inputDimension: d, activation: .linear)
        let theta = OptimisticSampleSize.targetSetPoints(d: d, m: 1)[0].theta
        let r = CertifiedRank(try ModelJacobianEnclosure.enclose(network: network, theta: theta, inputs: x, precision: Precision(bits: 128)))
        // Independent: the first d rows of X have a nonzero rational determinant (rank X = d),
        // and J = [x_1, x_1, …, x_d] has the same column space.
        var X = (0..<d).map { i in (0..<d).map { Rational(exactly: x[i][$0])! } }
        var det = Rational(1)
        for k in 0..<d {
            let piv = try #require((k..<d).first { !X[$0][k].isZero })
            X.swapAt(piv, k)
            det = det * X[k][k]
            for i in (k + 1)..<d { let f = X[i][k] / X[k][k]; for j in k..<d { X[i][j] = X[i][j] - f * X[k][j] } }
        }
        #expect(!det.isZero)
        #expect(r.upperArgument == .exact)
        #expect(r.lower == d && r.upper == d)
    }

    @Test("rank certification of a rational matrix of known rank; an interval that contains 0 certifies nothing")
    func smallMatrix() throws {
        let p = try Precision(bits: 64)
        func I(_ a: Int) -> Interval { Interval(a, precision: p) }
        // Rows 1 and 3 are proportional: rank 2.
        let A = [[I(1), I(2), I(3)], [I(0), I(1), I(4)], [I(2), I(4), I(6)]]
        let r = CertifiedRank(A)
        #expect(r.lower == 2 && r.upper == 2 && r.upperArgument == .exact)
        #expect(CertifiedRank.rationalRank([[1, 2], [2, 4]]) == 1)
        let wide = Interval(lower: BigFloat(-1, precision: p), upper: BigFloat(1, precision: p), precision: p)
        let u = CertifiedRank([[wide, I(0)], [I(0), I(0)]])
        #expect(u.lower == 0 && u.upper == 1)
    }

    @Test("holds under its hypotheses at d = 3 (tanh, seeds whose n = d + 1 runs recover)")
    func holdsSmall() throws {
        var check = OptimisticSampleSize()
        check.settings = [.withoutBias]
        check.dimensions = [3]
        check.quickDynamicsSeeds = [2]
        // One or two runs per count: read "never" at level 0.99 (0 of 1 bounds the rate by 0.975 only).
        check.unattainableLevel = 0.99
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(outcome.readings.map(\.id) == ["7a"])
        #expect(Verdict.combining(outcome.readings.flatMap(\.comparisons).map(\.verdict)) == .holds)
        #expect(outcome.figures.contains { $0.id == "claim-07-rank" })
    }

    @Test("hypothesis broken: linear σ makes the rank at θ° equal d, so the verdict is not holds")
    func brokenLinear() throws {
        var check = OptimisticSampleSize()
        check.dimensions = [2]
        check.widths = [1]
        check.activation = .linear
        check.quickDynamicsSeeds = [2]
        check.settings = [.withoutBias]
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        let comparisons = outcome.readings.flatMap(\.comparisons)
        #expect(Verdict.combining(comparisons.map(\.verdict)) != .holds)
        #expect(comparisons.contains { $0.quantity.hasPrefix("rank J at the one-neuron point ≥") && $0.verdict == .fails })
    }

    @Test("with bias: the certified rank at θ° is d + 2, and an independent double rank of LossKernel's Jacobian agrees")
    func biasRank() throws {
        let d = 3, m = 2, n = 10
        let x = try OptimisticSampleSize.inputs(d: d, n: n, seed: 1)
        let theta = OptimisticSampleSize.targetSetPoints(d: d, m: m, bias: true)[0].theta
        let network = TwoLayerNetwork(width: m, inputDimension: d, hasBias: true)
        #expect(theta.count == network.parameterCount)
        let r = CertifiedRank(try ModelJacobianEnclosure.enclose(network: network, theta: theta, inputs: x, precision: Precision(bits: 128)))
        #expect(r.lower == d + 2 && r.upper == d + 2)
        let problem: Problem<Double> = try Experiment.standard(d: d, m: m, n: n, bias: true, dataSeed: 1, scale: "1").instantiate(precision: .double)
        var kernel = problem.makeLossKernel()
        var point = [Double](repeating: 0, count: network.parameterCount)
        point[0] = 1; point[1] = 1
        let Jd = kernel.jacobian(at: point)
        let P = network.parameterCount
        #expect(OptimisticSampleSizeTests.numericalRank((0..<n).map { i in (0..<P).map { Jd[i * P + $0] } }, tolerance: 1e-8) == d + 2)
    }

    @Test("hypothesis broken: linear σ with bias makes the rank at θ° equal d + 1 (x and 1 span it), so reading 7b fails")
    func brokenLinearBias() throws {
        var check = OptimisticSampleSize()
        check.settings = [.withBias]
        check.biasDimensions = [2]
        check.widths = [1]
        check.activation = .linear
        check.quickDynamicsSeeds = [2]
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(outcome.readings.map(\.id) == ["7b"])
        let comparisons = outcome.readings.flatMap(\.comparisons)
        #expect(Verdict.combining(comparisons.map(\.verdict)) == .fails)
        #expect(comparisons.contains { $0.quantity.hasPrefix("rank J at the one-neuron point ≥ d + 2") && $0.verdict == .fails })
    }

    @Test("with bias under its hypotheses at d = 3: reading 7b holds (rank d + 2; no recovery at n = d, d + 1; recovery at n = d + 2)")
    func holdsWithBias() throws {
        var check = OptimisticSampleSize()
        check.settings = [.withBias]
        check.quickDynamicsSeeds = [2]
        // One or two runs per count: read "never" at level 0.99 (0 of 1 bounds the rate by 0.975 only).
        check.unattainableLevel = 0.99
        let outcome = try check.check(CheckContext(precision: Rung(bits: 128), quick: true))
        #expect(Verdict.combining(outcome.readings.flatMap(\.comparisons).map(\.verdict)) == .holds)
        #expect(outcome.figures.contains { $0.id == "claim-07-rank-7b" })
    }
}
