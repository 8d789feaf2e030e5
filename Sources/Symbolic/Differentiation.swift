import MultiPrecision

/// Symbolic differentiation, any order, with the chain rule; shared subtrees are
/// differentiated once (memoised by node).
///
/// Rules: (x^r)' = r·x^(r−1)·x'; exp' = exp; log' = 1/x; tanh' = 1 − tanh²; sinh' = cosh;
/// cosh' = sinh; sech' = −sech·tanh; and at the kinks the conventions of `Expr.Function`:
/// relu' = heaviside (relu'(0) = 0), leakyRelu' = slope + (1 − slope)·heaviside
/// (leakyRelu'(0) = slope), abs' = sign (abs'(0) = 0), heaviside' = sign' = 0.
///
/// These give the flow field of proofs/THEORY.md §1: `a_k' = −∂L/∂a_k`, `w_k' = −∂L/∂w_k`, and its
/// Jacobian `−∂²L/∂θ∂θ` (see `TwoLayerFlow`).
extension Expr {
    /// ∂^order self / ∂variable^order.
    public func derivative(_ variable: String, order: Int = 1) -> Expr {
        precondition(order >= 0, "derivative order must be ≥ 0")
        var e = self
        for _ in 0..<order {
            var memo: [ObjectIdentifier: Expr] = [:]
            e = e.d(variable, &memo)
        }
        return e
    }

    /// The gradient (∂self/∂v for v in `variables`).
    public func gradient(_ variables: [String]) -> [Expr] { variables.map { derivative($0) } }

    /// The Hessian matrix (∂²self/∂u∂v), symmetric (each off-diagonal entry derived once).
    public func hessian(_ variables: [String]) -> [[Expr]] {
        let g = gradient(variables)
        var h = Array(repeating: Array(repeating: Expr.zero, count: variables.count), count: variables.count)
        for i in variables.indices {
            for j in i..<variables.count {
                h[i][j] = g[i].derivative(variables[j])
                h[j][i] = h[i][j]
            }
        }
        return h
    }

    private func d(_ v: String, _ memo: inout [ObjectIdentifier: Expr]) -> Expr {
        let id = ObjectIdentifier(node)
        if let r = memo[id] { return r }
        let r: Expr
        switch kind {
        case .constant, .pi, .e: r = .zero
        case .undefined: r = .undefined
        case .variable(let name): r = name == v ? .one : .zero
        case .sum(let ts):
            r = .sum(ts.map { $0.d(v, &memo) })
        case .product(let fs):
            var terms: [Expr] = []
            for i in fs.indices {
                let dfi = fs[i].d(v, &memo)
                if dfi.isZero { continue }
                var others = fs
                others[i] = dfi
                terms.append(.product(others))
            }
            r = .sum(terms)
        case .power(let b, let p):
            let db = b.d(v, &memo)
            r = db.isZero ? .zero : .product([.constant(p), .power(b, p - Rational(1)), db])
        case .apply(let f, let a):
            let da = a.d(v, &memo)
            if da.isZero { r = .zero; break }
            let outer: Expr
            switch f {
            case .exp: outer = self
            case .log: outer = .power(a, Rational(-1))
            case .tanh: outer = 1 - .power(self, Rational(2))
            case .sinh: outer = .cosh(a)
            case .cosh: outer = .sinh(a)
            case .sech: outer = -(self * .tanh(a))
            case .relu: outer = .heaviside(a)
            case .leakyRelu(let s): outer = .constant(s) + .constant(Rational(1) - s) * .heaviside(a)
            case .abs: outer = .sign(a)
            case .heaviside, .sign: outer = .zero
            }
            r = outer * da
        }
        memo[id] = r
        return r
    }
}
