import MultiPrecision

/// Substitution of variables and replacement of subexpressions; results are canonical.
extension Expr {
    /// Rebuilds this node through the canonical constructors with `transform` applied to its
    /// children.
    public func mapChildren(_ transform: (Expr) -> Expr) -> Expr {
        switch kind {
        case .constant, .pi, .e, .variable, .undefined: return self
        case .sum(let ts): return .sum(ts.map(transform))
        case .product(let fs): return .product(fs.map(transform))
        case .power(let b, let r): return .power(transform(b), r)
        case .apply(let f, let a): return .apply(f, transform(a))
        }
    }

    /// Every occurrence of a variable named in `values` replaced by its expression
    /// (simultaneously: `x ↦ y, y ↦ x` swaps).
    public func substituting(_ values: [String: Expr]) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        func go(_ e: Expr) -> Expr {
            let id = ObjectIdentifier(e.node)
            if let r = memo[id] { return r }
            let r: Expr
            if case .variable(let name) = e.kind { r = values[name] ?? e } else { r = e.mapChildren(go) }
            memo[id] = r
            return r
        }
        return go(self)
    }

    /// `self` with `variable` replaced by `value`.
    public func substituting(_ variable: String, with value: Expr) -> Expr { substituting([variable: value]) }

    /// Every subexpression equal (structurally) to a key of `replacements` replaced by its
    /// value, outermost first (a replaced subtree is not searched further). Used to abbreviate
    /// derived formulas, e.g. the residual e_i and preactivation u_ik of proofs/THEORY.md §1.
    public func replacing(_ replacements: [Expr: Expr]) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        func go(_ e: Expr) -> Expr {
            let id = ObjectIdentifier(e.node)
            if let r = memo[id] { return r }
            let r = replacements[e] ?? e.mapChildren(go)
            memo[id] = r
            return r
        }
        return go(self)
    }

    /// The normal form for polynomial arithmetic: products distributed over sums and positive
    /// integer powers of sums multiplied out, recursively (also inside function arguments).
    /// Two polynomials (or Laurent polynomials) with rational coefficients in any variables,
    /// π and e are equal iff their expanded forms compare equal.
    public func expanded() -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        func go(_ e: Expr) -> Expr {
            let id = ObjectIdentifier(e.node)
            if let r = memo[id] { return r }
            var r = e.mapChildren(go)
            switch r.kind {
            case .product(let fs):
                r = Expr.distribute(fs)
            case .power(let b, let p):
                if case .sum = b.kind, let n = p.intValue, n > 1 {
                    r = Expr.distribute(Array(repeating: b, count: n))
                }
            default: break
            }
            memo[id] = r
            return r
        }
        return go(self)
    }

    /// The expanded product of already expanded factors.
    private static func distribute(_ factors: [Expr]) -> Expr {
        var terms: [Expr] = [.one]
        for f in factors {
            let fterms: [Expr]
            if case .sum(let ts) = f.kind { fterms = ts } else { fterms = [f] }
            var next: [Expr] = []
            next.reserveCapacity(terms.count * fterms.count)
            let budget = SeriesBudget.current
            for t in terms {
                for u in fterms {
                    // Inside a series expansion past its budget: stop (the expansion throws).
                    if let budget, !budget.charge() { return .sum(terms) }
                    next.append(.product([t, u]))
                }
            }
            terms = [.sum(next)]
            if case .sum(let ts) = terms[0].kind { terms = ts }
        }
        return .sum(terms)
    }
}
