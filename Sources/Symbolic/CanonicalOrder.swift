import MultiPrecision

/// The canonical total order on expressions in canonical form, used to sort the terms of a
/// sum and the factors of a product, so that equal sums and products have identical nodes.
///
/// Each expression is compared through a key: a product is the list of its non-constant
/// factors plus its coefficient (any other expression is the one-factor list with coefficient
/// 1, a constant the empty list); a factor is (base, exponent) (a non-power has exponent 1);
/// bases are compared by kind rank, then structurally. Hence constants sort first and, within
/// a sum, `x < x² < x·y < y`.
extension Expr {
    /// −1, 0, +1 as `a` sorts before, equal to, after `b`.
    static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a.node === b.node { return 0 }
        let (fa, ca) = a.productView, (fb, cb) = b.productView
        let n = min(fa.count, fb.count)
        for i in 0..<n {
            let c = compareFactor(fa[i], fb[i])
            if c != 0 { return c }
        }
        if fa.count != fb.count { return fa.count < fb.count ? -1 : 1 }
        if ca == cb { return 0 }
        return ca < cb ? -1 : 1
    }

    /// True if `a` sorts strictly before `b`.
    static func precedes(_ a: Expr, _ b: Expr) -> Bool { compare(a, b) < 0 }

    /// (non-constant factors, coefficient).
    var productView: ([Expr], Rational) {
        switch kind {
        case .constant(let r): return ([], r)
        case .product(let fs):
            if case .constant(let c) = fs[0].kind { return (Array(fs.dropFirst()), c) }
            return (fs, Rational(1))
        default: return ([self], Rational(1))
        }
    }

    private static func compareFactor(_ a: Expr, _ b: Expr) -> Int {
        if a.node === b.node { return 0 }
        let (ba, ea) = a.powerView, (bb, eb) = b.powerView
        let c = compareBase(ba, bb)
        if c != 0 { return c }
        if ea == eb { return 0 }
        return ea < eb ? -1 : 1
    }

    /// (base, exponent): x^r ↦ (x, r), anything else ↦ (self, 1).
    var powerView: (Expr, Rational) {
        if case .power(let b, let r) = kind { return (b, r) }
        return (self, Rational(1))
    }

    private var rank: Int {
        switch kind {
        case .constant: return 0
        case .pi: return 1
        case .e: return 2
        case .variable: return 3
        case .apply: return 4
        case .sum: return 5
        case .product: return 6
        case .power: return 7
        case .undefined: return 8
        }
    }

    private static func compareBase(_ a: Expr, _ b: Expr) -> Int {
        if a.node === b.node { return 0 }
        let ra = a.rank, rb = b.rank
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.kind, b.kind) {
        case (.constant(let x), .constant(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.variable(let x), .variable(let y)):
            return naturalCompare(x, y)
        case (.apply(let f, let x), .apply(let g, let y)):
            if f.rank != g.rank { return f.rank < g.rank ? -1 : 1 }
            if case .leakyRelu(let s) = f, case .leakyRelu(let t) = g, s != t { return s < t ? -1 : 1 }
            return compare(x, y)
        case (.sum(let xs), .sum(let ys)), (.product(let xs), .product(let ys)):
            for (x, y) in zip(xs, ys) {
                let c = compare(x, y)
                if c != 0 { return c }
            }
            return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
        case (.power(let x, let r), .power(let y, let s)):
            let c = compare(x, y)
            if c != 0 { return c }
            return r == s ? 0 : (r < s ? -1 : 1)
        default:
            return 0
        }
    }

    /// Compares names with embedded numbers by value: `w_2 < w_10`.
    static func naturalCompare(_ x: String, _ y: String) -> Int {
        var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
        var a = i.next(), b = j.next()
        while let ca = a, let cb = b {
            let da = ca.properties.numericType != nil && ca.isASCII, db = cb.properties.numericType != nil && cb.isASCII
            if da && db {
                var na = "", nb = ""
                while let c = a, c.isASCII, c.properties.numericType != nil { na.unicodeScalars.append(c); a = i.next() }
                while let c = b, c.isASCII, c.properties.numericType != nil { nb.unicodeScalars.append(c); b = j.next() }
                let ta = na.drop { $0 == "0" }, tb = nb.drop { $0 == "0" }
                if ta.count != tb.count { return ta.count < tb.count ? -1 : 1 }
                if ta != tb { return ta < tb ? -1 : 1 }
                if na.count != nb.count { return na.count < nb.count ? -1 : 1 }
                continue
            }
            if ca != cb { return ca.value < cb.value ? -1 : 1 }
            a = i.next(); b = j.next()
        }
        if a == nil && b == nil { return 0 }
        return a == nil ? -1 : 1
    }
}
