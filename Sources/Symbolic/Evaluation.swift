import MultiPrecision

/// Direct (tree-walking) evaluation at any `Scalar`: each operation is rounded once at the
/// working precision, exactly as the generic numeric code does; rational constants are
/// correctly rounded from their exact values. Shared subtrees are evaluated once.
///
/// For repeated evaluation use `CompiledExpression` (no per-call allocation); for a
/// certified enclosure use `enclosure(at:precision:)`.
extension Expr {
    /// The value at `values` (one per free variable), rounded at `precision`.
    /// - Throws: `SymbolicError.unboundVariable` if a variable has no value.
    public func evaluate<S: Scalar>(at values: [String: S], precision: Precision) throws(SymbolicError) -> S {
        var memo: [ObjectIdentifier: S] = [:]
        return try evaluate(values, precision, &memo)
    }

    private func evaluate<S: Scalar>(_ values: [String: S], _ p: Precision,
                                     _ memo: inout [ObjectIdentifier: S]) throws(SymbolicError) -> S {
        let id = ObjectIdentifier(node)
        if let v = memo[id] { return v }
        let v: S
        switch kind {
        case .constant(let r): v = S(r, precision: p)
        case .pi: v = ScalarConstants.pi(S.self, precision: p)
        case .e: v = ScalarConstants.e(S.self, precision: p)
        case .undefined: v = S(0, precision: p) / S(0, precision: p)
        case .variable(let name):
            guard let x = values[name] else { throw .unboundVariable(name) }
            v = x.precision == p ? x : S(x, precision: p)
        case .sum(let ts):
            var acc = try ts[0].evaluate(values, p, &memo)
            for t in ts.dropFirst() { acc = acc + (try t.evaluate(values, p, &memo)) }
            v = acc
        case .product(let fs):
            var acc = try fs[0].evaluate(values, p, &memo)
            for f in fs.dropFirst() { acc = acc * (try f.evaluate(values, p, &memo)) }
            v = acc
        case .power(let b, let r):
            v = Expr.scalarPower(try b.evaluate(values, p, &memo), r, p)
        case .apply(let f, let a):
            v = Expr.scalarApply(f, try a.evaluate(values, p, &memo), p)
        }
        memo[id] = v
        return v
    }

    /// x^r: integer powers by `pow(x, n)`, halves by a square root, others as pow(x, r).
    static func scalarPower<S: Scalar>(_ x: S, _ r: Rational, _ p: Precision) -> S {
        if let n = r.intValue { return S.pow(x, n) }
        if let (a, b) = r.intParts, b == 2 { return S.pow(S.sqrt(x), a) }
        return S.pow(x, S(r, precision: p))
    }

    static func scalarApply<S: Scalar>(_ f: Function, _ x: S, _ p: Precision) -> S {
        let zero = S(0, precision: p)
        switch f {
        case .exp: return S.exp(x)
        case .log: return S.log(x)
        case .tanh: return S.tanh(x)
        case .sinh: return S.sinh(x)
        case .cosh: return S.cosh(x)
        case .sech: return S(1, precision: p) / S.cosh(x)
        case .relu: return x > zero ? x : (x.isNaN ? x : zero)
        case .leakyRelu(let s): return x > zero ? x : S(s, precision: p) * x
        case .abs: return S.abs(x)
        case .heaviside: return x.isNaN ? x : S(x > zero ? 1 : 0, precision: p)
        case .sign: return x.isNaN ? x : S(x > zero ? 1 : (x < zero ? -1 : 0), precision: p)
        }
    }

    /// The value at `Double` arguments (a convenience for plotting and quick checks).
    public func evaluate(at values: [String: Double]) throws(SymbolicError) -> Double {
        try evaluate(at: values, precision: .double)
    }
}
