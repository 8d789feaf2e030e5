@testable import GradientFlow
import MultiPrecision
import Testing

/// The start in Double of the Jacobi eigendecomposition (`SymmetricEigensystem`): it must give
/// the spectrum of the start from the identity, an orthogonal Q and QΛQᵀ = A to working
/// precision, in fewer sweeps; where A cannot be rounded to Double it starts from the identity.
@Suite("Jacobi eigensystem started in double")
struct SymmetricEigensystemTests {
    static let n = 20
    static let precision = try! Precision(bits: 192)

    /// A random symmetric matrix with entries of Double precision (exact at any precision).
    static func symmetric(seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { m[i * n + j] = 2 * g.nextUnitDouble() - 1; m[j * n + i] = m[i * n + j] } }
        return m
    }

    static func big(_ m: [Double]) -> [BigFloat] { m.map { BigFloat($0, precision: precision) } }

    /// max |(QΛQᵀ − A)_ij| / max |a_ij| and max |(QᵀQ − I)_ij|, in units of 2^(−p).
    static func residuals(_ e: SymmetricEigensystem<BigFloat>, _ a: [BigFloat]) -> (decomposition: Double, orthogonality: Double) {
        let n = Self.n, p = precision
        let q = (0..<(n * n)).map { BigFloat(e.vectors[$0], precision: p) }
        let lambda = e.spectrum
        var worst = (0.0, 0.0)
        let unit = BigFloat(Rational.pow(Rational(2), precision.bits), precision: p)
        let size = a.map { BigFloat.abs($0) }.max()!
        for i in 0..<n {
            for j in 0..<n {
                var back = BigFloat(0, precision: p), gram = BigFloat(i == j ? -1 : 0, precision: p)
                for k in 0..<n {
                    back = back + q[i * n + k] * lambda[k] * q[j * n + k]
                    gram = gram + q[k * n + i] * q[k * n + j]
                }
                worst.0 = max(worst.0, (BigFloat.abs(back - a[i * n + j]) / size * unit).doubleValue)
                worst.1 = max(worst.1, (BigFloat.abs(gram) * unit).doubleValue)
            }
        }
        return worst
    }

    static func decompose(_ m: [BigFloat], startsFromDouble: Bool) -> (SymmetricEigensystem<BigFloat>, Bool) {
        var e = SymmetricEigensystem<BigFloat>(dimension: n, precision: precision, startsFromDouble: startsFromDouble)
        let converged = e.decompose(m)
        return (e, converged)
    }

    /// Both starts on `m`: the same spectrum to 2^(−p+12)·‖A‖, residuals within 4096 units of
    /// 2^(−p), and the sweeps of each.
    static func compareStarts(_ m: [BigFloat]) -> (double: Int, identity: Int) {
        let (fromDouble, ok1) = decompose(m, startsFromDouble: true)
        let (fromIdentity, ok2) = decompose(m, startsFromDouble: false)
        #expect(ok1 && ok2)
        let size = m.map { BigFloat.abs($0) }.max()!
        let tolerance = size * BigFloat(Rational.pow(Rational(2), -(precision.bits - 12)), precision: precision)
        for (x, y) in zip(fromDouble.spectrum.sorted(), fromIdentity.spectrum.sorted()) {
            #expect(BigFloat.abs(x - y) <= tolerance, "eigenvalue \(x.decimal(significantDigits: 12)) vs \(y.decimal(significantDigits: 12))")
        }
        for (name, e) in [("double", fromDouble), ("identity", fromIdentity)] {
            let r = residuals(e, m)
            #expect(r.decomposition < 4096 && r.orthogonality < 4096, "\(name): \(r) units of 2^-p")
        }
        return (fromDouble.sweeps, fromIdentity.sweeps)
    }

    @Test("started in double: same spectrum, orthogonal Q, fewer sweeps") func startInDouble() {
        let sweeps = Self.compareStarts(Self.big(Self.symmetric(seed: 1)))
        #expect(sweeps.double < sweeps.identity, "\(sweeps)")
        #expect(sweeps.double <= 3, "\(sweeps)")
    }

    /// A double eigenvalue (the eigenvectors in Double are then any basis of its plane) and
    /// entries that differ below Double's resolution.
    @Test("a repeated eigenvalue and entries finer than Double") func repeatedEigenvalue() {
        var m = Self.big(Self.symmetric(seed: 2).enumerated().map { $0.offset < Self.n || $0.offset % Self.n == 0 ? 0 : $0.element })
        m[0] = m[Self.n + 1]
        let tiny = BigFloat(Rational.pow(Rational(2), -120), precision: Self.precision)
        for i in 1..<Self.n { m[i * Self.n + i] = m[i * Self.n + i] + tiny }
        _ = Self.compareStarts(m)
    }

    /// An entry beyond Double's range: no start in Double, the same sweeps as from the identity;
    /// a NaN entry: no decomposition.
    @Test("beyond Double's range the sweeps start from the identity; NaN fails") func outsideDouble() {
        var m = Self.big(Self.symmetric(seed: 3))
        let huge = BigFloat(Rational.pow(Rational(2), 1100), precision: Self.precision)
        for i in 0..<(Self.n * Self.n) { m[i] = m[i] * huge }
        let sweeps = Self.compareStarts(m)
        #expect(sweeps.double == sweeps.identity)
        m[1] = BigFloat(Double.nan, precision: Self.precision)
        #expect(!Self.decompose(m, startsFromDouble: true).1)
    }
}
