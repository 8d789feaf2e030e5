import MultiPrecision

/// Truncated Taylor series of an expression at a point, computed in the algebra of truncated
/// power series (no repeated differentiation): each node's series follows from its
/// arguments' by the exact recurrences of the ODEs the elementary functions satisfy:
///
/// - `f = exp s`:  f' = s' f        ⇒ k f_k = Σ_{j=1..k} j s_j f_{k−j}
/// - `f = tanh s`: f' = (1 − f²) s' ⇒ k f_k = Σ_{j=1..k} j s_j (1 − f²)_{k−j}
/// - `sinh s`, `cosh s` jointly: S' = C s', C' = S s'; `sech = 1/cosh`
/// - `f = s^r`:    s f' = r s' f    ⇒ k s₀ f_k = Σ_{j=1..k} (r j − (k − j)) s_j f_{k−j}
/// - `log s = log s₀ + ∫ s'/s`
///
/// With `Rational` coefficients every coefficient is exact; this is how claim 2 of
/// proofs/THEORY.md is stated: for tanh, σ(u) − uσ'(u) = (2/3)u³ − (8/15)u⁵ + (34/105)u⁷ − ….
/// A coefficient that is not rational (tanh at 1/2) throws `SymbolicError.notRational`; ask
/// for `Expr` coefficients instead, which stay exact and symbolic (tanh(1/2), …).
/// Piecewise-linear functions expand as the linear piece on the side of the point; at the kink
/// itself (relu at 0) the expression is not analytic and the expansion throws.
extension Expr {
    /// The Taylor series in `variable` at `point` to order `order`, with coefficients of type C.
    /// Other variables must be representable in C (symbolic `Expr` coefficients allow them).
    /// The work is bounded by `budget` (`SeriesBudget`): past it the expansion throws
    /// `.limitExceeded`.
    public func series<C: SeriesCoefficient>(in variable: String, at point: C, order: Int,
                                             budget: SeriesBudget = SeriesBudget()) throws(SymbolicError) -> PowerSeries<C> {
        guard order >= 0 else { throw .invalidArgument("series order \(order) is negative") }
        var memo: [ObjectIdentifier: PowerSeries<C>] = [:]
        let result: Result<PowerSeries<C>, SymbolicError> = SeriesBudget.$current.withValue(budget) {
            do throws(SymbolicError) { return .success(try seriesNode(variable, point, order, &memo)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The Taylor series with exact rational coefficients at a rational point.
    /// - Throws: `.notRational` if a coefficient is irrational (or involves π, e, another
    ///   variable), `.notAnalytic` at a singularity or a kink.
    public func rationalSeries(in variable: String, at point: Rational = Rational(0), order: Int,
                               budget: SeriesBudget = SeriesBudget()) throws(SymbolicError) -> PowerSeries<Rational> {
        try series(in: variable, at: point, order: order, budget: budget)
    }

    private func seriesNode<C: SeriesCoefficient>(_ v: String, _ point: C, _ n: Int,
                                                 _ memo: inout [ObjectIdentifier: PowerSeries<C>]) throws(SymbolicError) -> PowerSeries<C> {
        let id = ObjectIdentifier(node)
        if let s = memo[id] { return s }
        let s: PowerSeries<C>
        switch kind {
        case .constant(let r): s = PowerSeries(constant: C(r), order: n)
        case .pi, .e:
            guard let c = C(exactly: self) else { throw .notRational("the constant \(self)") }
            s = PowerSeries(constant: c, order: n)
        case .undefined: throw .notAnalytic("undefined value")
        case .variable(let name):
            if name == v { s = .variable(at: point, order: n) } else {
                guard let c = C(exactly: self) else { throw .notRational("the variable \(name) in a rational series") }
                s = PowerSeries(constant: c, order: n)
            }
        case .sum(let ts):
            var acc = try ts[0].seriesNode(v, point, n, &memo)
            for t in ts.dropFirst() { acc = acc + (try t.seriesNode(v, point, n, &memo)) }
            s = acc
        case .product(let fs):
            var acc = try fs[0].seriesNode(v, point, n, &memo)
            for f in fs.dropFirst() { acc = acc * (try f.seriesNode(v, point, n, &memo)) }
            s = acc
        case .power(let b, let r):
            s = try Expr.seriesPower(try b.seriesNode(v, point, n, &memo), r, base: b)
        case .apply(let f, let a):
            s = try Expr.seriesApply(f, try a.seriesNode(v, point, n, &memo), argument: a)
        }
        if let budget = SeriesBudget.current, !budget.charge() || budget.isExhausted { throw budget.exhausted(order: n) }
        let normal = s.normalized()
        if let budget = SeriesBudget.current, budget.isExhausted { throw budget.exhausted(order: n) }
        if normal.coefficients.contains(where: \.isOversized) {
            throw .limitExceeded("a coefficient of the series to order \(n) has more than 2^21 bits")
        }
        memo[id] = normal
        return normal
    }

    private static func value<C: SeriesCoefficient>(_ e: Expr) throws(SymbolicError) -> C {
        if e.isUndefined { throw .notAnalytic("\(e) is undefined") }
        guard let c = C(exactly: e) else { throw .notRational("\(e)") }
        return c
    }

    static func seriesPower<C: SeriesCoefficient>(_ s: PowerSeries<C>, _ r: Rational, base: Expr) throws(SymbolicError) -> PowerSeries<C> {
        let n = s.order
        if let m = r.intValue, m >= 0 {
            var result = PowerSeries(constant: C(Rational(1)), order: n), b = s, k = m
            while k > 0 {
                if k & 1 == 1 { result = result * b }
                k >>= 1
                if k > 0 { b = b * b }
            }
            return result
        }
        let c0 = s[0]
        guard !c0.isZero else { throw .notAnalytic("(\(base))^(\(r)) at a zero of \(base)") }
        var f: [C] = [try value(Expr.power(c0.expression, r))]
        let rc = C(r)
        let budget = SeriesBudget.current
        for k in stride(from: 1, through: n, by: 1) {
            var acc = C(Rational(0))
            for j in 1...k where !s[j].isZero {
                if let budget, !budget.allows(s[j], f[k - j]) { throw budget.exhausted(order: n) }
                acc = acc + (rc * C(Rational(j)) - C(Rational(k - j))) * s[j] * f[k - j]
            }
            f.append(acc / (C(Rational(k)) * c0))
        }
        return PowerSeries(coefficients: f)
    }

    static func seriesApply<C: SeriesCoefficient>(_ fn: Function, _ s: PowerSeries<C>, argument: Expr) throws(SymbolicError) -> PowerSeries<C> {
        let n = s.order, c0 = s[0]
        let zeroC = C(Rational(0))
        let budget = SeriesBudget.current
        /// k f_k = Σ_{j=1..k} j s_j g_{k−j}, with g supplied as it grows.
        func integrate(_ f0: C, _ g: (Int, [C]) -> C) throws(SymbolicError) -> [C] {
            var f = [f0]
            for k in stride(from: 1, through: n, by: 1) {
                var acc = zeroC
                for j in 1...k where !s[j].isZero {
                    let gk = g(k - j, f)
                    if let budget, !budget.allows(s[j], gk) { throw budget.exhausted(order: n) }
                    acc = acc + C(Rational(j)) * s[j] * gk
                }
                f.append(acc / C(Rational(k)))
            }
            return f
        }
        switch fn {
        case .exp:
            return PowerSeries(coefficients: try integrate(try value(.exp(c0.expression))) { m, f in f[m] })
        case .tanh:
            return PowerSeries(coefficients: try integrate(try value(.tanh(c0.expression))) { m, f in
                var sq = m == 0 ? C(Rational(1)) : zeroC
                for i in 0...m where budget?.allows(f[i], f[m - i]) ?? true { sq = sq - f[i] * f[m - i] }
                return sq
            })
        case .sinh, .cosh, .sech:
            var sh: [C] = [try value(.sinh(c0.expression))], ch: [C] = [try value(.cosh(c0.expression))]
            for k in stride(from: 1, through: n, by: 1) {
                var a = zeroC, b = zeroC
                for j in 1...k where !s[j].isZero {
                    if let budget, !budget.allows(s[j], ch[k - j]) { throw budget.exhausted(order: n) }
                    a = a + C(Rational(j)) * s[j] * ch[k - j]
                    b = b + C(Rational(j)) * s[j] * sh[k - j]
                }
                sh.append(a / C(Rational(k)))
                ch.append(b / C(Rational(k)))
            }
            if fn == .sinh { return PowerSeries(coefficients: sh) }
            if fn == .cosh { return PowerSeries(coefficients: ch) }
            return try PowerSeries(coefficients: ch).reciprocal()
        case .log:
            guard !c0.isZero else { throw .notAnalytic("log(\(argument)) at a zero of \(argument)") }
            let l0: C = try value(.log(c0.expression))
            if n == 0 { return PowerSeries(constant: l0, order: 0) }
            let q = s.derivative() * (try s.truncated(to: n - 1).reciprocal())
            return q.integral(constant: l0)
        case .relu, .leakyRelu, .abs, .heaviside, .sign:
            let sign = try signOf(c0, argument)
            if sign == 0 {
                if s.coefficients.allSatisfy(\.isZero) { return PowerSeries(constant: zeroC, order: n) }
                throw .notAnalytic("\(fn.name) at its kink (\(argument) = 0)")
            }
            let one = C(Rational(1))
            switch fn {
            case .relu: return sign > 0 ? s : PowerSeries(constant: zeroC, order: n)
            case .leakyRelu(let slope): return sign > 0 ? s : s.scaled(by: C(slope))
            case .abs: return sign > 0 ? s : -s
            case .heaviside: return PowerSeries(constant: sign > 0 ? one : zeroC, order: n)
            default: return PowerSeries(constant: sign > 0 ? one : -one, order: n)
            }
        }
    }

    /// The sign of a constant coefficient: exact for rationals, else certified by a 256-bit
    /// interval enclosure.
    private static func signOf<C: SeriesCoefficient>(_ c: C, _ argument: Expr) throws(SymbolicError) -> Int {
        let e = c.expression
        if let r = e.rationalValue { return r.signum }
        let p = try! Precision(bits: 256)
        guard let box = try? e.enclosure(at: [:], precision: p), let sign = box.certifiedSign else {
            throw .notAnalytic("cannot decide the sign of \(argument) at the expansion point")
        }
        return sign
    }
}
