import MultiPrecision
import Testing
@testable import Symbolic

/// Bernoulli numbers B_0 … B_n (B_1 = +1/2 convention) by the Akiyama–Tanigawa algorithm,
/// independent of the code under test.
func bernoulliNumbers(upTo n: Int) -> [Rational] {
    var result: [Rational] = []
    var a: [Rational] = []
    for m in 0...n {
        a.append(Rational(numerator: 1, denominator: m + 1))
        for j in stride(from: m, through: 1, by: -1) {
            a[j - 1] = Rational(j) * (a[j - 1] - a[j])
        }
        result.append(a[0])
    }
    return result
}

func factorial(_ n: Int) -> Rational { (1...max(1, n)).reduce(Rational(1)) { $0 * Rational($1) } }

@Suite("Taylor series with exact coefficients (claim 2)")
struct SeriesTests {
    let x = Expr.variable("x")

    @Test("Bernoulli numbers of the test's own generator are right")
    func bernoulliSanity() {
        let b = bernoulliNumbers(upTo: 12)
        #expect(b[2] == Rational(numerator: 1, denominator: 6))
        #expect(b[4] == Rational(numerator: -1, denominator: 30))
        #expect(b[12] == Rational(numerator: -691, denominator: 2730))
    }

    @Test("tanh to order 25 equals 2^{2n}(2^{2n}−1)B_{2n}/(2n)! x^{2n−1}")
    func tanhBernoulli() throws {
        let order = 25
        let s = try Expr.tanh(x).rationalSeries(in: "x", order: order)
        #expect(s.order == order)
        let b = bernoulliNumbers(upTo: order + 1)
        for k in 0...order {
            var expected = Rational(0)
            if k % 2 == 1 {
                let n = (k + 1) / 2
                let p = Rational.pow(Rational(2), 2 * n)
                expected = p * (p - Rational(1)) * b[2 * n] / factorial(2 * n)
            }
            #expect(s[k] == expected, "coefficient of x^\(k)")
        }
    }

    @Test("σ(u) − uσ'(u) for tanh = 2/3 u³ − 8/15 u⁵ + 34/105 u⁷ − 496/2835 u⁹ + …")
    func tanhDrift() throws {
        let drift = SymbolicActivation.tanh.imbalanceDrift
        let s = try drift.rationalSeries(in: "x", order: 11)
        let expected: [Rational] = [
            0, 0, 0, Rational(numerator: 2, denominator: 3), 0, Rational(numerator: -8, denominator: 15), 0,
            Rational(numerator: 34, denominator: 105), 0, Rational(numerator: -496, denominator: 2835), 0,
        ]
        for k in 0..<expected.count { #expect(s[k] == expected[k], "coefficient of u^\(k)") }
        // Closed form of the whole series: tanh = Σ c_k u^k ⇒ σ − uσ' = Σ (1 − k) c_k u^k.
        let t = try Expr.tanh(x).rationalSeries(in: "x", order: 11)
        for k in 0...11 { #expect(s[k] == Rational(1 - k) * t[k]) }
    }

    @Test("1-homogeneous activations have zero drift (claim 1)")
    func homogeneousDrift() throws {
        #expect(SymbolicActivation.linear.imbalanceDrift.isZero)
        // relu/leaky relu: σ(u) − uσ'(u) vanishes pointwise with the documented conventions.
        for act in [SymbolicActivation.relu, .leakyRelu(slope: Rational(numerator: 1, denominator: 5))] {
            for u in [-2.0, -0.5, 0.0, 0.25, 3.0] {
                #expect(try act.imbalanceDrift.evaluate(at: ["x": u]) == 0)
            }
        }
    }

    @Test("sech² = tanh' has the derivative of the Bernoulli series; exp·exp(−x) = 1")
    func sechSquaredAndProducts() throws {
        let order = 16
        let sech2 = try Expr.pow(.sech(x), 2).rationalSeries(in: "x", order: order)
        let tanhS = try Expr.tanh(x).rationalSeries(in: "x", order: order + 1)
        for k in 0...order { #expect(sech2[k] == Rational(k + 1) * tanhS[k + 1]) }
        let e1 = try Expr.exp(x).rationalSeries(in: "x", order: order)
        let e2 = try Expr.exp(-x).rationalSeries(in: "x", order: order)
        let one = e1 * e2
        for k in 0...order { #expect(one[k] == (k == 0 ? Rational(1) : Rational(0))) }
        for k in 0...order { #expect(e1[k] == Rational(1) / factorial(k)) }
    }

    @Test("log(1+x), sqrt(1+x), sinh, cosh, sigmoid against closed forms")
    func closedForms() throws {
        let n = 12
        let l = try Expr.log(1 + x).rationalSeries(in: "x", order: n)
        for k in 1...n { #expect(l[k] == Rational(numerator: k % 2 == 1 ? 1 : -1, denominator: k)) }
        #expect(l[0] == 0)
        // binomial(1/2, k)
        let s = try Expr.sqrt(1 + x).rationalSeries(in: "x", order: n)
        var binom = Rational(1)
        for k in 0...n {
            #expect(s[k] == binom)
            binom = binom * (Rational(numerator: 1, denominator: 2) - Rational(k)) / Rational(k + 1)
        }
        let sh = try Expr.sinh(x).rationalSeries(in: "x", order: n)
        let ch = try Expr.cosh(x).rationalSeries(in: "x", order: n)
        for k in 0...n {
            #expect(sh[k] == (k % 2 == 1 ? Rational(1) / factorial(k) : 0))
            #expect(ch[k] == (k % 2 == 0 ? Rational(1) / factorial(k) : 0))
        }
        // sigmoid(x) = 1/2 + tanh(x/2)/2
        let sg = try Expr.sigmoid(x).rationalSeries(in: "x", order: n)
        let th = try Expr.tanh(x / 2).rationalSeries(in: "x", order: n)
        for k in 0...n { #expect(sg[k] == (k == 0 ? Rational(numerator: 1, denominator: 2) : th[k] / 2)) }
    }

    @Test("series arithmetic: reciprocal, compose, derivative, integral")
    func arithmetic() throws {
        let n = 10
        let cosh = try Expr.cosh(x).rationalSeries(in: "x", order: n)
        let sech = try Expr.sech(x).rationalSeries(in: "x", order: n)
        #expect(try cosh.reciprocal() == sech)
        // exp ∘ (x + x²) = series of exp(x + x²) directly
        let expS = try Expr.exp(x).rationalSeries(in: "x", order: n)
        let inner = try (x + .pow(x, 2)).rationalSeries(in: "x", order: n)
        #expect(try expS.composed(with: inner) == (try Expr.exp(x + .pow(x, 2)).rationalSeries(in: "x", order: n)))
        // tanh ∘ (2x) = tanh(2x)
        let tanhS = try Expr.tanh(x).rationalSeries(in: "x", order: n)
        let twoX = try (2 * x).rationalSeries(in: "x", order: n)
        #expect(try tanhS.composed(with: twoX) == (try Expr.tanh(2 * x).rationalSeries(in: "x", order: n)))
        // d/dx tanh = 1 − tanh²
        let oneMinus = try (1 - .pow(.tanh(x), 2)).rationalSeries(in: "x", order: n - 1)
        #expect(tanhS.derivative() == oneMinus)
        #expect(oneMinus.integral() == tanhS)
        // division
        #expect(try (tanhS * cosh) / cosh == tanhS)
        #expect(throws: SymbolicError.self) { try tanhS.reciprocal() }
    }

    @Test("at a rational point: exact where rational, symbolic otherwise; kinks throw")
    func otherPoints() throws {
        let half = Rational(numerator: 1, denominator: 2)
        // A polynomial re-expanded at 1/2 is exact.
        let p = try (x + .pow(x, 3) / 10).rationalSeries(in: "x", at: half, order: 4)
        #expect(p[0] == half + Rational(numerator: 1, denominator: 80))
        #expect(p[1] == 1 + Rational(numerator: 3, denominator: 40))
        #expect(p[3] == Rational(numerator: 1, denominator: 10))
        #expect(p[4] == 0)
        // tanh at 1/2 is irrational: rational series refuses, symbolic series gives tanh(1/2).
        #expect(throws: SymbolicError.self) { try Expr.tanh(x).rationalSeries(in: "x", at: half, order: 3) }
        let sym = try Expr.tanh(x).series(in: "x", at: Expr.constant(half), order: 3)
        #expect(sym[0] == Expr.tanh(.constant(half)))
        #expect(sym[1] == (1 - .pow(.tanh(.constant(half)), 2)))
        // relu is linear away from the kink, not analytic at it.
        let r = try Expr.relu(x).rationalSeries(in: "x", at: half, order: 3)
        #expect(r[0] == half && r[1] == 1 && r[2] == 0)
        let rn = try Expr.relu(x).rationalSeries(in: "x", at: -half, order: 3)
        #expect(rn.coefficients.allSatisfy { $0.isZero })
        #expect(throws: SymbolicError.self) { try Expr.relu(x).rationalSeries(in: "x", order: 3) }
        #expect(throws: SymbolicError.self) { try Expr.log(x).rationalSeries(in: "x", order: 3) }
        #expect(throws: SymbolicError.self) { try Expr.sqrt(x).rationalSeries(in: "x", order: 3) }
        // sign of an irrational point is certified numerically: abs at π/4 − 1 < 0.
        let a = try Expr.abs(x).series(in: "x", at: Expr.pi / 4 - 1, order: 2)
        #expect(a[1] == -1)
    }

    @Test("an expansion whose constants would pass 2^21 bits is refused by size, whatever its time budget")
    func oversizedConstantsRefused() throws {
        // Found by fuzzing: (log(10^10000 + x)/2 − 3 + 10^−10000)^100 makes rationals of
        // millions of bits, and normalizing one coefficient took longer than the 10 s budget.
        let sigma = try SymbolicActivation(parsing: "(-3 + 1e-10000 + log(1e10000 + 1 * x) * --1/2)^100")
        do {
            _ = try sigma.expression.series(in: SymbolicActivation.variableName, at: Expr.zero, order: 8,
                                            budget: SeriesBudget(seconds: 3600))
            Issue.record("the expansion should have been refused")
        } catch {
            #expect("\(error)".contains("more than 2^21 bits"), "\(error)")
        }
        // The same shape with small constants expands.
        let small = try SymbolicActivation(parsing: "(-3 + log(1 + x)/2)^100")
        let series = try small.expression.series(in: SymbolicActivation.variableName, at: Expr.zero, order: 8,
                                                 budget: SeriesBudget(seconds: 3600))
        #expect(series.order == 8 && !series[8].isZero)
    }

    @Test("printing of a series")
    func printing() throws {
        let s = try Expr.tanh(x).rationalSeries(in: "x", order: 5)
        #expect(s.text(variable: "u", latex: false) == "u - u^3/3 + 2*u^5/15 + O(u^6)")
        #expect(s.text(variable: "u", latex: true) == "u - \\frac{{u}^{3}}{3} + \\frac{2 {u}^{5}}{15} + O\\left(u^{6}\\right)")
    }
}
