import MultiPrecision

/// Arithmetic and the elementary functions on expressions; every result is canonical
/// (`Simplification.swift`).
extension Expr {
    public static func + (a: Expr, b: Expr) -> Expr { sum([a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { sum([a, product([.constant(Rational(-1)), b])]) }
    public static func * (a: Expr, b: Expr) -> Expr { product([a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { product([a, power(b, Rational(-1))]) }
    public static prefix func - (a: Expr) -> Expr { product([.constant(Rational(-1)), a]) }
    public static func += (a: inout Expr, b: Expr) { a = a + b }
    public static func -= (a: inout Expr, b: Expr) { a = a - b }
    public static func *= (a: inout Expr, b: Expr) { a = a * b }
    public static func /= (a: inout Expr, b: Expr) { a = a / b }

    /// x^n.
    public static func pow(_ x: Expr, _ n: Int) -> Expr { power(x, Rational(n)) }
    /// x^r for an exact rational r.
    public static func pow(_ x: Expr, _ r: Rational) -> Expr { power(x, r) }
    /// x^y for a non-constant exponent: exp(y · log x) (x > 0); a rational constant y gives
    /// `power(x, y)`.
    public static func pow(_ x: Expr, _ y: Expr) -> Expr {
        if let r = y.rationalValue { return power(x, r) }
        if case .e = x.kind { return exp(y) }
        return exp(y * log(x))
    }

    public static func sqrt(_ x: Expr) -> Expr { power(x, Rational(numerator: 1, denominator: 2)) }
    public static func exp(_ x: Expr) -> Expr { apply(.exp, x) }
    /// The natural logarithm.
    public static func log(_ x: Expr) -> Expr { apply(.log, x) }
    public static func tanh(_ x: Expr) -> Expr { apply(.tanh, x) }
    public static func sinh(_ x: Expr) -> Expr { apply(.sinh, x) }
    public static func cosh(_ x: Expr) -> Expr { apply(.cosh, x) }
    /// sech x = 1/cosh x.
    public static func sech(_ x: Expr) -> Expr { apply(.sech, x) }
    /// max(x, 0); relu'(0) = 0 (see `Function`).
    public static func relu(_ x: Expr) -> Expr { apply(.relu, x) }
    /// x for x > 0, slope·x for x ≤ 0; leakyRelu'(0) = slope (see `Function`).
    public static func leakyRelu(_ x: Expr, slope: Rational) -> Expr { apply(.leakyRelu(slope: slope), x) }
    /// |x|; abs'(0) = 0 (see `Function`).
    public static func abs(_ x: Expr) -> Expr { apply(.abs, x) }
    /// 1 for x > 0, 0 for x ≤ 0.
    public static func heaviside(_ x: Expr) -> Expr { apply(.heaviside, x) }
    /// −1, 0, 1.
    public static func sign(_ x: Expr) -> Expr { apply(.sign, x) }
    /// The logistic function 1/(1 + e^(−x)).
    public static func sigmoid(_ x: Expr) -> Expr { power(1 + exp(-x), Rational(-1)) }
}
