import MultiPrecision
import Testing
@testable import Symbolic

@Suite("Canonical form")
struct SimplificationTests {
    let x = Expr.variable("x"), y = Expr.variable("y"), z = Expr.variable("z")

    @Test("constants fold exactly; like terms and factors collect; order does not matter")
    func canonical() {
        #expect(Expr.constant(Rational(numerator: 1, denominator: 3)) + .constant(Rational(numerator: 1, denominator: 6))
                == .constant(Rational(numerator: 1, denominator: 2)))
        #expect(x + y == y + x)
        #expect(x * y * z == z * (y * x))
        #expect(x + x == 2 * x)
        #expect(x - x == 0)
        #expect(x * .pow(x, -1) == 1)
        #expect(x * .sqrt(x) == .pow(x, Rational(numerator: 3, denominator: 2)))
        #expect(2 * x * y + 3 * y * x == 5 * x * y)
        #expect(.pow(x * y, 2) == .pow(x, 2) * .pow(y, 2))
        #expect(.pow(.pow(x, 3), 2) == .pow(x, 6))
        #expect(Expr.sqrt(.constant(Rational(numerator: 4, denominator: 9))) == .constant(Rational(numerator: 2, denominator: 3)))
        #expect(Expr.pow(.sqrt(2), 2) == 2)
        #expect(Expr.tanh(0) == 0 && Expr.cosh(0) == 1 && Expr.exp(0) == 1 && Expr.log(1) == 0 && Expr.sech(0) == 1)
        #expect(Expr.tanh(-x) == -Expr.tanh(x))
        #expect(Expr.cosh(-2 * x) == .cosh(2 * x))
        #expect(Expr.relu(-3) == 0 && Expr.relu(.constant(Rational(numerator: 5, denominator: 2))) == .constant(Rational(numerator: 5, denominator: 2)))
        #expect(Expr.leakyRelu(-10, slope: Rational(numerator: 1, denominator: 10)) == -1)
        #expect(Expr.abs(-7) == 7)
        #expect(Expr.log(0).isUndefined && (Expr.one / 0).isUndefined)
        #expect(2 * (x + y) == 2 * x + 2 * y)
        #expect(0 * Expr.tanh(x) == 0)
    }

    @Test("equal polynomials compare equal after expansion")
    func polynomialNormalForm() {
        #expect(Expr.pow(x + 1, 2).expanded() == .pow(x, 2) + 2 * x + 1)
        #expect(((x + y) * (x - y)).expanded() == .pow(x, 2) - .pow(y, 2))
        let lhs = Expr.pow(x + y + z, 3).expanded()
        let rhs = ((x + y + z) * (x + y + z) * (z + y + x)).expanded()
        #expect(lhs == rhs)
        #expect(lhs.children.count == 10)
        // (x − 1)(x² + x + 1) = x³ − 1, with rational coefficients
        let h = Expr.constant(Rational(numerator: 1, denominator: 2))
        #expect(((x - h) * (.pow(x, 2) + h * x + h * h)).expanded() == .pow(x, 3) - h * h * h)
        // Laurent: (x + 1/x)² = x² + 2 + x⁻²
        #expect(Expr.pow(x + .pow(x, -1), 2).expanded() == .pow(x, 2) + 2 + .pow(x, -2))
        // Random polynomials: expand(p·q) evaluated equals p·q evaluated exactly (rationals).
        var gen = RandomExpressions(seed: 99)
        for _ in 0..<30 {
            var p: Expr = 0, q: Expr = 0
            for k in 0...3 {
                p += .constant(gen.rational()) * .pow(x, k) * .pow(y, gen.int(0...2))
                q += .constant(gen.rational()) * .pow(y, k) + .constant(gen.rational()) * x
            }
            let e = (p * q).expanded()
            let direct = (p.expanded() * q.expanded()).expanded()
            #expect(e == direct)
            let at = Expr.constant(Rational(numerator: 3, denominator: 7)), bt = Expr.constant(Rational(numerator: -5, denominator: 2))
            #expect(e.substituting(["x": at, "y": bt]) == p.substituting(["x": at, "y": bt]) * q.substituting(["x": at, "y": bt]))
        }
    }

    @Test("substitution and replacement")
    func substitution() {
        let f = Expr.tanh(x * y) + x
        #expect(f.substituting(["x": 2 * z]) == .tanh(2 * y * z) + 2 * z)
        #expect((x - y).substituting(["x": y, "y": x]) == y - x)
        #expect(f.substituting(["x": 0]) == 0)
        #expect(f.replacing([x * y: .variable("u")]) == .tanh(.variable("u")) + x)
        #expect(f.freeVariables == ["x", "y"])
    }
}
