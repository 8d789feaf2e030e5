import MultiPrecision

/// A parse error: where (1-based column, counted in characters) and why. Never a crash:
/// every malformed input, however deep or long, ends here.
public struct ExpressionParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public let input: String
    /// 1-based column of the offending character (`input.count + 1` for "at the end").
    public let position: Int
    /// What is wrong there.
    public let reason: String

    public var description: String { "column \(position): \(reason)" }
}

/// Parses expression text into a canonical `Expr`.
///
/// Grammar (the plain-text printer's syntax):
/// ```
/// expression := term (("+" | "-") term)*
/// term       := unary (("*" | "/") unary)*
/// unary      := ("-" | "+") unary | power
/// power      := primary (("^" | "**") unary)?          right-associative; -x^2 = -(x^2)
/// primary    := number | name | name "(" arguments ")" | "(" expression ")"
/// number     := digits ["." digits] [("e" | "E") ["+" | "-"] digits]   read exactly
/// ```
/// Names: `pi`, `e`, and variables (letters, digits, `_`; e.g. `x`, `w_1_2`). Functions:
/// exp, log (= ln), sqrt, tanh, sinh, cosh, sech, sigmoid, relu, abs, heaviside, sign (one
/// argument) and `leakyrelu(x, slope)` (slope a rational constant; `leakyrelu(x)` has slope
/// 1/100). Decimals are exact rationals (`0.1` is 1/10). A power with a rational constant
/// exponent is exact (`x^(1/3)`); any other exponent means exp(y·log x).
public struct ExpressionParser {
    /// If set, the only variable names accepted (e.g. ["x"] for an activation).
    public var allowedVariables: Set<String>?
    /// Deepest nesting accepted (keeps recursion far from the stack limit).
    public var maximumDepth = 200
    /// Largest |n| accepted in a constant exponent (keeps exact rationals reasonable).
    public var maximumExponent = 4096
    /// Longest text accepted, in characters.
    public var maximumLength = 10_000
    /// Largest exact constant a product or power may fold to, in bits of numerator and
    /// denominator (2^20 bits, about 315,000 decimal digits): `((2^4096)^4096)^4096` and
    /// `(1e10000)^4096` are refused here instead of exhausting memory in GMP.
    public var maximumConstantBits = 1 << 20

    public init(allowedVariables: Set<String>? = nil) { self.allowedVariables = allowedVariables }

    /// Parses `text`.
    /// - Throws: `ExpressionParseError` naming the column and the reason.
    public func parse(_ text: String) throws(ExpressionParseError) -> Expr {
        if text.utf8.count > maximumLength * 4 || text.count > maximumLength {
            throw ExpressionParseError(input: "", position: maximumLength + 1,
                                       reason: "expression longer than \(maximumLength) characters")
        }
        var state = State(chars: Array(text), text: text, config: self)
        return try state.parseAll()
    }

    private struct State {
        let chars: [Character]
        let text: String
        let config: ExpressionParser
        var i = 0
        var depth = 0

        init(chars: [Character], text: String, config: ExpressionParser) {
            self.chars = chars; self.text = text; self.config = config
        }

        func fail(_ index: Int, _ reason: String) -> ExpressionParseError {
            ExpressionParseError(input: text, position: index + 1, reason: reason)
        }

        mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        func describe(_ index: Int) -> String {
            index < chars.count ? "unexpected '\(DecimalSyntax.excerpt(String(chars[index])))'" : "unexpected end of input"
        }

        /// Refuses an exact constant beyond `maximumConstantBits`.
        func checkConstant(_ e: Expr, _ start: Int) throws(ExpressionParseError) -> Expr {
            if let c = e.rationalValue, c.limbCount * 64 > config.maximumConstantBits * 2 {
                throw fail(start, "exact constant larger than \(config.maximumConstantBits) bits")
            }
            return e
        }

        mutating func parseAll() throws(ExpressionParseError) -> Expr {
            skipSpace()
            if i == chars.count { throw fail(i, "empty expression") }
            let e = try expression()
            skipSpace()
            if i < chars.count {
                if chars[i] == ")" { throw fail(i, "unmatched ')'") }
                throw fail(i, describe(i) + " after a complete expression (missing operator?)")
            }
            return e
        }

        mutating func enter(_ start: Int) throws(ExpressionParseError) {
            depth += 1
            if depth > config.maximumDepth { throw fail(start, "nesting deeper than \(config.maximumDepth) levels") }
        }

        mutating func expression() throws(ExpressionParseError) -> Expr {
            var e = try term()
            while true {
                skipSpace()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return e }
                let op = chars[i]
                i += 1
                let start = i
                let t = try term()
                e = try checkConstant(op == "+" ? e + t : e - t, start)
            }
        }

        mutating func term() throws(ExpressionParseError) -> Expr {
            var e = try unary()
            while true {
                skipSpace()
                guard i < chars.count, chars[i] == "*" || chars[i] == "/" else { return e }
                if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "*" { return e }  // "**" is a power
                let op = chars[i]
                i += 1
                skipSpace()
                let start = i
                let f = try unary()
                if op == "/" {
                    if f.isZero { throw fail(start, "division by zero") }
                    e = e / f
                    if e.isUndefined { throw fail(start, "division by zero") }
                } else {
                    e = try checkConstant(e * f, start)
                }
            }
        }

        mutating func unary() throws(ExpressionParseError) -> Expr {
            skipSpace()
            let start = i
            try enter(start)
            defer { depth -= 1 }
            guard i < chars.count else { throw fail(i, "expected a number, a name or '(' but found the end of input") }
            if chars[i] == "-" { i += 1; return -(try unary()) }
            if chars[i] == "+" { i += 1; return try unary() }
            return try power()
        }

        mutating func power() throws(ExpressionParseError) -> Expr {
            let start = i
            let base = try primary()
            skipSpace()
            guard i < chars.count else { return base }
            if chars[i] == "^" {
                i += 1
            } else if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
            } else {
                return base
            }
            skipSpace()
            let exponentStart = i
            let y = try unary()
            if let r = y.rationalValue {
                guard let (a, b) = r.intParts, Swift.abs(a) <= config.maximumExponent, b <= config.maximumExponent else {
                    throw fail(exponentStart, "exponent \(r) is too large (numerator and denominator at most \(config.maximumExponent))")
                }
                if let c = base.rationalValue {
                    if c.isZero && r.signum < 0 { throw fail(start, "zero raised to a negative power") }
                    if c.signum < 0 && !r.isInteger { throw fail(start, "negative number raised to a non-integer power") }
                    if c.limbCount * 64 * Swift.abs(a) > config.maximumConstantBits * 2 * b {
                        throw fail(start, "the constant power would have more than \(config.maximumConstantBits) bits")
                    }
                }
            }
            let e = Expr.pow(base, y)
            if e.isUndefined { throw fail(start, "undefined power") }
            if case .power(_, let r) = e.kind {
                guard let (a, b) = r.intParts, Swift.abs(a) <= config.maximumExponent, b <= config.maximumExponent else {
                    throw fail(start, "the combined exponent \(DecimalSyntax.excerpt(r.description)) is too large (numerator and denominator at most \(config.maximumExponent))")
                }
            }
            return try checkConstant(e, start)
        }

        mutating func primary() throws(ExpressionParseError) -> Expr {
            skipSpace()
            guard i < chars.count else { throw fail(i, "expected a number, a name or '(' but found the end of input") }
            let c = chars[i]
            if c == "(" {
                let open = i
                i += 1
                skipSpace()
                if i < chars.count, chars[i] == ")" { throw fail(i, "empty parentheses") }
                let e = try expression()
                skipSpace()
                guard i < chars.count, chars[i] == ")" else {
                    throw fail(i, (i < chars.count ? describe(i) + ": " : "") + "expected ')' to close the '(' at column \(open + 1)")
                }
                i += 1
                return e
            }
            if c.isASCII && (c.isNumber || c == ".") { return try number() }
            if c.isLetter || c == "_" { return try name() }
            if c == ")" { throw fail(i, "unexpected ')': expected a number, a name or '('") }
            throw fail(i, "unexpected '\(c)': expected a number, a name or '('")
        }

        mutating func digits() -> Int {
            let s = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            return i - s
        }

        mutating func number() throws(ExpressionParseError) -> Expr {
            let start = i
            var count = digits()
            if i < chars.count, chars[i] == "." {
                i += 1
                count += digits()
            }
            if count == 0 { throw fail(start, "a number needs at least one digit") }
            if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                // An exponent only if digits follow ("2e" is an error, not 2·e).
                let mark = i
                i += 1
                if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
                let exponentStart = i
                if digits() == 0 { throw fail(mark, "malformed number: exponent without digits") }
                let exponentDigits = String(chars[exponentStart..<i]).drop { $0 == "0" }
                if exponentDigits.count > 5 || (Int(exponentDigits) ?? 0) > 10_000 {
                    throw fail(mark, "decimal exponent too large (at most 10000)")
                }
            }
            if i < chars.count, chars[i] == "." { throw fail(i, "malformed number: a second '.'") }
            if i < chars.count, chars[i].isLetter || chars[i] == "_" {
                throw fail(i, "unexpected '\(chars[i])' right after a number (write '*' for a product)")
            }
            let literal = String(chars[start..<i])
            do {
                return .constant(try Rational(parsing: literal))
            } catch {
                throw fail(start, "number \"\(literal)\" is out of range")
            }
        }

        static func unaryFunction(_ name: String) -> ((Expr) -> Expr)? {
            switch name {
            case "exp": return Expr.exp
            case "log", "ln": return Expr.log
            case "sqrt": return Expr.sqrt
            case "tanh": return Expr.tanh
            case "sinh": return Expr.sinh
            case "cosh": return Expr.cosh
            case "sech": return Expr.sech
            case "sigmoid": return Expr.sigmoid
            case "relu": return Expr.relu
            case "abs": return Expr.abs
            case "heaviside": return Expr.heaviside
            case "sign": return Expr.sign
            default: return nil
            }
        }

        mutating func name() throws(ExpressionParseError) -> Expr {
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
            let id = String(chars[start..<i])
            let afterName = i
            skipSpace()
            let isCall = i < chars.count && chars[i] == "("
            let lower = id.lowercased()
            let isFunction = State.unaryFunction(lower) != nil || lower == "leakyrelu"
            if !isCall {
                i = afterName
                if isFunction { throw fail(start, "function '\(id)' needs an argument in parentheses") }
                if id == "pi" { return .pi }
                if id == "e" { return .e }
                if let allowed = config.allowedVariables, !allowed.contains(id) {
                    throw fail(start, "unknown variable '\(DecimalSyntax.excerpt(id))' (allowed: \(allowed.sorted().joined(separator: ", ")))")
                }
                return .variable(id)
            }
            guard isFunction else { throw fail(start, "unknown function '\(DecimalSyntax.excerpt(id))'") }
            let open = i
            i += 1
            var arguments: [(Expr, Int)] = []
            skipSpace()
            if i < chars.count, chars[i] == ")" { throw fail(i, "function '\(id)' needs an argument") }
            while true {
                skipSpace()
                let argStart = i
                arguments.append((try expression(), argStart))
                skipSpace()
                guard i < chars.count else { throw fail(i, "expected ')' to close the '(' at column \(open + 1)") }
                if chars[i] == "," { i += 1; continue }
                if chars[i] == ")" { i += 1; break }
                throw fail(i, describe(i) + ": expected ',' or ')' in the arguments of '\(id)'")
            }
            let result: Expr
            if lower == "leakyrelu" {
                guard arguments.count <= 2 else {
                    throw fail(arguments[2].1, "leakyrelu takes at most 2 arguments (x, slope)")
                }
                var slope = Rational(numerator: 1, denominator: 100)
                if arguments.count == 2 {
                    guard let s = arguments[1].0.rationalValue else {
                        throw fail(arguments[1].1, "the slope of leakyrelu must be a rational constant")
                    }
                    slope = s
                }
                result = .leakyRelu(arguments[0].0, slope: slope)
            } else {
                guard arguments.count == 1 else {
                    throw fail(arguments[1].1, "function '\(id)' takes 1 argument, not \(arguments.count)")
                }
                result = State.unaryFunction(lower)!(arguments[0].0)
            }
            if result.isUndefined { throw fail(start, "'\(id)' is undefined at this constant argument") }
            return result
        }
    }
}

extension Expr {
    /// Parses `text` (see `ExpressionParser` for the grammar).
    /// - Throws: `ExpressionParseError` naming the column and the reason.
    public init(parsing text: String, variables: Set<String>? = nil) throws(ExpressionParseError) {
        self = try ExpressionParser(allowedVariables: variables).parse(text)
    }
}
