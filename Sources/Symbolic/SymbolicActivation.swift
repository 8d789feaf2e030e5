import MultiPrecision

/// An activation σ of proofs/THEORY.md §1 as an exact expression in the variable `x`.
///
/// Named activations: `tanh` (the default: analytic, odd, σ(0) = 0, σ'(0) = 1), `linear`,
/// `relu` and `leakyrelu[:slope]` (1-homogeneous: σ(u) = uσ'(u), so the imbalance is exactly
/// conserved, claim 1), `sigmoid`; any other text is parsed as an expression in x
/// (`"x + x^3/10"`), with a positioned `ExpressionParseError` for malformed text.
public struct SymbolicActivation: Sendable, CustomStringConvertible {
    /// The name given (the expression text for a custom activation).
    public let name: String
    /// σ(x).
    public let expression: Expr
    /// The variable of `expression`.
    public static let variableName = "x"

    public init(name: String, expression: Expr) {
        self.name = name
        self.expression = expression
    }

    private static var x: Expr { .variable(variableName) }
    public static var tanh: SymbolicActivation { SymbolicActivation(name: "tanh", expression: .tanh(x)) }
    public static var linear: SymbolicActivation { SymbolicActivation(name: "linear", expression: x) }
    public static var relu: SymbolicActivation { SymbolicActivation(name: "relu", expression: .relu(x)) }
    public static var sigmoid: SymbolicActivation { SymbolicActivation(name: "sigmoid", expression: .sigmoid(x)) }
    public static func leakyRelu(slope: Rational) -> SymbolicActivation {
        SymbolicActivation(name: "leakyrelu:\(slope)", expression: .leakyRelu(x, slope: slope))
    }

    /// A named activation or an expression in x.
    /// - Throws: `ExpressionParseError` (with the column) for malformed text, an unknown
    ///   variable (only `x` is allowed) or an unknown function.
    public init(parsing text: String) throws(ExpressionParseError) {
        let trimmed = text.trimmingSpaces
        switch trimmed.lowercased() {
        case "tanh": self = .tanh; return
        case "linear", "identity": self = .linear; return
        case "relu": self = .relu; return
        case "sigmoid": self = .sigmoid; return
        case "leakyrelu", "leaky-relu": self = .leakyRelu(slope: Rational(numerator: 1, denominator: 100)); return
        default: break
        }
        for prefix in ["leakyrelu:", "leaky-relu:"] where trimmed.lowercased().hasPrefix(prefix) {
            let slopeText = String(trimmed.dropFirst(prefix.count))
            do {
                self = .leakyRelu(slope: try Rational(parsing: slopeText))
                return
            } catch {
                let offset = text.count - text.drop { $0 == " " }.count
                throw ExpressionParseError(input: text, position: offset + prefix.count + 1,
                                           reason: "the slope \"\(slopeText)\" is not a rational number")
            }
        }
        let e = try ExpressionParser(allowedVariables: [SymbolicActivation.variableName]).parse(text)
        self.init(name: trimmed, expression: e)
    }

    /// σ(u).
    public func callAsFunction(_ u: Expr) -> Expr { expression.substituting([SymbolicActivation.variableName: u]) }

    /// σ^(k) as an expression in x.
    public func derivative(order: Int = 1) -> Expr { expression.derivative(SymbolicActivation.variableName, order: order) }

    /// σ(x) − x σ'(x): the imbalance drift integrand of claim 1 (`dC_k/dt = −(2a_k/n) Σ_i e_i
    /// [σ(u_ik) − u_ik σ'(u_ik)]`); identically 0 for 1-homogeneous σ.
    public var imbalanceDrift: Expr { expression - .variable(SymbolicActivation.variableName) * derivative() }

    public var description: String { "σ(x) = \(expression)" }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
