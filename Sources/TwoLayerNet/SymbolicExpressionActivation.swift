import MultiPrecision
import Symbolic

/// An expression-defined activation (proofs/THEORY.md §1: "others an expression can define"), through
/// the symbolic layer: σ is parsed by `SymbolicActivation(parsing:)`, σ' and σ'' are derived
/// symbolically, and all three are compiled once per kernel into one register tape
/// (`CompiledExpression`), so evaluation allocates nothing.
///
/// Claim 1's hypothesis (σ(u) = uσ'(u)) and oddness are decided exactly, by simplifying
/// σ(x) − xσ'(x) and σ(x) + σ(−x) to 0 in the symbolic normal form; an expression whose normal
/// form does not reduce to 0 is reported as not having the property (which is conservative:
/// the verifier then does not predict exact conservation). Piecewise expressions are not
/// reduced: `relu(x)` written as an expression is reported as not homogeneous, so use the
/// named activations `relu` and `leaky_relu` of the problem file for claim 1.
public struct SymbolicExpressionActivation: ExpressionActivation {
    public let activation: SymbolicActivation
    public let isPositivelyHomogeneous: Bool
    public let isOdd: Bool
    public var name: String { activation.name }

    /// Parses `text` ("x + x^3/10", "tanh", "leakyrelu:1/10", …).
    /// - Throws: `ExpressionParseError` with the column and the reason.
    public init(parsing text: String) throws(ExpressionParseError) {
        self.init(try SymbolicActivation(parsing: text))
    }

    /// Homogeneity and oddness are decided by expanding σ(u) − uσ'(u) and σ(x) + σ(−x), under
    /// a budget of `propertyBudgetSeconds`: expanding a power such as (…)^4096 could take hours,
    /// and an expansion cut short answers "not shown" (false), the conservative reading.
    public init(_ activation: SymbolicActivation) {
        self.activation = activation
        let x = Expr.variable(SymbolicActivation.variableName)
        let budget = SeriesBudget(seconds: Self.propertyBudgetSeconds)
        (isPositivelyHomogeneous, isOdd) = budget.run {
            let homogeneous = activation.imbalanceDrift.expanded().isZero
            let odd = (activation(x) + activation(-x)).expanded().isZero
            return (homogeneous && !budget.isSpent, odd && !budget.isSpent)
        }
    }

    /// The processor time allowed to the two property checks.
    public static let propertyBudgetSeconds = 2.0

    public func makeEvaluator<S: Scalar>(precision: Precision) -> any ActivationEvaluator<S> {
        SymbolicActivationEvaluator<S>(activation, precision: precision)
    }
}

/// σ, σ', σ'' of a `SymbolicActivation` from one compiled tape.
struct SymbolicActivationEvaluator<S: Scalar>: ActivationEvaluator {
    let tape: CompiledExpression<S>
    var input: [S]

    init(_ activation: SymbolicActivation, precision: Precision) {
        let derivatives = [activation.expression, activation.derivative(order: 1), activation.derivative(order: 2)]
        // Compiling an expression in its one variable cannot fail.
        tape = try! CompiledExpression(derivatives, variables: [SymbolicActivation.variableName], precision: precision)
        input = [S(0, precision: precision)]
    }

    mutating func evaluate(_ u: S, order: Int, value: inout S, first: inout S, second: inout S) {
        input[0].set(u)
        tape.run(input)
        value.set(tape.output(0))
        if order >= 1 { first.set(tape.output(1)) }
        if order >= 2 { second.set(tape.output(2)) }
    }
}
