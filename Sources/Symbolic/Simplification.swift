import MultiPrecision

/// The canonical constructors: every expression built through them is in canonical form.
///
/// Rules (applied bottom-up, once, as each node is built):
/// - **sum**: nested sums flattened; rational constants added exactly; like terms collected
///   (`2·x·y + 3·x·y = 5·x·y`, the coefficient being a product's leading rational factor);
///   zero terms dropped; terms sorted by `Expr.compare`; an empty sum is 0, a one-term sum is
///   its term.
/// - **product**: nested products flattened; constants multiplied exactly (0 absorbs);
///   like factors collected by adding exponents (`x·x^(1/2) = x^(3/2)`, `x·x^(−1) = 1`, i.e.
///   x ≠ 0 is assumed as in every computer algebra system); factors sorted, the coefficient
///   first; a coefficient times a single sum is distributed (`2·(x + y) = 2x + 2y`).
/// - **power**: `x^0 = 1`, `x^1 = x`; `(x^r)^n = x^(rn)` for integer n; `(x·y)^n = x^n·y^n` for
///   integer n; rational constants raised exactly (`(4/9)^(1/2) = 2/3`, `2^(−3) = 1/8`);
///   `0^(−1)`, `(−2)^(1/2)` are `undefined`.
/// - **functions**: folded at exact points (`exp 0 = 1`, `log 1 = 0`, `log e = 1`,
///   `tanh 0 = sinh 0 = 0`, `cosh 0 = sech 0 = 1`, relu/leakyRelu/abs/heaviside/sign of a
///   rational constant); odd functions of a negated argument (`tanh(−x) = −tanh x`, also sinh,
///   sign), even ones (`cosh(−x) = cosh x`, sech, abs) normalised.
///
/// `expanded()` additionally distributes products over sums and expands positive integer
/// powers of sums: the normal form in which equal polynomials (with rational coefficients,
/// also Laurent polynomials) compare equal.
extension Expr {
    // MARK: Sum

    /// The canonical sum of `terms`.
    public static func sum(_ terms: [Expr]) -> Expr {
        var constant = Rational(0)
        var order: [Expr] = []
        var coefficients: [Expr: Rational] = [:]
        func add(_ t: Expr) -> Bool {
            switch t.kind {
            case .undefined: return false
            case .constant(let r): if SeriesBudget.permits(constant, r) { constant = constant + r }
            case .sum(let xs): for x in xs where !add(x) { return false }
            default:
                let (rest, c) = t.termView
                if let old = coefficients[rest] {
                    if SeriesBudget.permits(old, c) { coefficients[rest] = old + c }
                } else {
                    coefficients[rest] = c
                    order.append(rest)
                }
            }
            return true
        }
        for t in terms where !add(t) { return .undefined }
        var out: [Expr] = []
        out.reserveCapacity(order.count + 1)
        for rest in order {
            let c = coefficients[rest]!
            if c.isZero { continue }
            out.append(scaled(rest, by: c))
        }
        out.sort(by: precedes)
        if !constant.isZero { out.insert(.constant(constant), at: 0) }
        if out.isEmpty { return .zero }
        if out.count == 1 { return out[0] }
        return Expr(raw: .sum(out))
    }

    /// (rest, coefficient) with self = coefficient · rest and rest free of a leading constant.
    var termView: (Expr, Rational) {
        if case .product(let fs) = kind, case .constant(let c) = fs[0].kind {
            return fs.count == 2 ? (fs[1], c) : (Expr(raw: .product(Array(fs.dropFirst()))), c)
        }
        return (self, Rational(1))
    }

    /// c · rest, where rest is canonical, not a constant and has no coefficient (no re-sorting).
    private static func scaled(_ rest: Expr, by c: Rational) -> Expr {
        if c == Rational(1) { return rest }
        if case .product(let fs) = rest.kind { return Expr(raw: .product([.constant(c)] + fs)) }
        if case .sum = rest.kind { return product([.constant(c), rest]) }
        return Expr(raw: .product([.constant(c), rest]))
    }

    // MARK: Product

    /// The canonical product of `factors`.
    public static func product(_ factors: [Expr]) -> Expr {
        var coefficient = Rational(1)
        var order: [Expr] = []
        var exponents: [Expr: Rational] = [:]
        var undefined = false
        func mul(_ f: Expr) {
            switch f.kind {
            case .undefined: undefined = true
            case .constant(let r): if SeriesBudget.permits(coefficient, r) { coefficient = coefficient * r }
            case .product(let xs): for x in xs { mul(x) }
            default:
                let (b, r) = f.powerView
                if let old = exponents[b] { exponents[b] = old + r } else {
                    exponents[b] = r
                    order.append(b)
                }
            }
        }
        for f in factors { mul(f) }
        if undefined { return .undefined }
        if coefficient.isZero { return .zero }
        var out: [Expr] = []
        var again = false
        for b in order {
            let r = exponents[b]!
            if r.isZero { continue }
            let p = power(b, r)
            switch p.kind {
            case .constant, .product, .undefined: again = true
            default: break
            }
            out.append(p)
        }
        if again { return product([.constant(coefficient)] + out) }
        out.sort(by: precedes)
        if out.isEmpty { return .constant(coefficient) }
        if coefficient == Rational(1) {
            return out.count == 1 ? out[0] : Expr(raw: .product(out))
        }
        if out.count == 1, case .sum(let ts) = out[0].kind {
            return sum(ts.map { product([.constant(coefficient), $0]) })
        }
        return Expr(raw: .product([.constant(coefficient)] + out))
    }

    // MARK: Power

    /// The canonical power base^exponent (exact rational exponent).
    public static func power(_ base: Expr, _ exponent: Rational) -> Expr {
        if exponent.isZero { return base.isUndefined ? .undefined : .one }
        if exponent == Rational(1) { return base }
        switch base.kind {
        case .undefined: return .undefined
        case .constant(let c): return constantPower(c, exponent)
        case .power(let b, let r) where exponent.isInteger:
            return power(b, r * exponent)
        case .product(let fs) where exponent.isInteger:
            return product(fs.map { power($0, exponent) })
        default:
            return Expr(raw: .power(base, exponent))
        }
    }

    /// c^r exactly when the result is rational; else an unevaluated power; undefined for
    /// 0^(negative) and negative bases with non-integer exponents.
    static func constantPower(_ c: Rational, _ r: Rational) -> Expr {
        if c.isZero { return r.signum > 0 ? .zero : .undefined }
        if c == Rational(1) { return .one }
        // Folded only while the result stays below 2^21 bits (GMP aborts, or the exact value
        // outgrows memory, long before exponents like (2^4096)^4096 are done).
        if let n = r.intValue, Swift.abs(n) <= 1 << 16, c.limbCount * Swift.abs(n) <= (1 << 21) / 64 {
            return .constant(Rational.pow(c, n))
        }
        if r.isInteger { return Expr(raw: .power(.constant(c), r)) }
        if c.signum < 0 { return .undefined }
        // Non-integer exponent a/b: exact when numerator and denominator are perfect b-th powers.
        if let (a, b) = r.intParts, let (p, q) = c.intParts,
           let rp = integerRoot(p, b), let rq = integerRoot(q, b), Swift.abs(a) <= 1 << 16 {
            return .constant(Rational.pow(Rational(numerator: rp, denominator: rq), a))
        }
        return Expr(raw: .power(.constant(c), r))
    }

    /// The integer b-th root of n ≥ 0 if it is exact.
    static func integerRoot(_ n: Int, _ b: Int) -> Int? {
        guard n >= 0, b >= 1 else { return nil }
        if n < 2 { return n }
        let guess = Int((Double(n).squareRoot() == 0 ? 0 : Foundation_pow(Double(n), 1 / Double(b))).rounded())
        for k in max(0, guess - 1)...(guess + 1) {
            var p = 1, overflow = false
            for _ in 0..<b {
                let (m, o) = p.multipliedReportingOverflow(by: k)
                if o { overflow = true; break }
                p = m
            }
            if !overflow && p == n { return k }
        }
        return nil
    }

    // MARK: Functions

    /// The canonical application f(argument).
    public static func apply(_ f: Function, _ argument: Expr) -> Expr {
        let x = argument
        if x.isUndefined { return .undefined }
        if case .constant(let c) = x.kind {
            let zero = Rational(0), one = Rational(1)
            switch f {
            case .exp: if c.isZero { return .one }
            case .log:
                if c.signum <= 0 { return .undefined }
                if c == one { return .zero }
            case .tanh, .sinh: if c.isZero { return .zero }
            case .cosh, .sech: if c.isZero { return .one }
            case .relu: return .constant(c.signum > 0 ? c : zero)
            case .leakyRelu(let s): return .constant(c.signum > 0 ? c : s * c)
            case .abs: return .constant(Rational.abs(c))
            case .heaviside: return .constant(c.signum > 0 ? one : zero)
            case .sign: return .constant(Rational(c.signum))
            }
            return Expr(raw: .apply(f, x))
        }
        if case .e = x.kind, f == .log { return .one }
        if case .apply(.log, let y) = x.kind, f == .exp { return y }
        // Symmetry: odd and even functions of −y.
        if case .product(let fs) = x.kind, case .constant(let c) = fs[0].kind, c.signum < 0 {
            let negated = product([.constant(-c)] + fs.dropFirst())
            switch f {
            case .tanh, .sinh, .sign: return product([.constant(Rational(-1)), apply(f, negated)])
            case .cosh, .sech, .abs: return apply(f, negated)
            default: break
            }
        }
        if f == .abs, case .apply(let g, _) = x.kind, g == .abs || g == .exp || g == .cosh || g == .sech || g == .relu || g == .heaviside {
            return x
        }
        return Expr(raw: .apply(f, x))
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func Foundation_pow(_ a: Double, _ b: Double) -> Double { Glibc.pow(a, b) }
#else
import Darwin
@inline(__always) func Foundation_pow(_ a: Double, _ b: Double) -> Double { Darwin.pow(a, b) }
#endif
