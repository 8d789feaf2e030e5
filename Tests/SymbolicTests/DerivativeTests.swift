import MultiPrecision
import Testing
@testable import Symbolic

@Suite("Differentiation")
struct DerivativeTests {
    let x = Expr.variable("x"), y = Expr.variable("y")

    @Test("closed-form derivatives and the kink conventions")
    func rules() throws {
        #expect(Expr.tanh(x).derivative("x") == 1 - .pow(.tanh(x), 2))
        #expect(Expr.pow(x, 7).derivative("x", order: 5) == 2520 * .pow(x, 2))
        #expect(Expr.exp(2 * x).derivative("x", order: 3) == 8 * .exp(2 * x))
        #expect(Expr.log(x).derivative("x") == .pow(x, -1))
        #expect(Expr.sqrt(x).derivative("x") == .pow(x, Rational(numerator: -1, denominator: 2)) / 2)
        #expect((x * y).derivative("y") == x)
        #expect(Expr.sinh(x).derivative("x", order: 2) == .sinh(x))
        #expect(Expr.sech(x).derivative("x") == -(Expr.sech(x) * .tanh(x)))
        // relu'(0) = 0, leakyRelu'(0) = slope, abs'(0) = 0; and one-sided values elsewhere.
        let slope = Rational(numerator: 1, denominator: 10)
        let cases: [(Expr, Double, Double)] = [
            (.relu(x), 0, 0), (.relu(x), 2, 1), (.relu(x), -2, 0),
            (.leakyRelu(x, slope: slope), 0, 0.1), (.leakyRelu(x, slope: slope), 1, 1),
            (.leakyRelu(x, slope: slope), -1, 0.1),
            (.abs(x), 0, 0), (.abs(x), -3, -1), (.abs(x), 3, 1),
        ]
        for (f, at, expected) in cases {
            #expect(try f.derivative("x").evaluate(at: ["x": at]) == expected, "\(f) at \(at)")
        }
        #expect(Expr.heaviside(x).derivative("x").isZero)
    }

    /// 5-point central difference f'(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / (12h).
    ///
    /// Soundness at p = 512 bits, h = 2⁻¹³³ ≈ 9.2e−41: the abscissae x ± kh are exact (x is a
    /// double in [−3/2, 3/2], so x ± kh needs < 200 bits). Truncation error h⁴|f⁽⁵⁾|/30
    /// ≈ 2.4e−162·|f⁽⁵⁾|; rounding error ≲ (18/12)·δ·max|f|/h with δ ≈ 2⁻⁵⁰⁰ (a few hundred
    /// correctly rounded operations, each 2⁻⁵¹²) ≈ 5e−111·max|f|. Both are far below the
    /// asserted 1e−100·max(1, |f|, |f'|) unless f⁽⁵⁾ exceeds 1e60, which these bounded
    /// expressions cannot reach.
    static func centralDifference(_ f: Expr, at point: [String: BigFloat], in v: String,
                                  precision p: Precision) throws -> (BigFloat, BigFloat) {
        var h = BigFloat(1, precision: p)
        h.scale(h, byPowerOfTwo: -133)
        var values: [BigFloat] = []
        for k in [-2, -1, 1, 2] {
            var at = point
            var shifted = BigFloat(precision: p)
            shifted.fma(BigFloat(k, precision: p), h, point[v]!)
            at[v] = shifted
            values.append(try f.evaluate(at: at, precision: p))
        }
        let eight = BigFloat(8, precision: p)
        let num = values[0] - eight * values[1] + eight * values[2] - values[3]
        let fd = num / (BigFloat(12, precision: p) * h)
        let fmax = values.map { BigFloat.abs($0) }.max()!
        return (fd, fmax)
    }

    @Test("200 random expressions: ∂/∂x and ∂/∂y agree with 512-bit central differences to 1e−100")
    func randomAgainstFiniteDifferences() throws {
        let p = try Precision(bits: 512)
        let tolerance = try BigFloat(parsing: "1e-100", precision: p)
        var gen = RandomExpressions(seed: 20240521)
        var checked = 0, trial = 0
        while checked < 200 {
            trial += 1
            let f = gen.expression(depth: 4)
            let point = ["x": BigFloat(gen.coordinate(), precision: p), "y": BigFloat(gen.coordinate(), precision: p)]
            let v = trial % 3 == 2 ? "y" : "x"
            let df = f.derivative(v)
            // Only expressions with a non-trivial derivative count towards the 200.
            if df.isZero || df.size < 5 { continue }
            let exact = try df.evaluate(at: point, precision: p)
            let (fd, fmax) = try Self.centralDifference(f, at: point, in: v, precision: p)
            let one = BigFloat(1, precision: p)
            let scale = [one, fmax, BigFloat.abs(exact)].max()!
            let error = BigFloat.abs(exact - fd)
            #expect(error <= tolerance * scale, "f = \(f), ∂\(v) = \(df), error \(error.decimal(significantDigits: 5))")
            // Second derivative: the symbolic ∂² against the difference of the symbolic ∂.
            if trial % 4 == 0 {
                let d2 = try df.derivative(v).evaluate(at: point, precision: p)
                let (fd2, fmax2) = try Self.centralDifference(df, at: point, in: v, precision: p)
                let scale2 = [one, fmax2, BigFloat.abs(d2)].max()!
                #expect(BigFloat.abs(d2 - fd2) <= tolerance * scale2, "f = \(f), second derivative")
            }
            checked += 1
        }
        #expect(checked == 200)
    }

    @Test("gradient and Hessian helpers")
    func gradientHessian() {
        let f = Expr.pow(x, 2) * y + .tanh(y)
        #expect(f.gradient(["x", "y"]) == [2 * x * y, .pow(x, 2) + 1 - .pow(.tanh(y), 2)])
        let h = f.hessian(["x", "y"])
        #expect(h[0][0] == 2 * y)
        #expect(h[0][1] == 2 * x && h[1][0] == 2 * x)
    }
}
