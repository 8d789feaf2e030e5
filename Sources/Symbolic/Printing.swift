import MultiPrecision

/// Plain-text and LaTeX printing.
///
/// Plain text uses the parser's syntax (`+ - * / ^`, `sqrt`, `exp`, `tanh`, …, `pi`, `e`), so
/// `try Expr(parsing: e.description)` gives back `e` (a test checks it). Sums print their
/// non-constant terms first and the constant last; negative coefficients print as
/// subtraction; negative powers as division (`-e_1*tanh(u_1_1)/3`).
///
/// LaTeX prints variables with subscripts split at underscores (`w_1_2` → `w_{1,2}`, as in
/// proofs/THEORY.md's `w_k`, `x_i`, `u_{ik}`), Greek names as letters, rationals as `\frac`.
extension Expr: CustomStringConvertible {
    public var description: String { ExprPrinter(latex: false).print(self).text }

    /// The expression as LaTeX math (without delimiters).
    public var latex: String { ExprPrinter(latex: true).print(self).text }
}

/// Precedence of a printed fragment: how tightly it binds.
struct PrintFragment { var text: String; var level: PrintLevel }

enum PrintLevel: Int, Comparable {
    case sum = 1, product = 2, power = 3, atom = 4
    static func < (a: PrintLevel, b: PrintLevel) -> Bool { a.rawValue < b.rawValue }
}

struct ExprPrinter {
    let latex: Bool

    typealias Fragment = PrintFragment

    func print(_ e: Expr) -> Fragment {
        switch e.kind {
        case .constant(let r): return constant(r)
        case .pi: return Fragment(text: latex ? "\\pi" : "pi", level: .atom)
        case .e: return Fragment(text: "e", level: .atom)
        case .undefined: return Fragment(text: latex ? "\\mathrm{undefined}" : "undefined", level: .atom)
        case .variable(let name): return Fragment(text: latex ? ExprPrinter.latexName(name) : name, level: .atom)
        case .sum(let ts): return sum(ts)
        case .product: return product(e)
        case .power(let b, let r):
            if r.signum < 0 { return product(e) }
            return power(b, r)
        case .apply(let f, let a): return apply(f, a, exponent: nil)
        }
    }

    // MARK: Pieces

    private func constant(_ r: Rational) -> Fragment {
        if r.isInteger { return Fragment(text: r.description, level: r.signum < 0 ? .sum : .atom) }
        if latex {
            let body = "\\frac{\(Rational.abs(r).numeratorDescription)}{\(r.denominatorDescription)}"
            return Fragment(text: r.signum < 0 ? "-" + body : body, level: r.signum < 0 ? .sum : .atom)
        }
        return Fragment(text: r.description, level: r.signum < 0 ? .sum : .product)
    }

    private func wrap(_ f: Fragment, below level: PrintLevel) -> String {
        guard f.level < level else { return f.text }
        return latex ? "\\left(\(f.text)\\right)" : "(\(f.text))"
    }

    /// True if the term prints with a leading minus (negative coefficient).
    private func isNegative(_ t: Expr) -> Bool { t.productView.1.signum < 0 }

    private func sum(_ ts: [Expr]) -> Fragment {
        // Constant last ("x + 1"), unless the leading term is negative and the constant
        // positive ("1 - tanh(x)^2").
        var ordered = ts.filter { $0.rationalValue == nil }
        let constants = ts.filter { $0.rationalValue != nil }
        if let c = constants.first?.rationalValue, c.signum > 0, let first = ordered.first, isNegative(first) {
            ordered = constants + ordered
        } else {
            ordered += constants
        }
        var text = ""
        for (i, t) in ordered.enumerated() {
            if i == 0 {
                text = print(t).text
            } else if isNegative(t) {
                text += " - " + wrap(print(-t), below: .product)
            } else {
                text += " + " + wrap(print(t), below: .product)
            }
        }
        return Fragment(text: text, level: .sum)
    }

    private func product(_ e: Expr) -> Fragment {
        let (factors, c) = e.productView
        var numerator: [Expr] = [], denominator: [Expr] = []
        for f in factors {
            if case .power(let b, let r) = f.kind, r.signum < 0 {
                denominator.append(.power(b, -r))
            } else {
                numerator.append(f)
            }
        }
        let negative = c.signum < 0
        let cn = Rational.abs(c).numeratorDescription, cd = c.denominatorDescription
        var num: [String] = [], den: [String] = []
        if cn != "1" { num.append(cn) }
        if cd != "1" { den.append(cd) }
        if latex {
            for f in numerator { num.append(wrap(print(f), below: .power)) }
            for f in denominator { den.append(wrap(print(f), below: .power)) }
        }
        let sign = negative ? "-" : ""
        if latex {
            let n = num.isEmpty ? "1" : joinLatex(num)
            if den.isEmpty { return PrintFragment(text: sign + n, level: negative ? .sum : (num.count > 1 ? .product : .atom)) }
            return PrintFragment(text: sign + "\\frac{\(n)}{\(joinLatex(den))}", level: negative ? .sum : .atom)
        }
        // Plain text must parse back to the same canonical node. The parser distributes a
        // coefficient over a lone sum (2*(x + y) → 2x + 2y), so the text never multiplies a
        // coefficient (or a leading minus) by a sum first: sums are written after the other
        // factors ("-a_1*e_1*(1 - tanh(u)^2)/3"), and when there are no other factors the
        // coefficient goes last ("(x + y)/z*2/3").
        let isSum: (Expr) -> Bool = { if case .sum = $0.kind { return true } else { return false } }
        let above = numerator.filter { !isSum($0) } + numerator.filter(isSum)
        let below = denominator.filter { !isSum($0) } + denominator.filter(isSum)
        let onlySumsAbove = !above.isEmpty && above.allSatisfy(isSum)
        let onlySumsBelow = !below.isEmpty && below.allSatisfy(isSum)
        let trailingCoefficient = onlySumsAbove && c != Rational(1)
        var factorsAbove = above.map { wrap(print($0), below: .power) }
        var factorsBelow = below.map { wrap(print($0), below: .power) }
        var text: String
        if trailingCoefficient {
            text = factorsAbove.joined(separator: "*")
            if !factorsBelow.isEmpty {
                text += "/" + (factorsBelow.count == 1 ? factorsBelow[0] : "(" + factorsBelow.joined(separator: "*") + ")")
            }
            if c == Rational(-1) { text += "*(-1)" }
            else {
                if cn != "1" || negative { text += "*" + (negative ? "(-\(cn))" : cn) }
                if cd != "1" { text += "/" + cd }
            }
            return PrintFragment(text: text, level: .product)
        }
        if cn != "1" { factorsAbove.insert(cn, at: 0) }
        let lowerCoefficientApart = onlySumsBelow && cd != "1"
        if cd != "1" && !lowerCoefficientApart { factorsBelow.insert(cd, at: 0) }
        text = factorsAbove.isEmpty ? "1" : factorsAbove.joined(separator: "*")
        if !factorsBelow.isEmpty {
            // Each piece is already an atom or a power (wrapped below .power).
            text += "/" + (factorsBelow.count == 1 ? factorsBelow[0] : "(" + factorsBelow.joined(separator: "*") + ")")
        }
        if lowerCoefficientApart { text += "/" + cd }
        let level: PrintLevel = negative ? .sum : (factorsAbove.count + factorsBelow.count > 1 || lowerCoefficientApart ? .product : .atom)
        return PrintFragment(text: sign + text, level: level)
    }

    private func joinLatex(_ parts: [String]) -> String {
        var text = ""
        for (i, p) in parts.enumerated() {
            if i > 0 {
                let prevDigit = text.last?.isNumber ?? false, nextDigit = p.first?.isNumber ?? false
                text += prevDigit && nextDigit ? " \\cdot " : " "
            }
            text += p
        }
        return text
    }

    private func power(_ b: Expr, _ r: Rational) -> Fragment {
        if r == Rational(numerator: 1, denominator: 2) {
            let inner = print(b).text
            return Fragment(text: latex ? "\\sqrt{\(inner)}" : "sqrt(\(inner))", level: .atom)
        }
        if latex, case .apply(let f, let a) = b.kind, r.isInteger, f != .abs {
            return apply(f, a, exponent: r.description)
        }
        let base = wrap(print(b), below: .atom)
        if latex {
            let exponent = r.isInteger ? r.description : "\(r.numeratorDescription)/\(r.denominatorDescription)"
            return Fragment(text: "{\(base)}^{\(exponent)}", level: .power)
        }
        let exponent = r.isInteger && r.signum > 0 ? r.description : "(\(r.description))"
        return Fragment(text: base + "^" + exponent, level: .power)
    }

    private func apply(_ f: Expr.Function, _ a: Expr, exponent: String?) -> Fragment {
        let arg = print(a).text
        guard latex else {
            if case .leakyRelu(let s) = f { return Fragment(text: "leakyrelu(\(arg), \(s.description))", level: .atom) }
            return Fragment(text: "\(f.name)(\(arg))", level: .atom)
        }
        let power = exponent.map { "^{\($0)}" } ?? ""
        let head: String
        switch f {
        case .exp, .log, .tanh, .sinh, .cosh: head = "\\" + f.name
        case .sech, .relu, .sign: head = "\\operatorname{\(f.name)}"
        case .leakyRelu(let s): head = "\\operatorname{leakyrelu}_{\(constant(s).text)}"
        case .heaviside: head = "H"
        case .abs: return Fragment(text: "\\left|\(arg)\\right|\(power)", level: .atom)
        }
        return Fragment(text: "\(head)\(power)\\left(\(arg)\\right)", level: .atom)
    }

    // MARK: Names

    private static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega",
    ]

    /// A variable name no parsed expression contains, replaced after printing (series).
    static let placeholder = "\u{1}T\u{1}"

    /// `w_1_2` → `w_{1,2}`, `theta_3` → `\theta_{3}`, `eps` → `\mathrm{eps}`.
    static func latexName(_ name: String) -> String {
        if name == placeholder { return name }
        let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        let base = parts[0]
        let head: String
        if greek.contains(base) { head = "\\" + base }
        else if base.count <= 1 { head = base }
        else { head = "\\mathrm{\(base)}" }
        let subscripts = parts.dropFirst().filter { !$0.isEmpty }
        return subscripts.isEmpty ? head : head + "_{" + subscripts.joined(separator: ",") + "}"
    }
}
