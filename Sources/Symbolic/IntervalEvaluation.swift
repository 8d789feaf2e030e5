import MultiPrecision

/// Interval evaluation: an enclosure (MPFI, outward rounding) of the exact value of the
/// expression over every point of the argument intervals. Constants are enclosed from their
/// exact values (`Interval(rational)`, π and e by directed rounding), so the result contains
/// the exact real value: this is what makes a numerical verdict certifiable.
///
/// Piecewise-linear functions are enclosed through their endpoints (relu, heaviside and sign
/// are monotone; leakyRelu as the hull of its two linear pieces). Outside a function's domain
/// (log of a negative) the result has NaN endpoints (`Interval.isValid == false`).
extension Expr {
    /// An enclosure of the value over the boxes `values`, with endpoints at `precision`.
    /// - Throws: `SymbolicError.unboundVariable` if a variable has no interval.
    public func enclosure(at values: [String: Interval], precision: Precision) throws(SymbolicError) -> Interval {
        var memo: [ObjectIdentifier: Interval] = [:]
        return try enclose(values, precision, &memo)
    }

    private func enclose(_ values: [String: Interval], _ p: Precision,
                         _ memo: inout [ObjectIdentifier: Interval]) throws(SymbolicError) -> Interval {
        let id = ObjectIdentifier(node)
        if let v = memo[id] { return v }
        let v: Interval
        switch kind {
        case .constant(let r): v = Interval(r, precision: p)
        case .pi: v = ScalarConstants.piEnclosure(precision: p)
        case .e: v = ScalarConstants.eEnclosure(precision: p)
        case .undefined: v = Interval.log(Interval(-1, precision: p))
        case .variable(let name):
            guard let x = values[name] else { throw .unboundVariable(name) }
            v = x.precision == p || !x.isValid ? x
                : Interval(lower: x.lower, upper: x.upper, precision: p)
        case .sum(let ts):
            var acc = try ts[0].enclose(values, p, &memo)
            for t in ts.dropFirst() { acc = acc + (try t.enclose(values, p, &memo)) }
            v = acc
        case .product(let fs):
            var acc = try fs[0].enclose(values, p, &memo)
            for f in fs.dropFirst() { acc = acc * (try f.enclose(values, p, &memo)) }
            v = acc
        case .power(let b, let r):
            v = Expr.intervalPower(try b.enclose(values, p, &memo), r, p)
        case .apply(let f, let a):
            v = Expr.intervalApply(f, try a.enclose(values, p, &memo), p)
        }
        memo[id] = v
        return v
    }

    static func intervalPower(_ x: Interval, _ r: Rational, _ p: Precision) -> Interval {
        let one = Interval(1, precision: p)
        func integerPower(_ y: Interval, _ n: Int) -> Interval {
            n >= 0 ? Interval.pow(y, n) : one / Interval.pow(y, -n)
        }
        if let n = r.intValue { return integerPower(x, n) }
        if let (a, b) = r.intParts, b == 2 { return integerPower(Interval.sqrt(x), a) }
        return Interval.exp(Interval(r, precision: p) * Interval.log(x))
    }

    static func intervalApply(_ f: Function, _ x: Interval, _ p: Precision) -> Interval {
        switch f {
        case .exp: return Interval.exp(x)
        case .log: return Interval.log(x)
        case .tanh: return Interval.tanh(x)
        case .sinh: return Interval.sinh(x)
        case .cosh: return Interval.cosh(x)
        case .sech: return Interval(1, precision: p) / Interval.cosh(x)
        case .abs: return Interval.abs(x)
        case .relu, .heaviside, .sign:
            guard x.isValid else { return x }
            let g: (BigFloat) -> BigFloat = { t in
                let zero = BigFloat(0, precision: p)
                switch f {
                case .relu: return t > zero ? t : zero
                case .heaviside: return BigFloat(t > zero ? 1 : 0, precision: p)
                default: return BigFloat(t > zero ? 1 : (t < zero ? -1 : 0), precision: p)
                }
            }
            return Interval(lower: g(x.lower), upper: g(x.upper), precision: p)
        case .leakyRelu(let s):
            guard x.isValid else { return x }
            let zero = BigFloat(0, precision: p)
            var pieces: [Interval] = []
            let l = x.lower, u = x.upper
            if u > zero { pieces.append(Interval(lower: l > zero ? l : zero, upper: u, precision: p)) }
            if !(l > zero) {
                let negative = Interval(lower: l, upper: u < zero ? u : zero, precision: p)
                pieces.append(Interval(s, precision: p) * negative)
            }
            var lo = pieces[0].lower, hi = pieces[0].upper
            for q in pieces.dropFirst() {
                if q.lower < lo { lo = q.lower }
                if q.upper > hi { hi = q.upper }
            }
            return Interval(lower: lo, upper: hi, precision: p)
        }
    }
}
