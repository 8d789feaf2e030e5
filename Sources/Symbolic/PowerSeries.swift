import MultiPrecision

/// The coefficients a truncated power series can carry: exact `Rational`s (the series of
/// tanh, sech², σ(u) − uσ'(u) at 0, claim 2 of proofs/THEORY.md) or exact symbolic `Expr`s (the
/// series at an irrational point such as tanh at 1/2, or with symbolic parameters).
public protocol SeriesCoefficient: Equatable, CustomStringConvertible {
    init(_ r: Rational)
    /// The coefficient for a constant expression, if this type can hold it exactly.
    init?(exactly e: Expr)
    var isZero: Bool { get }
    /// The coefficient as an expression.
    var expression: Expr { get }
    /// A normal form that keeps coefficients small (`Expr`: expanded; `Rational`: itself).
    var normalized: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// True for an exact rational beyond 2^21 bits (`SeriesBudget.maximumCoefficientLimbs`):
    /// the expansion stops rather than multiply such numbers.
    var isOversized: Bool { get }
}

extension SeriesBudget {
    /// Charges the product x·y; false once the budget is spent.
    @inline(__always) func allows<C: SeriesCoefficient>(_ x: C, _ y: C) -> Bool { charge() }
}

extension Rational: SeriesCoefficient {
    public init(_ r: Rational) { self = r }
    public init?(exactly e: Expr) {
        guard let r = e.rationalValue else { return nil }
        self = r
    }
    public var expression: Expr { .constant(self) }
    public var normalized: Rational { self }
    public var isOversized: Bool { limbCount > SeriesBudget.maximumCoefficientLimbs }
}

extension Expr: SeriesCoefficient {
    public init(_ r: Rational) { self = .constant(r) }
    public init?(exactly e: Expr) { self = e }
    public var expression: Expr { self }
    public var normalized: Expr { expanded() }
    public var isOversized: Bool { rationalValue?.isOversized ?? false }
}

/// A truncated power series `c₀ + c₁t + … + c_N t^N + O(t^{N+1})` with exact coefficients.
///
/// Arithmetic keeps the truncation honest: the order of a result is the smallest order that
/// its inputs determine (sum, product: the minimum; `derivative`: one less).
public struct PowerSeries<C: SeriesCoefficient>: Equatable {
    /// c₀ … c_N.
    public private(set) var coefficients: [C]
    /// N: the series is known up to t^N.
    public var order: Int { coefficients.count - 1 }

    /// The series with these coefficients, known to order `coefficients.count − 1`.
    public init(coefficients: [C]) {
        precondition(!coefficients.isEmpty, "a power series needs c₀")
        self.coefficients = coefficients
    }

    /// The constant c to order N.
    public init(constant c: C, order: Int) {
        coefficients = [c] + Array(repeating: C(Rational(0)), count: max(0, order))
    }

    /// c + t (the expansion variable at the point c) to order N.
    public static func variable(at c: C, order: Int) -> PowerSeries {
        var s = PowerSeries(constant: c, order: order)
        if order >= 1 { s.coefficients[1] = C(Rational(1)) }
        return s
    }

    /// c_k (0 for k beyond the stored coefficients is not assumed: k must be ≤ order).
    public subscript(k: Int) -> C { coefficients[k] }

    /// The same series truncated to order `n` (≤ order).
    public func truncated(to n: Int) -> PowerSeries {
        PowerSeries(coefficients: Array(coefficients.prefix(n + 1)))
    }

    // MARK: Arithmetic

    public static func + (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        let n = min(a.order, b.order)
        return PowerSeries(coefficients: (0...n).map { a[$0] + b[$0] })
    }

    public static func - (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        let n = min(a.order, b.order)
        return PowerSeries(coefficients: (0...n).map { a[$0] - b[$0] })
    }

    public static prefix func - (a: PowerSeries) -> PowerSeries {
        PowerSeries(coefficients: a.coefficients.map { -$0 })
    }

    /// The Cauchy product, truncated.
    public static func * (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        let n = min(a.order, b.order)
        var c = Array(repeating: C(Rational(0)), count: n + 1)
        let budget = SeriesBudget.current
        for i in 0...n where !a[i].isZero {
            for j in 0...(n - i) where !b[j].isZero {
                if let budget, !budget.allows(a[i], b[j]) { return PowerSeries(coefficients: c) }
                c[i + j] = c[i + j] + a[i] * b[j]
            }
        }
        return PowerSeries(coefficients: c)
    }

    /// Every coefficient in its normal form (`SeriesCoefficient.normalized`).
    public func normalized() -> PowerSeries { PowerSeries(coefficients: coefficients.map(\.normalized)) }

    /// The series times a coefficient.
    public func scaled(by k: C) -> PowerSeries { PowerSeries(coefficients: coefficients.map { $0 * k }) }

    /// 1/a, for c₀ ≠ 0: b₀ = 1/a₀, b_k = −(1/a₀) Σ_{j=1..k} a_j b_{k−j}.
    public func reciprocal() throws(SymbolicError) -> PowerSeries {
        guard !self[0].isZero else { throw .notAnalytic("reciprocal of a series with zero constant term") }
        var b = [C(Rational(1)) / self[0]]
        let budget = SeriesBudget.current
        for k in stride(from: 1, through: order, by: 1) {
            var s = C(Rational(0))
            for j in 1...k where !self[j].isZero {
                if let budget, !budget.allows(self[j], b[k - j]) { break }
                s = s + self[j] * b[k - j]
            }
            b.append(-(s / self[0]))
        }
        return PowerSeries(coefficients: b)
    }

    public static func / (a: PowerSeries, b: PowerSeries) throws(SymbolicError) -> PowerSeries {
        a * (try b.reciprocal())
    }

    /// self ∘ inner, for inner with c₀ = 0 (Horner's scheme); order min(self, inner).
    public func composed(with inner: PowerSeries) throws(SymbolicError) -> PowerSeries {
        guard inner[0].isZero else { throw .invalidArgument("composition needs an inner series with zero constant term") }
        let n = min(order, inner.order)
        var r = PowerSeries(constant: self[n], order: n)
        let g = inner.truncated(to: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            r = r * g + PowerSeries(constant: self[k], order: n)
        }
        return r
    }

    /// d/dt, order N − 1 (a constant series of order 0 gives the zero series of order 0).
    public func derivative() -> PowerSeries {
        guard order >= 1 else { return PowerSeries(constant: C(Rational(0)), order: 0) }
        return PowerSeries(coefficients: (1...order).map { self[$0] * C(Rational($0)) })
    }

    /// ∫₀ᵗ + c, order N + 1.
    public func integral(constant c: C = C(Rational(0))) -> PowerSeries {
        PowerSeries(coefficients: [c] + (0...order).map { self[$0] / C(Rational($0 + 1)) })
    }

    /// The polynomial Σ c_k t^k as an expression in `variable`.
    public func polynomial(in variable: String) -> Expr {
        let t = Expr.variable(variable)
        return .sum(coefficients.enumerated().map { $0.element.expression * .pow(t, $0.offset) })
    }
}

extension PowerSeries where C == Expr {
    /// The coefficients as exact rationals, if every one is a rational constant.
    public var rationalSeries: PowerSeries<Rational>? {
        var cs: [Rational] = []
        for c in coefficients {
            guard let r = c.rationalValue else { return nil }
            cs.append(r)
        }
        return PowerSeries<Rational>(coefficients: cs)
    }
}

extension PowerSeries: CustomStringConvertible {
    public var description: String { text(variable: "t", latex: false) }


    /// "c₀ + c₁·t + … + O(t^{N+1})" in plain text or LaTeX, ascending powers, zero terms
    /// omitted. With a nonzero `point` the powers are of (variable − point), as for a Taylor
    /// series at that point: "tanh(1/2) + (u - 1/2)*(1 - tanh(1/2)^2) + …".
    public func text(variable: String, at point: Expr? = nil, latex: Bool) -> String {
        let placeholder = ExprPrinter.placeholder
        let t = Expr.variable(placeholder)
        let base: String
        if let c = point, !c.isZero {
            let shifted = (Expr.variable(variable) - c)
            base = latex ? "\\left(\(shifted.latex)\\right)" : "(\(shifted.description))"
        } else {
            base = latex ? ExprPrinter.latexName(variable) : variable
        }
        var out = ""
        for (k, c) in coefficients.enumerated() where !c.isZero {
            let term = c.expression * Expr.pow(t, k)
            let negative = term.productView.1.signum < 0
            let body = negative ? -term : term
            var piece = latex ? body.latex : body.description
            if case .sum = body.kind { piece = latex ? "\\left(\(piece)\\right)" : "(\(piece))" }
            if out.isEmpty { out = (negative ? "-" : "") + piece } else { out += (negative ? " - " : " + ") + piece }
        }
        if out.isEmpty { out = "0" }
        out += latex ? " + O\\left(\(placeholder)^{\(order + 1)}\\right)" : " + O(\(placeholder)^\(order + 1))"
        return out.replacing(placeholder, with: base)
    }
}

