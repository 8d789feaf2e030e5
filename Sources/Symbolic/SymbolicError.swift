import MultiPrecision

/// The typed errors of the symbolic layer (parse errors are `ExpressionParseError`).
public enum SymbolicError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An expression was evaluated or compiled without a value for this variable.
    case unboundVariable(String)
    /// A Taylor series was asked for where the expression is not analytic (a kink of relu or
    /// abs at the expansion point, a pole, log 0, a non-integer power of 0).
    case notAnalytic(String)
    /// A coefficient asked for as an exact rational is irrational (or not known to be rational):
    /// e.g. the series of tanh at 1/2.
    case notRational(String)
    /// An argument outside its range (negative order, wrong dimensions, …).
    case invalidArgument(String)
    /// A size, degree, exponent or work limit of the symbolic layer was exceeded (see
    /// `ExpressionParser` and `SeriesBudget`).
    case limitExceeded(String)

    /// One line; the quoted expression text is cut to an excerpt.
    public var description: String {
        func q(_ text: String) -> String { DecimalSyntax.excerpt(text, limit: 100) }
        switch self {
        case .unboundVariable(let v): return "no value for the variable \"\(q(v))\""
        case .notAnalytic(let why): return "not analytic: \(q(why))"
        case .notRational(let why): return "not an exact rational: \(q(why))"
        case .invalidArgument(let why): return "invalid argument: \(q(why))"
        case .limitExceeded(let why): return "limit exceeded: \(q(why))"
        }
    }
}
