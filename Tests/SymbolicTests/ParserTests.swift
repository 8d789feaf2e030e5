import MultiPrecision
import Testing
@testable import Symbolic

@Suite("Parsing expressions and activations")
struct ParserTests {
    let x = Expr.variable("x")

    @Test("well-formed text parses to the canonical expression")
    func wellFormed() throws {
        #expect(try Expr(parsing: "x + x^3/10") == x + .pow(x, 3) / 10)
        #expect(try Expr(parsing: "-x^2") == -.pow(x, 2))
        #expect(try Expr(parsing: "2^-1") == .constant(Rational(numerator: 1, denominator: 2)))
        #expect(try Expr(parsing: "0.1 + 1.5e-1") == .constant(Rational(numerator: 1, denominator: 4)))
        #expect(try Expr(parsing: "x**2 * 3") == 3 * .pow(x, 2))
        #expect(try Expr(parsing: "leakyrelu(x, 1/5)") == .leakyRelu(x, slope: Rational(numerator: 1, denominator: 5)))
        #expect(try Expr(parsing: "ln(e)") == 1)
        #expect(try Expr(parsing: "sqrt(4/9)") == .constant(Rational(numerator: 2, denominator: 3)))
        #expect(try Expr(parsing: "tanh(w_1_2 * x_3_1)") == .tanh(Expr.variable("w_1_2") * .variable("x_3_1")))
        #expect(try Expr(parsing: "2^x") == .exp(x * .log(2)))
        let act = try SymbolicActivation(parsing: "x + x^3/10")
        #expect(act.derivative() == 1 + 3 * .pow(x, 2) / 10)
        #expect(try SymbolicActivation(parsing: "tanh").expression == .tanh(x))
        #expect(try SymbolicActivation(parsing: "leakyrelu:0.2").expression == .leakyRelu(x, slope: Rational(numerator: 1, denominator: 5)))
    }

    @Test("printing round-trips through the parser; LaTeX of fixed expressions")
    func roundTrip() throws {
        var gen = RandomExpressions(seed: 3)
        for _ in 0..<200 {
            let e = gen.expression(depth: 5)
            #expect(try Expr(parsing: e.description) == e, "\(e)")
        }
        let w12 = Expr.variable("w_1_2")
        #expect((Expr.tanh(x) - 1).description == "tanh(x) - 1")
        #expect((1 - Expr.pow(.tanh(x), 2)).description == "1 - tanh(x)^2")
        #expect((Expr.variable("e_1") * .tanh(x) / -3).description == "-e_1*tanh(x)/3")
        #expect((w12 / (x * .variable("y"))).latex == "\\frac{w_{1,2}}{x y}")
        #expect(Expr.pow(.tanh(x), 2).latex == "\\tanh^{2}\\left(x\\right)")
        #expect((Expr.sqrt(x) + .pi / 2).latex == "\\frac{\\pi}{2} + \\sqrt{x}")
        #expect(Expr.variable("theta_3").latex == "\\theta_{3}")
    }

    /// (text, expected 1-based column).
    static let malformed: [(String, Int)] = [
        ("", 1),
        ("   ", 4),
        ("x +", 4),
        ("x + (x^3", 9),
        ("2*)", 3),
        ("(x", 3),
        ("x)", 2),
        ("1.2.3", 4),
        ("2e", 2),
        ("1e+", 2),
        ("foo(x)", 1),
        ("tanh", 1),
        ("tanh()", 6),
        ("tanh(x, 2)", 9),
        ("x $ y", 3),
        ("x y", 3),
        ("1/0", 3),
        ("1/(x-x)", 3),
        ("0^-1", 1),
        ("(-2)^(1/2)", 1),
        ("log(0)", 1),
        ("log(-1)", 1),
        ("leakyrelu(x, y)", 14),
        ("leakyrelu(x, 1, 2)", 17),
        ("2x", 2),
        ("x^", 3),
        ("x**", 4),
        ("x^99999", 3),
        ("*x", 1),
        ("sqrt(x", 7),
        ("x + + ", 7),
        ("1e999999999", 2),
        ("x^(1/0)", 6),
        ("ln(x,)", 6),
        ("3 4", 3),
        ("x.", 2),
        (".", 1),
        ("()", 2),
        ("exp(x))", 7),
    ]

    @Test("malformed expressions give a positioned error, never a crash")
    func malformedExpressions() {
        #expect(Self.malformed.count >= 30)
        for (text, column) in Self.malformed {
            do {
                let e = try Expr(parsing: text)
                Issue.record("\"\(text)\" parsed as \(e)")
            } catch {
                #expect(error.position == column, "\"\(text)\": \(error)")
                #expect(!error.reason.isEmpty)
                #expect(error.input == text)
            }
        }
    }

    @Test("activation text: unknown variables, deep nesting, bad slopes")
    func malformedActivations() {
        func column(_ text: String) -> Int? {
            do { _ = try SymbolicActivation(parsing: text); return nil } catch { return error.position }
        }
        #expect(column("x + y") == 5)
        #expect(column("tanh(u)") == 6)
        #expect(column("leakyrelu:abc") == 11)
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        #expect(column(deep) != nil)
        let long = String(repeating: "x+", count: 3000) + "x"
        #expect(column(long) == nil)
    }

    @Test("fuzz: 5,000 random strings parse or fail with a column inside the text, and what parses evaluates")
    func fuzz() {
        let alphabet = Array("xy()+-*/^.,e0123456789 tanhlogsqrtreluabspi_")
        let words = ["tanh(", "log(", "sqrt(", "relu(", "leakyrelu(", "exp(", "sech(", "**", "1e", "1/", "^(", "pi", "e"]
        var rng = SeededGenerator(seed: 1234)
        var parsed = 0
        for _ in 0..<5000 {
            var text = ""
            let length = Int(rng.next() % 14)
            for _ in 0..<length {
                if rng.next() % 4 == 0 { text += words[Int(rng.next() % UInt64(words.count))] }
                else { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            }
            do {
                let e = try Expr(parsing: text)
                parsed += 1
                #expect(!e.containsUndefined, "\"\(text)\"")
                _ = try? e.evaluate(at: ["x": 0.5, "y": -0.25])
                _ = e.description
                _ = e.latex
            } catch {
                #expect(error.position >= 1 && error.position <= text.count + 1, "\"\(text)\": \(error)")
            }
        }
        #expect(parsed > 100)
    }
}
