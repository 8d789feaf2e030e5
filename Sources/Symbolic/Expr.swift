import MultiPrecision

/// An exact symbolic expression over the reals: the language in which the symbolic layer
/// states the model of proofs/THEORY.md §1 (activation σ, loss L, gradient-flow field −∇L and its
/// Jacobian −∇²L) and the series of claim 2 (σ(u) − uσ'(u) = (2/3)u³ − (8/15)u⁵ + … for tanh).
///
/// An `Expr` is immutable, with value semantics; its node is shared, so copies are cheap and
/// equality of identical subtrees is O(1). Every public constructor (`+`, `*`, `Expr.tanh`, …)
/// returns the expression in **canonical form** (see `Simplification.swift`): sums and products
/// flattened and sorted, like terms and like factors collected, rational constants folded
/// exactly, identities applied. Hence two polynomial expressions with rational coefficients that
/// are equal as polynomials compare equal after `expanded()`.
///
/// Constants are exact (`Rational`, π, e); nothing is rounded until an expression is evaluated
/// (`evaluate(at:precision:)`, `enclosure(at:precision:)`, `CompiledExpression`).
public struct Expr: @unchecked Sendable {
    /// The shared, immutable node; caches its hash and size.
    @usableFromInline final class Node: @unchecked Sendable {
        let kind: Kind
        let hash: Int
        /// The number of nodes of the tree (shared subtrees counted each time they occur),
        /// saturating at Int.max.
        let size: Int

        init(_ kind: Kind) {
            self.kind = kind
            self.hash = kind.hashValue
            switch kind {
            case .constant, .pi, .e, .variable, .undefined: size = 1
            case .sum(let xs), .product(let xs): size = xs.reduce(1) { Node.saturatingSum($0, $1.node.size) }
            case .power(let b, _): size = Node.saturatingSum(1, b.node.size)
            case .apply(_, let a): size = Node.saturatingSum(1, a.node.size)
            }
        }

        /// a + b, or Int.max when that overflows: a tree with shared subtrees counts them at
        /// each occurrence, so its size can exceed any integer (exp(exp(exp(x))) expanded).
        static func saturatingSum(_ a: Int, _ b: Int) -> Int {
            let (s, overflow) = a.addingReportingOverflow(b)
            return overflow ? Int.max : s
        }
    }

    @usableFromInline let node: Node

    /// A node exactly as given, without simplification (internal: the canonical constructors
    /// call it once their arguments are in canonical form).
    init(raw kind: Kind) { node = Node(kind) }

    /// The structure of this expression, for pattern matching.
    public var kind: Kind { node.kind }

    /// The number of nodes of the expression tree.
    public var size: Int { node.size }
}

extension Expr {
    /// The node kinds. In canonical form a `sum` has at least two terms and a `product` at
    /// least two factors; a product's rational coefficient, if any (≠ 1), is its first factor.
    public enum Kind: Hashable, Sendable {
        /// An exact rational constant.
        case constant(Rational)
        /// π.
        case pi
        /// Euler's number e.
        case e
        /// A real variable (a parameter a_k, w_kj, a datum x_ij, y_i, or an activation's input).
        case variable(String)
        /// t₁ + t₂ + …
        case sum([Expr])
        /// f₁ · f₂ · …
        case product([Expr])
        /// base^exponent with an exact rational exponent (√x is x^(1/2)).
        case power(Expr, Rational)
        /// A function of one argument.
        case apply(Function, Expr)
        /// The result of an undefined operation on constants (1/0, log 0, (−1)^(1/2)):
        /// evaluates to NaN; the parser reports it as an error.
        case undefined
    }

    /// The functions of one argument. Smooth: exp, log (natural), tanh, sinh, cosh,
    /// sech = 1/cosh. Piecewise linear (proofs/THEORY.md §1: relu is 1-homogeneous, so claim 1 applies),
    /// with these **conventions at the kink 0**:
    ///
    /// - `relu(x) = max(x, 0)`, `relu'(x) = heaviside(x)`, so **relu'(0) = 0**;
    /// - `leakyRelu(x) = x` for x > 0, `slope·x` for x ≤ 0; its derivative is
    ///   `slope + (1 − slope)·heaviside(x)`, so **leakyRelu'(0) = slope**;
    /// - `abs(x) = |x|`, `abs'(x) = sign(x)`, so **abs'(0) = 0**;
    /// - `heaviside(x) = 1` for x > 0 and 0 for x ≤ 0 (**H(0) = 0**); `sign(x) ∈ {−1, 0, 1}`.
    ///   Their derivatives are taken as 0 (the derivative almost everywhere; the Dirac mass at
    ///   the kink is dropped). With these conventions `u·σ'(u) = σ(u)` holds at every u,
    ///   including 0, for relu, leaky relu and abs (claim 1).
    public enum Function: Hashable, Sendable {
        case exp, log, tanh, sinh, cosh, sech
        case relu
        case leakyRelu(slope: Rational)
        case abs
        case heaviside
        case sign

        /// The name used by the parser and the plain-text printer.
        public var name: String {
            switch self {
            case .exp: return "exp"
            case .log: return "log"
            case .tanh: return "tanh"
            case .sinh: return "sinh"
            case .cosh: return "cosh"
            case .sech: return "sech"
            case .relu: return "relu"
            case .leakyRelu: return "leakyrelu"
            case .abs: return "abs"
            case .heaviside: return "heaviside"
            case .sign: return "sign"
            }
        }

        /// A fixed rank, for the canonical order.
        var rank: Int {
            switch self {
            case .exp: return 0
            case .log: return 1
            case .tanh: return 2
            case .sinh: return 3
            case .cosh: return 4
            case .sech: return 5
            case .relu: return 6
            case .leakyRelu: return 7
            case .abs: return 8
            case .heaviside: return 9
            case .sign: return 10
            }
        }
    }
}

extension Expr: Hashable {
    public static func == (a: Expr, b: Expr) -> Bool {
        a.node === b.node || (a.node.hash == b.node.hash && a.node.kind == b.node.kind)
    }

    public func hash(into h: inout Hasher) { h.combine(node.hash) }
}

// MARK: Leaves and queries

extension Expr {
    /// The exact rational constant `r`.
    public static func constant(_ r: Rational) -> Expr { Expr(raw: .constant(r)) }
    /// The variable named `name`.
    public static func variable(_ name: String) -> Expr { Expr(raw: .variable(name)) }
    /// π.
    public static var pi: Expr { Expr(raw: .pi) }
    /// Euler's number e = exp(1).
    public static var e: Expr { Expr(raw: .e) }
    /// The undefined value (NaN).
    public static var undefined: Expr { Expr(raw: .undefined) }

    public static var zero: Expr { .constant(Rational(0)) }
    public static var one: Expr { .constant(Rational(1)) }

    /// The value if this expression is a rational constant.
    public var rationalValue: Rational? {
        if case .constant(let r) = kind { return r }
        return nil
    }

    public var isZero: Bool { rationalValue?.isZero ?? false }
    public var isOne: Bool { rationalValue == Rational(1) }
    public var isUndefined: Bool { if case .undefined = kind { return true } else { return false } }

    /// The direct subexpressions.
    public var children: [Expr] {
        switch kind {
        case .constant, .pi, .e, .variable, .undefined: return []
        case .sum(let xs), .product(let xs): return xs
        case .power(let b, _): return [b]
        case .apply(_, let a): return [a]
        }
    }

    /// True if `undefined` occurs anywhere in the expression.
    public var containsUndefined: Bool {
        if isUndefined { return true }
        return children.contains { $0.containsUndefined }
    }

    /// The names of the variables that occur in the expression.
    public var freeVariables: Set<String> {
        var seen = Set<ObjectIdentifier>(), names = Set<String>()
        func walk(_ x: Expr) {
            guard seen.insert(ObjectIdentifier(x.node)).inserted else { return }
            if case .variable(let n) = x.kind { names.insert(n) }
            for c in x.children { walk(c) }
        }
        walk(self)
        return names
    }
}

extension Expr: ExpressibleByIntegerLiteral {
    public init(integerLiteral n: Int) { self = .constant(Rational(n)) }
}

extension Expr: ExpressibleByStringLiteral {
    /// A variable: `let x: Expr = "x"`.
    public init(stringLiteral name: String) { self = .variable(name) }
}

// MARK: Rational helpers

extension Rational {
    /// The value as an `Int` if it is an integer that fits.
    var intValue: Int? { isInteger ? Int(numeratorDescription) : nil }
    /// Numerator and denominator as `Int`s if both fit.
    var intParts: (Int, Int)? {
        guard let p = Int(numeratorDescription), let q = Int(denominatorDescription) else { return nil }
        return (p, q)
    }
}
